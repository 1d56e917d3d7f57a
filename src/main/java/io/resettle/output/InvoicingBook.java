package io.resettle.output;

import static io.resettle.output.InvoicingTemplate.BASIC;
import static io.resettle.output.InvoicingTemplate.BASIC_HEADERS;
import static io.resettle.output.InvoicingTemplate.DETAIL;
import static io.resettle.output.InvoicingTemplate.DETAIL_HEADERS;
import static io.resettle.output.InvoicingTemplate.EXTRA;
import static io.resettle.output.InvoicingTemplate.EXTRA_HEADERS;
import static io.resettle.output.InvoicingTemplate.SPECIAL;
import static io.resettle.output.InvoicingTemplate.SPECIAL_HEADERS;
import static io.resettle.output.InvoicingTemplate.VERSION;

import io.resettle.output.InvoicingWorkbooks.Detail;
import io.resettle.output.InvoicingWorkbooks.File;
import io.resettle.output.InvoicingWorkbooks.Invoice;
import io.resettle.policy.OutputPolicy.Invoicing;
import io.resettle.support.csv.CsvOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** One 数电票 import workbook being written, laid out as the template ({@link InvoicingTemplate}). */
final class InvoicingBook {

    private final Path folder;
    private final YearMonth period;
    private final String name;
    private final SXSSFWorkbook workbook = new SXSSFWorkbook(null, 200, true, false);
    private final CellStyle text;
    private final SXSSFSheet basic;
    private final SXSSFSheet detail;
    private int basicRow = 3;
    private int detailRow = 3;
    private long invoices;
    private long detailRows;
    private BigDecimal amount = BigDecimal.ZERO;
    private BigDecimal discount = BigDecimal.ZERO;

    InvoicingBook(Path folder, YearMonth period, int revision, String name) {
        this.folder = folder;
        this.period = period;
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

    String name() {
        return name;
    }

    long invoices() {
        return invoices;
    }

    long detailRows() {
        return detailRows;
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

    private static String unguarded(String text) {
        return text.length() > 1 && text.charAt(0) == '\'' && "=+-@".indexOf(text.charAt(1)) >= 0 ? text.substring(1) : text;
    }

    private static String limit(String text, int length) {
        return text.codePointCount(0, text.length()) <= length ? text : text.substring(0, text.offsetByCodePoints(0, length));
    }
}
