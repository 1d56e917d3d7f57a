package io.resettle.output;

import io.resettle.output.WorkbookStyles.Kind;
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
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

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

    public static String name(YearMonth period, int revision) {
        return "settlement-" + period + "-r" + revision + ".xlsx";
    }

    /** Writes the workbook from {@code csvFiles} (names in the folder, in sheet order) under a temporary name, then renames it. */
    public Written write(List<String> csvFiles) {
        return write(csvFiles, List.of());
    }

    /**
     * As {@link #write(List)}, the summary also listing {@code notes}: what the other files of the
     * revision hold or why one is missing. What manifest.json says of the workbook: data rows over
     * all sheets, invoice totals.
     */
    public Written write(List<String> csvFiles, List<String> notes) {
        String name = name(period, revision);
        Path target = folder.resolve(name);
        Path raw = folder.resolve("." + name + ".raw");
        Path temporary = folder.resolve("." + name + ".tmp");
        WorkbookSummary summary = new WorkbookSummary();
        long rows = 0;
        try (SXSSFWorkbook workbook = new FastWorkbook()) {
            WorkbookStyles styles = new WorkbookStyles(workbook);
            SXSSFSheet summarySheet = workbook.createSheet(headers == Headers.ZH ? "汇总" : "Summary");
            for (String file : csvFiles) {
                rows += writeSheets(workbook, styles, file, summary);
            }
            new SummarySheet(summarySheet, styles, headers).write(period, revision, exitStatus, summary, notes);
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
        return Written.of(name, target, rows, totals);
    }

    // ---- the sheets of the files ----

    private long writeSheets(SXSSFWorkbook workbook, WorkbookStyles styles, String file, WorkbookSummary summary) throws IOException {
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
                    summary.sheets.add(new WorkbookSummary.SheetRange(sheet.getSheetName(), file, first, rows));
                    first = rows + 1;
                    sheet = newSheet(workbook, styles, base, ++part, columns, kinds);
                    rowInSheet = 0;
                }
                Row row = sheet.createRow(++rowInSheet);
                for (int i = 0; i < kinds.length && i < record.size(); i++) {
                    styles.cell(row, i, kinds[i], record.get(i));
                }
                summary.take(file, record);
                rows++;
            }
            finish(sheet, rowInSheet, columns.size());
            summary.sheets.add(new WorkbookSummary.SheetRange(sheet.getSheetName(), file, first, rows));
            return rows;
        }
    }

    private SXSSFSheet newSheet(SXSSFWorkbook workbook, WorkbookStyles styles, String base, int part, List<String> columns,
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
}
