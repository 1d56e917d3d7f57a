package io.resettle.output;

import io.resettle.policy.OutputPolicy.Invoicing;
import io.resettle.policy.OutputPolicy.Item;
import io.resettle.support.csv.CsvOutput;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The tax bureau's 数电票 batch-invoicing import workbook (批量开票-导入开票模板, version V260401),
 * {@code invoicing-<period>-r<n>-<k>.xlsx}, from invoices.csv and invoice-lines.csv, laid out as the
 * official template: sheet {@code 1-发票基本信息} (headers on row 3, one invoice a row from row 4),
 * {@code 2-发票明细信息} (one detail row per invoice and category, or derived line kind), the
 * template's other sheets with their headers and empty, and the hidden {@code excelVersion} sheet
 * (A4 {@code pt:20260401}). Every cell is text, as the template requires. The template's hidden
 * look-up sheets, which only feed its drop-down lists, are not written.
 *
 * <p>A detail row's 金额 is the payable of its lines, 折扣金额 their discount; 金额 − 折扣金额 over an
 * invoice is its net. 发票流水号 (≤ 20 characters) is {@code P<yyyyMM>R<revision>N<number>}, the
 * number counting the invoices written in invoice id order; invoice-serials.csv maps it to the
 * invoice id. At most 2,000 detail rows go in one workbook (the template's limit); an invoice is never
 * split over two. An invoice the template cannot carry (a detail row not above zero, e.g. a rebate
 * credit; no item for a category; 增值税专用发票 without a tax id) is left out and said so in
 * invoice-serials.csv.
 */
public final class InvoicingWorkbooks {

    public static final String SERIALS = "invoice-serials.csv";
    public static final String VERSION = "pt:20260401";
    public static final int DETAIL_ROWS_PER_FILE = 2_000;
    static final String BASIC = "1-发票基本信息";
    static final String DETAIL = "2-发票明细信息";
    static final String SPECIAL = "3-特定业务信息";
    static final String EXTRA = "4-附加要素信息";

    static final List<String> BASIC_HEADERS = List.of("发票流水号", "发票类型", "特定业务类型", "是否含税", "受票方自然人标识",
            "购买方名称", "购买方纳税人识别号", "购买方证件类型", "购买方证件号码", "购买方国籍（或地区）", "购买方地址",
            "购买方所在地区（报废产品收购必填）", "购买方所在地区（报废产品收购必填）", "购买方所在地区（报废产品收购必填）",
            "购买方所在地区（报废产品收购必填）", "购买方详细地址（报废产品收购必填）", "购买方电话", "购买方开户银行", "购买方银行账号",
            "是否展示购买方地址电话银行账号", "是否开具涉税专业服务发票品目", "涉税专业服务协议编号", "备注", "报废产品销售类型",
            "每千克煤炭\n发热量", "干基全硫", "干燥无灰基挥发分", "销售方开户行", "销售方银行账号", "是否展示销售方地址电话银行账号",
            "购买方邮箱", "购买方经办人姓名", "购买方经办人证件类型", "购买方经办人证件号码", "经办人国籍(地区)",
            "经办人自然人纳税人识别号", "放弃享受减按1%征收率\n原因", "收款人", "复核人");
    static final List<String> DETAIL_HEADERS = List.of("发票流水号", "项目名称", "商品和服务税收编码", "规格型号", "单位", "数量",
            "单价", "金额", "税率", "折扣金额", "是否使用优惠政策", "优惠政策类型", "即征即退类型", "煤炭种类");
    static final List<String> SPECIAL_HEADERS = List.of("发票流水号", "建筑服务发生地", "发生地详细地址", "建筑项目名称",
            "土地增值税项目编号", "跨地市标志", "跨区域涉税事项报验管理编号", "起运地", "到达地", "运输工具种类", "运输工具牌号",
            "运输货物名称", "产权证书/不动产权证号码", "不动产地址", "不动产详细地址", "不动产单元代码/网签合同备案编码",
            "土地增值税项目编号", "核定计税价格", "实际成交含税金额", "跨地市标志", "面积单位", "产权证书/不动产权证号码", "不动产地址",
            "不动产详细地址", "租赁期起", "租赁期止", "跨地市标志", "面积单位", "车牌号", "保险单号", "车牌号/船舶登记号", "税款所属期起",
            "税款所属期止", "代收车船税金额", "滞纳金金额", "金额合计", "车辆识别代码/车架号码", "出行人", "出行人证件类型",
            "出行人证件号码", "出行日期", "出发地", "到达地", "交通工具类型", "等级", "是否用于办理拖拉机和联合收割机登记", "发动机号码",
            "底盘号/机架号");
    static final List<String> EXTRA_HEADERS = List.of("发票流水号", "附加要素名称", "附加要素内容");

    /** A workbook written: its detail rows and the net (金额 − 折扣金额) it carries. */
    public record File(String name, Path path, long invoices, long detailRows, BigDecimal amount, BigDecimal discount) {
    }

    /** @param serials invoice-serials.csv */
    public record Written(List<File> files, Path serials, long serialRows, long leftOut) {
    }

    private final Path folder;
    private final YearMonth period;
    private final int revision;
    private final int detailRowsPerFile;

    public InvoicingWorkbooks(Path folder, YearMonth period, int revision) {
        this(folder, period, revision, DETAIL_ROWS_PER_FILE);
    }

    InvoicingWorkbooks(Path folder, YearMonth period, int revision, int detailRowsPerFile) {
        this.folder = folder;
        this.period = period;
        this.revision = revision;
        this.detailRowsPerFile = detailRowsPerFile;
    }

    public static String name(YearMonth period, int revision, int number) {
        return "invoicing-" + period + "-r" + revision + "-" + number + ".xlsx";
    }

    /** Workbooks an earlier attempt wrote for this revision: removed before writing, so only this attempt's stand. */
    public static void deleteEarlier(Path folder, YearMonth period, int revision) {
        String prefix = "invoicing-" + period + "-r" + revision + "-";
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove earlier workbooks in " + folder, e);
        }
    }

    private record Detail(String key, Item item, BigDecimal amount, BigDecimal discount) {
    }

    private record Invoice(CSVRecord row, List<Detail> details, String leftOutBecause) {
    }

    public Written write(Invoicing policy) {
        deleteEarlier(folder, period, revision);
        List<File> files = new ArrayList<>();
        long leftOut = 0;
        long serialRows = 0;
        try (Reader invoiceReader = Files.newBufferedReader(folder.resolve("invoices.csv"), StandardCharsets.UTF_8);
                CSVParser invoices = parser(invoiceReader);
                Reader lineReader = Files.newBufferedReader(folder.resolve("invoice-lines.csv"), StandardCharsets.UTF_8);
                CSVParser lines = parser(lineReader);
                CsvOutput serials = CsvOutput.create(folder.resolve(SERIALS), "invoice_id", "serial", "workbook", "note")) {
            Iterator<CSVRecord> lineRows = lines.iterator();
            CSVRecord pendingLine = lineRows.hasNext() ? lineRows.next() : null;
            Book book = null;
            long number = 0;
            for (CSVRecord invoiceRow : invoices) {
                String id = invoiceRow.get("invoice_id");
                Map<String, BigDecimal[]> sums = new LinkedHashMap<>();
                while (pendingLine != null && pendingLine.get("invoice_id").equals(id)) {
                    String kind = pendingLine.get("kind");
                    String key = kind.equals("CHARGE") ? pendingLine.get("category") : kind;
                    BigDecimal[] sum = sums.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    sum[0] = sum[0].add(new BigDecimal(pendingLine.get("payable")));
                    sum[1] = sum[1].add(new BigDecimal(pendingLine.get("discount")));
                    pendingLine = lineRows.hasNext() ? lineRows.next() : null;
                }
                Invoice invoice = invoice(invoiceRow, sums, policy);
                serialRows++;
                if (invoice.leftOutBecause() != null) {
                    serials.row(id, null, null, invoice.leftOutBecause());
                    leftOut++;
                    continue;
                }
                if (book != null && book.detailRows + invoice.details().size() > detailRowsPerFile && book.invoices > 0) {
                    files.add(book.save());
                    book = null;
                }
                if (book == null) {
                    book = new Book(name(period, revision, files.size() + 1));
                }
                String serial = serial(++number);
                book.add(serial, invoice, policy);
                serials.row(id, serial, book.name, null);
            }
            if (book != null) {
                files.add(book.save());
            }
            serials.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the invoices in " + folder, e);
        }
        return new Written(files, folder.resolve(SERIALS), serialRows, leftOut);
    }

    private static CSVParser parser(Reader reader) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
    }

    /** {@code P202609R1N00001}: at most 20 characters up to revision 99 and 9,999,999 invoices. */
    String serial(long number) {
        return "P" + period.toString().replace("-", "") + "R" + revision + "N" + String.format("%05d", number);
    }

    private static Invoice invoice(CSVRecord row, Map<String, BigDecimal[]> sums, Invoicing policy) {
        List<Detail> details = new ArrayList<>();
        for (Map.Entry<String, BigDecimal[]> sum : sums.entrySet()) {
            var item = policy.itemFor(sum.getKey());
            if (item.isEmpty()) {
                return new Invoice(row, details, "invoicing.items has no item for " + sum.getKey() + " (nor a default)");
            }
            BigDecimal amount = sum.getValue()[0];
            BigDecimal discount = sum.getValue()[1];
            if (amount.signum() <= 0 || discount.signum() < 0 || discount.compareTo(amount) > 0) {
                return new Invoice(row, details, sum.getKey() + " comes to " + CsvOutput.money(amount) + " with discount "
                        + CsvOutput.money(discount) + ": a 数电票 detail row must be above zero; issue this invoice by hand");
            }
            details.add(new Detail(sum.getKey(), item.get(), amount, discount));
        }
        if (details.isEmpty()) {
            return new Invoice(row, details, "no lines");
        }
        if (policy.invoiceTypeOf(row.get("sub_account_id")).equals(Invoicing.SPECIAL) && row.get("tax_id").isEmpty()) {
            return new Invoice(row, details, "增值税专用发票 needs the buyer's tax_id (accounts.csv)");
        }
        return new Invoice(row, details, null);
    }

    /** One workbook being written. */
    private final class Book {
        final String name;
        final SXSSFWorkbook workbook = new SXSSFWorkbook(null, 200, true, false);
        final CellStyle text;
        final SXSSFSheet basic;
        final SXSSFSheet detail;
        int basicRow = 3;
        int detailRow = 3;
        long invoices;
        long detailRows;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal discount = BigDecimal.ZERO;

        Book(String name) {
            this.name = name;
            text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
            basic = sheet(BASIC, BASIC_HEADERS, "填表说明：数电发票批量导入，发票流水号关联明细信息（Resettle " + period + " r" + revision + "）");
            SXSSFSheet version = workbook.createSheet("excelVersion");
            version.createRow(3).createCell(0).setCellValue(VERSION);
            workbook.setSheetVisibility(workbook.getSheetIndex(version), SheetVisibility.HIDDEN);
            detail = sheet(DETAIL, DETAIL_HEADERS, "填表说明：全部数据使用文本输入；系统根据发票流水号将发票明细与发票基本信息关联");
            sheet(SPECIAL, SPECIAL_HEADERS, "");
            sheet(EXTRA, EXTRA_HEADERS, "");
        }

        private SXSSFSheet sheet(String sheetName, List<String> headers, String instructions) {
            SXSSFSheet sheet = workbook.createSheet(sheetName);
            for (int i = 0; i < headers.size(); i++) {
                sheet.setDefaultColumnStyle(i, text);
                sheet.setColumnWidth(i, 16 * 256);
            }
            if (!instructions.isEmpty()) {
                sheet.createRow(0).createCell(0).setCellValue(instructions);
            }
            Row header = sheet.createRow(2);
            for (int i = 0; i < headers.size(); i++) {
                header.createCell(i).setCellValue(headers.get(i));
            }
            return sheet;
        }

        void add(String serial, Invoice invoice, Invoicing policy) {
            CSVRecord row = invoice.row();
            String[] cells = new String[BASIC_HEADERS.size()];
            cells[0] = serial;
            cells[1] = policy.invoiceTypeOf(row.get("sub_account_id"));
            cells[3] = policy.amountsIncludeTax() ? "是" : "否";
            cells[4] = "否";
            cells[5] = limit(unguarded(row.get("invoice_title")), 100);
            cells[6] = row.get("tax_id");
            cells[22] = limit((policy.note().isEmpty() ? "" : policy.note() + " ") + row.get("invoice_id") + " "
                    + row.get("period"), 230);
            put(basic.createRow(basicRow++), cells);
            for (Detail line : invoice.details()) {
                String[] detailCells = new String[DETAIL_HEADERS.size()];
                detailCells[0] = serial;
                detailCells[1] = line.item().name();
                detailCells[2] = line.item().code();
                detailCells[7] = CsvOutput.money(line.amount());
                detailCells[8] = policy.taxRate().stripTrailingZeros().toPlainString();
                detailCells[9] = line.discount().signum() == 0 ? null : CsvOutput.money(line.discount());
                put(detail.createRow(detailRow++), detailCells);
                detailRows++;
                amount = amount.add(line.amount());
                discount = discount.add(line.discount());
            }
            invoices++;
        }

        private void put(Row row, String[] cells) {
            for (int i = 0; i < cells.length; i++) {
                if (cells[i] != null && !cells[i].isEmpty()) {
                    var cell = row.createCell(i);
                    cell.setCellValue(cells[i]);
                    cell.setCellStyle(text);
                }
            }
        }

        File save() {
            Path target = folder.resolve(name);
            StableZip.save(workbook, target, period.atDay(1).atStartOfDay());
            try {
                workbook.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new File(name, target, invoices, detailRows, amount, discount);
        }
    }

    private static String unguarded(String text) {
        return text.length() > 1 && text.charAt(0) == '\'' && "=+-@".indexOf(text.charAt(1)) >= 0 ? text.substring(1) : text;
    }

    private static String limit(String text, int length) {
        return text.codePointCount(0, text.length()) <= length ? text : text.substring(0, text.offsetByCodePoints(0, length));
    }
}
