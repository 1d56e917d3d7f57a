package io.resettle.output;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.GZIPSheetDataWriter;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * The period workbook {@code settlement-<period>-r<n>.xlsx}: a summary sheet, then one sheet per
 * output file of the revision, read back from the CSVs just written (so its figures are theirs),
 * numbers as numbers, frozen header, filters. Streamed with POI's SXSSF (a window of rows in
 * memory, the rest in compressed temporary files), so a million invoice lines need no more heap
 * than the CSVs.
 *
 * <p>A sheet holds at most 1,048,576 rows: a file with more data rows goes on in a second sheet
 * ({@code invoice-lines (2)}, header repeated), and the summary lists which rows each sheet holds.
 *
 * <p>Byte-stable: POI's created date is fixed to the first day of the period and every zip entry
 * time to the same moment ({@link StableZip}), so the same CSVs give the same bytes, also after a
 * restart.
 */
public final class PeriodWorkbook {

    /** Excel's rows per sheet, the header included. */
    public static final int EXCEL_ROWS = 1_048_576;

    public enum Headers {
        EN, ZH
    }

    /** What manifest.json says of the workbook: data rows over all sheets, invoice totals. */
    public record Written(String name, Path file, long rows, Map<String, BigDecimal> totals) {
    }

    private final Path folder;
    private final YearMonth period;
    private final int revision;
    private final String exitStatus;
    private final Headers headers;
    private final int rowsPerSheet;

    public PeriodWorkbook(Path folder, YearMonth period, int revision, String exitStatus, Headers headers) {
        this(folder, period, revision, exitStatus, headers, EXCEL_ROWS);
    }

    /** {@code rowsPerSheet}: the header included; smaller than Excel's only to test the split. */
    PeriodWorkbook(Path folder, YearMonth period, int revision, String exitStatus, Headers headers, int rowsPerSheet) {
        this.folder = folder;
        this.period = period;
        this.revision = revision;
        this.exitStatus = exitStatus;
        this.headers = headers;
        this.rowsPerSheet = rowsPerSheet;
    }

    /**
     * SXSSF with less compressing where it does not reach the file (issue 20): the temporary sheet
     * files at the fastest level, and the zip POI writes stored, since {@link StableZip} inflates it
     * and deflates every entry again anyway. At a million lines deflating took most of the
     * workbook's time, a third in each of the three passes; the bytes written are the same.
     */
    private static final class FastWorkbook extends SXSSFWorkbook {
        FastWorkbook() {
            super(null, 200, true, false);
        }

