package io.resettle.output;

import io.resettle.output.WorkbookStyles.Kind;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The period workbook {@code settlement-<period>-r<n>.xlsx}: a summary sheet, then one sheet per
 * output file of the revision, read back from the CSVs just written (so its figures are theirs),
 * numbers as numbers, frozen header, filters. The data sheets are streamed row by row into the zip
 * ({@link DataSheetXml}), so a million invoice lines need no more heap than a row; POI writes the
 * rest (summary, styles, sheet list), which is small.
 *
 * <p>A sheet holds at most 1,048,576 rows: a file with more data rows goes on in a second sheet
 * ({@code invoice-lines (2)}, header repeated), and the summary lists which rows each sheet holds.
 *
 * <p>Byte-stable: POI's created date is fixed to the first day of the period and every zip entry
 * time to the same moment ({@link StableZip#stamp}, {@link StableZip#entry}), so the same CSVs give
 * the same bytes, also after a restart.
 */
public final class PeriodWorkbook {

    /** Excel's rows per sheet, the header included. */
    public static final int EXCEL_ROWS = 1_048_576;

    /** Deflate's fastest level: at a million lines a third of level 6's time, for a file a little larger. */
    private static final int DEFLATE_LEVEL = java.util.zip.Deflater.BEST_SPEED;

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
        Path temporary = folder.resolve("." + name + ".tmp");
        LocalDateTime start = period.atDay(1).atStartOfDay();
        WorkbookSummary summary = new WorkbookSummary();
        long rows = 0;
        try {
            try (XSSFWorkbook book = new XSSFWorkbook();
                    ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16));
                    BackgroundWrites deflating = new BackgroundWrites(zip, "workbook-deflate")) {
                zip.setLevel(DEFLATE_LEVEL);
                WorkbookStyles styles = new WorkbookStyles(book);
                Sheet summarySheet = book.createSheet(headers == Headers.ZH ? "汇总" : "Summary");
                Set<String> streamed = new HashSet<>();
                for (String file : csvFiles) {
                    rows += writeSheets(new Sheets(book, styles, zip, deflating, start, streamed), file, summary);
                }
                new SummarySheet(summarySheet, styles, headers).write(period, revision, exitStatus, summary, notes);
                StableZip.stamp(book, start);
                copyTheRest(book, zip, start, streamed);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            // gone after the move; after a failure, what was written of it
            deleteIfPresent(temporary);
        }
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        totals.put("payable", summary.invoicePayable);
        totals.put("discount", summary.invoiceDiscount);
        totals.put("net", summary.invoiceNet);
        return Written.of(name, target, rows, totals);
    }

    /**
     * The workbook's other parts as POI writes them (the summary sheet, styles, sheet list with the
     * filters' names, properties), each entry at the fixed time; the data sheets' empty parts left
     * out, since their rows were streamed in under the same names.
     */
    private static void copyTheRest(XSSFWorkbook book, ZipOutputStream zip, LocalDateTime time, Set<String> streamed)
            throws IOException {
        ByteArrayOutputStream parts = new ByteArrayOutputStream();
        book.write(parts);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(parts.toByteArray()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (streamed.contains(entry.getName())) {
                    continue;
                }
                zip.putNextEntry(StableZip.entry(entry.getName(), time));
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
    }

    /** Removes {@code file} if it is there; fails loudly if it cannot. */
    private static void deleteIfPresent(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }

    // ---- the sheets of the files ----

    /**
     * Where a data sheet goes: a sheet of the workbook for its name and filter, its rows into the zip
     * through {@code deflating} (deflated on a thread of its own; an entry is closed only once drained).
     */
    private record Sheets(XSSFWorkbook book, WorkbookStyles styles, ZipOutputStream zip, BackgroundWrites deflating,
            LocalDateTime time, Set<String> streamed) {
    }

    private long writeSheets(Sheets sheets, String file, WorkbookSummary summary) throws IOException {
        String base = file.endsWith(".csv") ? file.substring(0, file.length() - 4) : file;
        try (InputStream in = Files.newInputStream(folder.resolve(file))) {
            CsvRecords csv = new CsvRecords(in, file);
            if (!csv.next()) {
                throw new IOException(file + " has no header row");
            }
            List<String> columns = csv.toList();
            if (columns.stream().anyMatch(name -> name.trim().isEmpty())) {
                // as Commons CSV refused it
                throw new IllegalArgumentException(file + ": a header name is missing in " + columns);
            }
            Map<String, Integer> header = new HashMap<>();
            Kind[] kinds = new Kind[columns.size()];
            for (int i = 0; i < kinds.length; i++) {
                kinds[i] = Kind.of(file, columns.get(i));
                header.put(columns.get(i), i);
            }
            UnaryOperator<String> cellByName = name -> csv.get(header, name);
            int part = 1;
            Started sheet = newSheet(sheets, base, part, columns, kinds);
            long first = 1;
            long rows = 0;
            while (csv.next()) {
                if (sheet.xml().rows() >= rowsPerSheet) {
                    finish(sheets, sheet, columns.size());
                    summary.sheets.add(new WorkbookSummary.SheetRange(sheet.name(), file, first, rows));
                    first = rows + 1;
                    sheet = newSheet(sheets, base, ++part, columns, kinds);
                }
                sheet.xml().row(csv);
                summary.take(file, cellByName);
                rows++;
            }
            finish(sheets, sheet, columns.size());
            summary.sheets.add(new WorkbookSummary.SheetRange(sheet.name(), file, first, rows));
            return rows;
        }
    }

    private record Started(XSSFSheet sheet, String name, DataSheetXml xml) {
    }

    private Started newSheet(Sheets sheets, String base, int part, List<String> columns, Kind[] kinds) throws IOException {
        String sheetName = part == 1 ? base : base + " (" + part + ")";
        XSSFSheet sheet = sheets.book().createSheet(sheetName);
        String entry = sheet.getPackagePart().getPartName().getName().substring(1);
        sheets.streamed().add(entry);
        sheets.zip().putNextEntry(StableZip.entry(entry, sheets.time()));
        List<String> header = new ArrayList<>(columns.size());
        int[] widths = new int[columns.size()];
        int[] styles = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            String title = ColumnNames.of(columns.get(i), headers);
            header.add(title);
            int characters = Math.max(title.length() * (headers == Headers.ZH ? 2 : 1), kinds[i].width);
            widths[i] = Math.min(60, characters + 2);
            CellStyle style = sheets.styles().of(kinds[i]);
            styles[i] = style == null ? 0 : style.getIndex();
        }
        return new Started(sheet, sheetName, new DataSheetXml(sheets.deflating(), header, widths,
                sheets.styles().header.getIndex(), kinds, styles));
    }

    /** Closes the sheet's entry; its filter is also named in the workbook, as Excel does. */
    private static void finish(Sheets sheets, Started started, int columns) throws IOException {
        started.xml().finish();
        sheets.deflating().drain();
        sheets.zip().closeEntry();
        started.sheet().setAutoFilter(new CellRangeAddress(0, started.xml().rows() - 1, 0, columns - 1));
    }
}
