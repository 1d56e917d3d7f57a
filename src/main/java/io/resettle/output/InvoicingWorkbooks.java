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
    public static final int DETAIL_ROWS_PER_FILE = 2_000;
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

    /** A detail row of an invoice: its lines of one category (or derived kind), summed. */
    record Detail(String key, Item item, BigDecimal amount, BigDecimal discount) {
    }

    /** An invoice as the template carries it, or why it cannot. */
    record Invoice(CSVRecord row, List<Detail> details, String leftOutBecause) {
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
            InvoicingBook book = null;
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
                if (book != null && book.detailRows() + invoice.details().size() > detailRowsPerFile && book.invoices() > 0) {
                    files.add(book.save());
                    book = null;
                }
                if (book == null) {
                    book = new InvoicingBook(folder, period, revision, name(period, revision, files.size() + 1));
                }
                String serial = serial(++number);
                book.add(serial, invoice, policy);
                serials.row(id, serial, book.name(), null);
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
}