        @Override
        protected SheetDataWriter createSheetDataWriter() throws IOException {
            return new GZIPSheetDataWriter() {
                @Override
                protected OutputStream decorateOutputStream(FileOutputStream file) throws IOException {
                    return new GZIPOutputStream(file, 1 << 16) {
                        {
                            def.setLevel(Deflater.BEST_SPEED);
                        }
                    };
                }
            };
        }

        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
            ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
            zip.setLevel(Deflater.NO_COMPRESSION);
            return zip;
        }
    }

    public static String name(YearMonth period, int revision) {
        return "settlement-" + period + "-r" + revision + ".xlsx";
    }

    /** Writes the workbook from {@code csvFiles} (names in the folder, in sheet order) under a temporary name, then renames it. */
    public Written write(List<String> csvFiles) {
        return write(csvFiles, List.of());
    }

    /** As {@link #write(List)}, the summary also listing {@code notes}: what the other files of the revision hold or why one is missing. */
    public Written write(List<String> csvFiles, List<String> notes) {
        String name = name(period, revision);
        Path target = folder.resolve(name);
        Path raw = folder.resolve("." + name + ".raw");
        Path temporary = folder.resolve("." + name + ".tmp");
        Summary summary = new Summary();
        long rows = 0;
        try (SXSSFWorkbook workbook = new FastWorkbook()) {
            Styles styles = new Styles(workbook);
            SXSSFSheet summarySheet = workbook.createSheet(headers == Headers.ZH ? "汇总" : "Summary");
            for (String file : csvFiles) {
                rows += writeSheets(workbook, styles, file, summary);
            }
            writeSummary(summarySheet, styles, summary, notes);
            LocalDateTime start = period.atDay(1).atStartOfDay();
            workbook.getXSSFWorkbook().getProperties().getCoreProperties()
                    .setCreated(Optional.of(Date.from(start.toInstant(ZoneOffset.UTC))));
            workbook.getXSSFWorkbook().getProperties().getCoreProperties().setCreator("Resettle");
            try (OutputStream out = Files.newOutputStream(raw)) {
                workbook.write(out);
            }
            workbook.dispose();
            StableZip.copy(raw, temporary, start);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            try {
                Files.deleteIfExists(raw);
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the temporary copies of " + target, e);
            }
        }
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        totals.put("payable", summary.invoicePayable);
        totals.put("discount", summary.invoiceDiscount);
        totals.put("net", summary.invoiceNet);
        return new Written(name, target, rows, totals);
    }

    // ---- the sheets of the files ----

    private long writeSheets(SXSSFWorkbook workbook, Styles styles, String file, Summary summary) throws IOException {
        String base = file.endsWith(".csv") ? file.substring(0, file.length() - 4) : file;
        try (Reader reader = Files.newBufferedReader(folder.resolve(file), StandardCharsets.UTF_8);
                CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            List<String> columns = csv.getHeaderNames();
            Kind[] kinds = new Kind[columns.size()];
            for (int i = 0; i < kinds.length; i++) {
                kinds[i] = Kind.of(file, columns.get(i));
            }
            int part = 1;
            SXSSFSheet sheet = newSheet(workbook, styles, base, part, columns, kinds);
            int rowInSheet = 0;
            long first = 1;
            long rows = 0;
            for (CSVRecord record : csv) {
                if (rowInSheet + 1 >= rowsPerSheet) {
                    finish(sheet, rowInSheet, columns.size());
                    summary.sheets.add(new SheetRange(sheet.getSheetName(), file, first, rows));
                    first = rows + 1;
                    sheet = newSheet(workbook, styles, base, ++part, columns, kinds);
                    rowInSheet = 0;
                }
                Row row = sheet.createRow(++rowInSheet);
                for (int i = 0; i < kinds.length && i < record.size(); i++) {
                    cell(row, i, kinds[i], record.get(i), styles);
                }
                summary.take(file, record);
                rows++;
            }
            finish(sheet, rowInSheet, columns.size());
            summary.sheets.add(new SheetRange(sheet.getSheetName(), file, first, rows));
            return rows;
        }
    }

    private SXSSFSheet newSheet(SXSSFWorkbook workbook, Styles styles, String base, int part, List<String> columns,
            Kind[] kinds) {
        SXSSFSheet sheet = workbook.createSheet(part == 1 ? base : base + " (" + part + ")");
        Row header = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            Cell cell = header.createCell(i);
            cell.setCellValue(ColumnNames.of(columns.get(i), headers));
            cell.setCellStyle(styles.header);
            int characters = Math.max(ColumnNames.of(columns.get(i), headers).length() * (headers == Headers.ZH ? 2 : 1),
                    kinds[i].width);
            sheet.setColumnWidth(i, Math.min(60, characters + 2) * 256);
        }
        sheet.createFreezePane(0, 1);
        return sheet;
    }

    private static void finish(SXSSFSheet sheet, int lastRow, int columns) {
        sheet.setAutoFilter(new CellRangeAddress(0, lastRow, 0, columns - 1));
    }

    private static void cell(Row row, int column, Kind kind, String text, Styles styles) {
        if (text == null || text.isEmpty()) {
            return;
        }
        Cell cell = row.createCell(column);
        if (kind != Kind.TEXT) {
            try {
                cell.setCellValue(new BigDecimal(text).doubleValue());
                cell.setCellStyle(styles.of(kind));
                return;
            } catch (NumberFormatException notANumber) {
                // a column that is numeric in the contract but holds text here: kept as the CSV has it
            }
        }
        cell.setCellValue(text);
        // The default style (index 0, written as no style at all, as before) set on the cell: without
        // one POI looks for the column's style in the sheet's XML for every cell it writes, which took
        // most of writeSettlementFiles at a million lines (issue 20).
        cell.setCellStyle(styles.plain);
    }

    // ---- the summary sheet ----

    private void writeSummary(SXSSFSheet sheet, Styles styles, Summary s, List<String> notes) {
        boolean zh = headers == Headers.ZH;
        sheet.setColumnWidth(0, 40 * 256);
        sheet.setColumnWidth(1, 22 * 256);
        sheet.setColumnWidth(2, 14 * 256);
        // printed (or turned into PDF) on one page's width
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
        Lines lines = new Lines(sheet, styles);
        lines.title(zh ? "结算汇总 " + period + " 第 " + revision + " 版" : "Settlement " + period + " revision " + revision);
        lines.text(zh ? "状态" : "Status", exitStatus);
        lines.blank();
        lines.heading(zh ? "发票" : "Invoices");
        lines.count(zh ? "发票数" : "Invoices", s.invoices);
        lines.count(zh ? "发票明细行数" : "Invoice lines", s.invoiceLines);
        lines.money(zh ? "应付金额" : "Payable", s.invoicePayable);
        lines.money(zh ? "折扣" : "Discount", s.invoiceDiscount);
        lines.money(zh ? "净额" : "Net", s.invoiceNet);
        lines.blank();
        lines.heading(zh ? "对账差异" : "Breaks");
        lines.count(zh ? "差异数" : "Breaks", s.breaks.size());
        for (String[] item : s.breaks) {
            lines.moneyRow(item[0], item[1], item[2]);
        }
        lines.blank();
        lines.heading(zh ? "付款" : "Payouts");
        lines.count(zh ? "待付款（PAY）" : "To pay (PAY)", s.payoutsToPay);
        lines.count(zh ? "暂缓（HELD）" : "Held (HELD)", s.payoutsHeld);
        lines.money(zh ? "应付总额（PAY）" : "Gross (PAY)", s.payoutGross);
        lines.money(zh ? "代扣税（PAY）" : "Tax withheld (PAY)", s.payoutTax);
        lines.money(zh ? "实付金额（PAY）" : "Net to pay (PAY)", s.payoutNet);
        lines.blank();
        lines.heading(zh ? "跨越档位" : "Tier edges");
        int crossed = 0;
        for (Map.Entry<String, Set<String>> slices : s.sliceTiers.entrySet()) {
            if (slices.getValue().size() > 1) {
                crossed++;
                lines.text((zh ? "返利本期跨档 " : "Rebate crossed this period: ") + slices.getKey(),
                        String.join(" → ", slices.getValue()));
            }
        }
        if (crossed == 0) {
            lines.text(zh ? "返利本期跨档" : "Rebate crossed this period", zh ? "无" : "none");
        }
        for (String[] group : s.groupTiers) {
            lines.moneyText((zh ? "折扣档位 " : "Discount tier reached: ") + group[0], group[1]);
        }
        if (!notes.isEmpty()) {
            lines.blank();
            lines.heading(zh ? "其他文件" : "Other files");
            notes.forEach(note -> lines.row(note));
        }
        lines.blank();
        lines.heading(zh ? "工作表" : "Sheets");
        lines.header(zh ? "工作表" : "Sheet", zh ? "文件" : "File", zh ? "数据行" : "Data rows");
        for (SheetRange range : s.sheets) {
            boolean split = s.sheets.stream().filter(other -> other.file().equals(range.file())).count() > 1;
            lines.row(range.sheet(), range.file(), split ? range.first() + "–" + range.last() : String.valueOf(range.count()));
        }
    }

    /** Rows of the summary sheet, one after another. */
    private static final class Lines {
        private final SXSSFSheet sheet;
        private final Styles styles;
        private int next;

        Lines(SXSSFSheet sheet, Styles styles) {
            this.sheet = sheet;
            this.styles = styles;
        }

        void title(String text) {
            Cell cell = sheet.createRow(next++).createCell(0);
            cell.setCellValue(text);
            cell.setCellStyle(styles.title);
        }

        void heading(String text) {
            Cell cell = sheet.createRow(next++).createCell(0);
            cell.setCellValue(text);
            cell.setCellStyle(styles.header);
        }

        void header(String... texts) {
            Row row = sheet.createRow(next++);
            for (int i = 0; i < texts.length; i++) {
                Cell cell = row.createCell(i);
                cell.setCellValue(texts[i]);
                cell.setCellStyle(styles.header);
            }
        }

        void blank() {
            next++;
        }

        void text(String label, String value) {
            Row row = sheet.createRow(next++);
            row.createCell(0).setCellValue(label);
            row.createCell(1).setCellValue(value);
        }

        void row(String... texts) {
            Row row = sheet.createRow(next++);
            for (int i = 0; i < texts.length; i++) {
                row.createCell(i).setCellValue(texts[i]);
            }
        }

        void count(String label, long value) {
            Row row = sheet.createRow(next++);
            row.createCell(0).setCellValue(label);
            Cell cell = row.createCell(1);
            cell.setCellValue(value);
            cell.setCellStyle(styles.integer);
        }

        void money(String label, BigDecimal value) {
            Row row = sheet.createRow(next++);
            row.createCell(0).setCellValue(label);
            Cell cell = row.createCell(1);
            cell.setCellValue(value.doubleValue());
            cell.setCellStyle(styles.money);
        }

        /** A money value as the CSV has it (text if it is not a number, e.g. empty). */
        void moneyText(String label, String value) {
            Row row = sheet.createRow(next++);
            row.createCell(0).setCellValue(label);
            cell(row, 1, Kind.MONEY, value, styles);
        }

        void moneyRow(String label, String key, String amount) {
            Row row = sheet.createRow(next++);
            row.createCell(0).setCellValue(label);
            row.createCell(1).setCellValue(key);
            cell(row, 2, Kind.MONEY, amount, styles);
        }
    }

    private record SheetRange(String sheet, String file, long first, long last) {
        long count() {
            return last - first + 1;
        }
    }

    /** The summary's figures, gathered while the sheets are written. */
    private static final class Summary {
        long invoices;
        long invoiceLines;
        BigDecimal invoicePayable = BigDecimal.ZERO;
        BigDecimal invoiceDiscount = BigDecimal.ZERO;
        BigDecimal invoiceNet = BigDecimal.ZERO;
        final List<String[]> breaks = new ArrayList<>();
        long payoutsToPay;
        long payoutsHeld;
        BigDecimal payoutGross = BigDecimal.ZERO;
        BigDecimal payoutTax = BigDecimal.ZERO;
        BigDecimal payoutNet = BigDecimal.ZERO;
        /** "program scope_id" → the tiers its slices of this period fall in, in event order. */
        final Map<String, Set<String>> sliceTiers = new LinkedHashMap<>();
        final List<String[]> groupTiers = new ArrayList<>();
        final List<SheetRange> sheets = new ArrayList<>();

        void take(String file, CSVRecord r) {
            switch (file) {
                case "invoices.csv" -> {
                    invoices++;
                    invoicePayable = invoicePayable.add(amount(r, "payable"));
                    invoiceDiscount = invoiceDiscount.add(amount(r, "discount"));
                    invoiceNet = invoiceNet.add(amount(r, "net"));
                }
                case "invoice-lines.csv" -> invoiceLines++;
                case "reconciliation.csv" -> {
                    if ("BREAK".equals(r.get("status"))) {
                        breaks.add(new String[] {r.get("check"), r.get("key"), r.get("difference")});
                    }
                }
                case "payouts.csv" -> {
                    if ("PAY".equals(r.get("status"))) {
                        payoutsToPay++;
                        payoutGross = payoutGross.add(amount(r, "gross"));
                        payoutTax = payoutTax.add(amount(r, "tax_withheld"));
                        payoutNet = payoutNet.add(amount(r, "net"));
                    } else {
                        payoutsHeld++;
                    }
                }
                case "rebate-slices.csv" -> sliceTiers.computeIfAbsent(r.get("program") + " " + r.get("scope_id"),
                        key -> new LinkedHashSet<>()).add(r.get("tier_from").isEmpty() ? "0" : r.get("tier_from"));
                case "group-statements.csv" -> {
                    if (!r.get("tier_from").isEmpty()) {
                        groupTiers.add(new String[] {r.get("group_id"), r.get("tier_from")});
                    }
                }
                default -> {
                }
            }
        }

        private static BigDecimal amount(CSVRecord r, String column) {
            String text = r.get(column);
            return text.isEmpty() ? BigDecimal.ZERO : new BigDecimal(text);
        }
    }

    /** How a column's cells are written: as text or as a number in one of these formats. */
    enum Kind {
        TEXT(12), MONEY(14), SIX_DECIMALS(16), RATE(10), INTEGER(8);

        final int width;

        Kind(int width) {
            this.width = width;
        }

        private static final Set<String> MONEY_COLUMNS = Set.of("payable", "discount", "net", "previous_net",
                "difference", "volume", "tier_from", "credit_total", "credit_limit", "opening", "allocated", "charged",
                "closing", "ytd_volume", "ytd_weighted_volume", "ytd_rebate", "accrual", "order_payable", "refunded",
                "commission", "amount", "gross", "tax_withheld", "expected", "actual", "payable_total");
        private static final Set<String> INTEGER_COLUMNS = Set.of("revision", "line_count", "item_count", "row",
                "rows", "accepted", "rejected");

        static Kind of(String file, String column) {
            if (file.equals("rebate-slices.csv") && (column.equals("amount") || column.equals("rebate"))) {
                return SIX_DECIMALS;
            }
            if (column.equals("discount_rate") || column.equals("rate")) {
                return RATE;
            }
            if (INTEGER_COLUMNS.contains(column)) {
                return INTEGER;
            }
            return MONEY_COLUMNS.contains(column) ? MONEY : TEXT;
        }
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle title;
        final CellStyle money;
        final CellStyle six;
        final CellStyle rate;
        final CellStyle integer;
        final CellStyle plain;

        Styles(SXSSFWorkbook workbook) {
            plain = workbook.getCellStyleAt(0);
            Font bold = workbook.createFont();
            bold.setBold(true);
            header = workbook.createCellStyle();
            header.setFont(bold);
            Font large = workbook.createFont();
            large.setBold(true);
            large.setFontHeightInPoints((short) 14);
            title = workbook.createCellStyle();
            title.setFont(large);
            money = numberStyle(workbook, "#,##0.00");
            six = numberStyle(workbook, "#,##0.000000");
            rate = numberStyle(workbook, "0.0#####");
            integer = numberStyle(workbook, "0");
        }

        private static CellStyle numberStyle(SXSSFWorkbook workbook, String format) {
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(workbook.createDataFormat().getFormat(format));
            return style;
        }

        CellStyle of(Kind kind) {
            return switch (kind) {
                case MONEY -> money;
                case SIX_DECIMALS -> six;
                case RATE -> rate;
                case INTEGER -> integer;
                case TEXT -> null;
            };
        }
    }
}
