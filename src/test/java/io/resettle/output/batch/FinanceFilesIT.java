package io.resettle.output.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.output.Pain001Check;
import io.resettle.support.Cli;
import io.resettle.support.DataSets;
import io.resettle.support.Hashing;
import io.resettle.support.TestDatabases;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 on the sample data set, settled by the real command line on PostgreSQL: the files finance
 * uses as they are, read back with the libraries a user's tools use, their figures equal to the CSVs
 * to the cent, listed in manifest.json with their SHA-256, and the same bytes from a second run.
 */
class FinanceFilesIT {

    @TempDir
    static Path work;

    static Path out;
    static Path again;

    @BeforeAll
    static void settleTheSampleDataTwice() {
        Path data = work.resolve("data");
        DataSets.copyTree(Path.of("sample-data"), data);
        out = work.resolve("out");
        again = work.resolve("again");
        assertThat(new Cli(TestDatabases.newPostgres()).run("demo", "--data", data.toString(), "--out", out.toString()))
                .isZero();
        assertThat(new Cli(TestDatabases.newPostgres()).run("demo", "--data", data.toString(), "--out", again.toString()))
                .isZero();
    }

    @Test
    void thePeriodWorkbookHoldsEveryCsvCellForCell_isInTheManifest_andIsTheSameBytesFromASecondRun() throws Exception {
        for (String period : List.of("2026-08", "2026-09", "2026-10")) {
            Path folder = out.resolve(period).resolve("r1");
            String name = "settlement-" + period + "-r1.xlsx";
            Path workbook = folder.resolve(name);
            assertThat(workbook).exists();
            assertThat(Files.readAllBytes(workbook)).as(name + " from a second run")
                    .isEqualTo(Files.readAllBytes(again.resolve(period).resolve("r1").resolve(name)));
            assertThat(Files.readString(folder.resolve("manifest.json")))
                    .contains("\"file\": \"" + name + "\",\n      \"sha256\": \"" + Hashing.sha256(workbook) + "\"");
            try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook book = new XSSFWorkbook(in)) {
                assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("Summary");
                List<String> csvs = new ArrayList<>();
                for (int i = 1; i < book.getNumberOfSheets(); i++) {
                    String sheet = book.getSheetAt(i).getSheetName();
                    csvs.add(sheet + ".csv");
                    assertSameCells(book.getSheetAt(i), folder.resolve(sheet + ".csv"));
                }
                assertThat(csvs).contains("invoice-lines.csv", "invoices.csv", "payouts.csv", "reconciliation.csv",
                        "rejects.csv");
                BigDecimal net = BigDecimal.ZERO;
                for (CSVRecord invoice : records(folder.resolve("invoices.csv"))) {
                    net = net.add(new BigDecimal(invoice.get("net")));
                }
                assertThat(summaryValue(book.getSheet("Summary"), "Net")).isEqualByComparingTo(net);
            }
        }
    }

    @Test
    void theBankPayoutBatchCarriesEveryBankPayoutToPay_isValid_readBackByProwide_andInTheManifest() throws Exception {
        int files = 0;
        for (String period : List.of("2026-08", "2026-09", "2026-10")) {
            Path folder = out.resolve(period).resolve("r1");
            String name = "payouts-" + period + "-r1.pain.001.xml";
            List<CSVRecord> bank = records(folder.resolve("payouts.csv")).stream()
                    .filter(payout -> payout.get("status").equals("PAY") && !payout.get("payout_account").startsWith("ALIPAY"))
                    .toList();
            if (bank.isEmpty()) {
                assertThat(folder.resolve(name)).doesNotExist();
                continue;
            }
            files++;
            String xml = Files.readString(folder.resolve(name));
            Pain001Check.validate(xml);
            var initiation = Pain001Check.parse(xml).getCstmrCdtTrfInitn();
            BigDecimal sum = bank.stream().map(payout -> new BigDecimal(payout.get("net"))).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(initiation.getGrpHdr().getCtrlSum()).isEqualTo(sum);
            assertThat(initiation.getGrpHdr().getNbOfTxs()).isEqualTo(String.valueOf(bank.size()));
            assertThat(initiation.getPmtInf()).singleElement().satisfies(payment -> {
                assertThat(payment.getCdtTrfTxInf()).extracting(t -> t.getPmtId().getEndToEndId())
                        .containsExactlyElementsOf(bank.stream().map(payout -> payout.get("payout_id")).toList());
                assertThat(payment.getCdtTrfTxInf()).extracting(t -> t.getAmt().getInstdAmt().getValue())
                        .containsExactlyElementsOf(bank.stream().map(payout -> new BigDecimal(payout.get("net"))).toList());
            });
            assertThat(Files.readAllBytes(folder.resolve(name)))
                    .isEqualTo(Files.readAllBytes(again.resolve(period).resolve("r1").resolve(name)));
            assertThat(Files.readString(folder.resolve("manifest.json"))).contains("\"file\": \"" + name + "\",\n      \"sha256\": \""
                    + Hashing.sha256(folder.resolve(name)) + "\",\n      \"rows\": " + bank.size() + ",");
        }
        assertThat(files).as("periods of the sample data with bank payouts").isPositive();
    }

    @Test
    void theInvoicingWorkbooksCarryEveryInvoiceNotLeftOut_toTheCent_andInvoiceSerialsMapsEachOne() throws Exception {
        for (String period : List.of("2026-08", "2026-09", "2026-10")) {
            Path folder = out.resolve(period).resolve("r1");
            List<CSVRecord> invoices = records(folder.resolve("invoices.csv"));
            List<CSVRecord> serials = records(folder.resolve("invoice-serials.csv"));
            assertThat(serials).extracting(r -> r.get("invoice_id"))
                    .containsExactlyElementsOf(invoices.stream().map(r -> r.get("invoice_id")).toList());
            java.util.Map<String, BigDecimal> netBySerial = new java.util.HashMap<>();
            BigDecimal expected = BigDecimal.ZERO;
            for (int i = 0; i < invoices.size(); i++) {
                if (!serials.get(i).get("serial").isEmpty()) {
                    netBySerial.put(serials.get(i).get("serial"), new BigDecimal(invoices.get(i).get("net")));
                    expected = expected.add(new BigDecimal(invoices.get(i).get("net")));
                } else {
                    assertThat(serials.get(i).get("note")).isNotEmpty();
                }
            }
            assertThat(netBySerial).as(period + ": invoices in the workbooks").isNotEmpty();
            BigDecimal carried = BigDecimal.ZERO;
            String manifest = Files.readString(folder.resolve("manifest.json"));
            for (String workbook : serials.stream().map(r -> r.get("workbook")).filter(w -> !w.isEmpty()).distinct().toList()) {
                Path file = folder.resolve(workbook);
                assertThat(manifest).contains("\"file\": \"" + workbook + "\",\n      \"sha256\": \"" + Hashing.sha256(file) + "\"");
                assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(again.resolve(period).resolve("r1").resolve(workbook)));
                try (InputStream in = Files.newInputStream(file); XSSFWorkbook book = new XSSFWorkbook(in)) {
                    java.util.Map<String, BigDecimal> perSerial = new java.util.HashMap<>();
                    Sheet detail = book.getSheet("2-发票明细信息");
                    for (int r = 3; r <= detail.getLastRowNum(); r++) {
                        Row row = detail.getRow(r);
                        BigDecimal amount = new BigDecimal(row.getCell(7).getStringCellValue());
                        Cell discount = row.getCell(9);
                        BigDecimal net = discount == null ? amount : amount.subtract(new BigDecimal(discount.getStringCellValue()));
                        perSerial.merge(row.getCell(0).getStringCellValue(), net, BigDecimal::add);
                    }
                    perSerial.forEach((serial, net) -> assertThat(net).as(serial).isEqualByComparingTo(netBySerial.get(serial)));
                    carried = carried.add(perSerial.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
                }
            }
            assertThat(carried).as(period + ": net in the workbooks").isEqualByComparingTo(expected);
        }
    }

    /** Every cell of the sheet is the CSV's: text as it is, numbers equal to the CSV's decimal to the last digit it has. */
    private static void assertSameCells(Sheet sheet, Path csv) throws Exception {
        List<CSVRecord> records = records(csv);
        assertThat(sheet.getLastRowNum()).as(sheet.getSheetName() + " rows").isEqualTo(records.size());
        for (int r = 0; r < records.size(); r++) {
            CSVRecord record = records.get(r);
            Row row = sheet.getRow(r + 1);
            for (int c = 0; c < record.size(); c++) {
                String expected = record.get(c);
                Cell cell = row.getCell(c);
                String where = csv.getFileName() + " row " + (r + 1) + " column " + c;
                if (expected.isEmpty()) {
                    assertThat(cell).as(where).isNull();
                } else if (cell.getCellType() == CellType.NUMERIC) {
                    BigDecimal value = new BigDecimal(expected);
                    assertThat(BigDecimal.valueOf(cell.getNumericCellValue()).setScale(Math.max(0, value.scale()),
                            java.math.RoundingMode.HALF_UP)).as(where).isEqualTo(value.setScale(Math.max(0, value.scale())));
                } else {
                    assertThat(cell.getStringCellValue()).as(where).isEqualTo(expected);
                }
            }
        }
    }

    static List<CSVRecord> records(Path csv) throws Exception {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    private static BigDecimal summaryValue(Sheet summary, String label) {
        for (Row row : summary) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().equals(label)) {
                return BigDecimal.valueOf(row.getCell(1).getNumericCellValue()).setScale(2, java.math.RoundingMode.HALF_UP);
            }
        }
        throw new AssertionError("no " + label + " in the summary");
    }
}
