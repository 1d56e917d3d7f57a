package io.resettle.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The period workbook read back with POI: the CSVs' figures as numbers, the summary, the split, stable bytes. */
class PeriodWorkbookTest {

    private static final YearMonth PERIOD = YearMonth.of(2026, 9);

    @TempDir
    Path folder;

    private void csvs() throws Exception {
        Files.writeString(folder.resolve("invoices.csv"), """
                invoice_id,sub_account_id,group_id,invoice_title,tax_id,settlement_mode,period,revision,line_count,payable,discount,net,currency
                INV-2026-09-1001,1001,G-LX,联信控股集团有限公司,91330100MA27LX1001,CREDIT,2026-09,1,2,62977.87,6297.79,56680.08,CNY
                INV-2026-09-1002,1002,G-LX,'=HYPERLINK(x),,CREDIT,2026-09,1,1,0.10,0.00,0.10,CNY
                """);
        Files.writeString(folder.resolve("invoice-lines.csv"), """
                invoice_id,sub_account_id,line_id,kind,product_code,category,charge_type,payable,discount_rate,discount,net,currency
                INV-2026-09-1001,1001,L1,CHARGE,ecs,COMPUTE,POSTPAID,60000.00,0.1,6000.00,54000.00,CNY
                INV-2026-09-1001,1001,L2,CHARGE,waf,SECURITY,POSTPAID,2977.87,0.1,297.79,2680.08,CNY
                INV-2026-09-1002,1002,L3,CHARGE,oss,STORAGE,POSTPAID,0.10,0,0.00,0.10,CNY
                """);
        Files.writeString(folder.resolve("rebate-slices.csv"), """
                program,scope_id,line_id,category,tier_from,amount,rate,rebate
                channel,AGENT,L1,COMPUTE,,40000.000000,0,0.000000
                channel,AGENT,L1,COMPUTE,500000.00,20000.000000,0.04,800.000000
                """);
        Files.writeString(folder.resolve("payouts.csv"), """
                payout_id,payee_type,payee_id,payee_name,payout_account,gross,tax_withheld,net,currency,item_count,status
                PO-2026-09-AMBASSADOR-AMB1,AMBASSADOR,AMB1,周敏,ALIPAY 2088 1000 0000 0001,6000.00,880.00,5120.00,CNY,1,PAY
                PO-2026-09-GROUP-G-LX,GROUP,G-LX,联信控股集团有限公司,ICBC 1202 0200 0900 0010 01,314.00,0.00,314.00,CNY,1,HELD
                """);
        Files.writeString(folder.resolve("reconciliation.csv"), """
                check,key,expected,actual,difference,status
                vendor_statement_total,1388000000002002,48620.44,48434.04,-186.40,BREAK
                """);
    }

    private static final List<String> FILES = List.of("invoice-lines.csv", "invoices.csv", "rebate-slices.csv",
            "payouts.csv", "reconciliation.csv");

    @Test
    void sheetsHoldTheCsvFiguresAsNumbersWithFrozenHeadersAndFilters() throws Exception {
        csvs();
        Written written = new PeriodWorkbook(folder, PERIOD, 1, "COMPLETED_WITH_BREAKS",
                PeriodWorkbook.Headers.EN).write(FILES);
        assertThat(written.name()).isEqualTo("settlement-2026-09-r1.xlsx");
        assertThat(written.rows()).isEqualTo(3 + 2 + 2 + 2 + 1);
        assertThat(written.totals().get("net")).isEqualByComparingTo("56680.18");
        try (InputStream in = Files.newInputStream(folder.resolve(written.name())); XSSFWorkbook book = new XSSFWorkbook(in)) {
            assertThat(sheetNames(book)).containsExactly("Summary", "invoice-lines", "invoices", "rebate-slices",
                    "payouts", "reconciliation");
            XSSFSheet invoices = book.getSheet("invoices");
            assertThat(invoices.getRow(0).getCell(11).getStringCellValue()).isEqualTo("net");
            assertThat(invoices.getPaneInformation().isFreezePane()).isTrue();
            assertThat(invoices.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(invoices.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:M3");
            Cell net = invoices.getRow(1).getCell(11);
            assertThat(net.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(money(net)).isEqualTo("56680.08");
            assertThat(net.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(invoices.getRow(1).getCell(8).getNumericCellValue()).isEqualTo(2.0);
            assertThat(invoices.getRow(2).getCell(3).getStringCellValue()).isEqualTo("'=HYPERLINK(x)");
            assertThat(invoices.getRow(2).getCell(4)).as("an empty CSV cell is a blank cell").isNull();
            assertThat(invoices.getRow(1).getCell(1).getCellType()).as("ids stay text").isEqualTo(CellType.STRING);
            Sheet slices = book.getSheet("rebate-slices");
            assertThat(slices.getRow(2).getCell(6).getNumericCellValue()).isEqualTo(0.04);
            assertThat(slices.getRow(2).getCell(7).getCellStyle().getDataFormatString()).isEqualTo("#,##0.000000");

            List<String> summary = texts(book.getSheet("Summary"));
            assertThat(summary).contains("Status | COMPLETED_WITH_BREAKS", "Invoices | 2", "Invoice lines | 3",
                    "Net | 56680.18", "Payable | 62977.97", "Discount | 6297.79", "Breaks | 1",
                    "vendor_statement_total | 1388000000002002 | -186.40", "To pay (PAY) | 1", "Held (HELD) | 1",
                    "Net to pay (PAY) | 5120.00", "Rebate crossed this period: channel AGENT | 0 → 500000.00",
                    "invoice-lines | invoice-lines.csv | 3");
        }
    }

    @Test
    void textComesBackAsTheCsvHasItAndNumbersAsTheirDecimals() throws Exception {
        String awkward = " leading and trailing space ";
        String controls = "tab\there, a bell \u0007, a line\r\nbreak, <&> \"quoted\"";
        String lookalike = "an escape look-alike _x0041_ stays as it is";
        Files.writeString(folder.resolve("rejects.csv"), "file,row,reason,detail\n"
                + "exports/a.csv,7,\"" + awkward + "\",\"" + controls.replace("\"", "\"\"") + "\"\n"
                + "exports/a.csv,8,BAD_AMOUNT,\"" + lookalike + "\"\n"
                + "exports/b.csv,not a number,FILE_REJECTED,whole file\n", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("payouts.csv"), """
                payout_id,payee_type,payee_id,payee_name,payout_account,gross,tax_withheld,net,currency,item_count,status
                PO-1,AMBASSADOR,AMB1,周敏,ALIPAY 1,123456789012.34,-0.01,5120.00,CNY,1,PAY
                """);
        Written written = new PeriodWorkbook(folder, PERIOD, 1, "COMPLETED", PeriodWorkbook.Headers.EN)
                .write(List.of("rejects.csv", "payouts.csv"));
        try (InputStream in = Files.newInputStream(folder.resolve(written.name())); XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet rejects = book.getSheet("rejects");
            assertThat(rejects.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(7.0);
            assertThat(rejects.getRow(1).getCell(2).getStringCellValue()).isEqualTo(awkward);
            assertThat(rejects.getRow(1).getCell(3).getStringCellValue()).isEqualTo(controls);
            assertThat(rejects.getRow(2).getCell(3).getStringCellValue()).isEqualTo(lookalike);
            Sheet payouts = book.getSheet("payouts");
            assertThat(money(payouts.getRow(1).getCell(5))).isEqualTo("123456789012.34");
            assertThat(payouts.getRow(1).getCell(6).getNumericCellValue()).isEqualTo(-0.01);
            assertThat(rejects.getRow(3).getCell(1).getStringCellValue()).as("text in a number column stays text")
                    .isEqualTo("not a number");
            assertThat(payouts.getRow(1).getCell(3).getStringCellValue()).isEqualTo("周敏");
        }
    }

    @Test
    void chineseHeadersByTheOption() throws Exception {
        csvs();
        Written written = new PeriodWorkbook(folder, PERIOD, 1, "COMPLETED", PeriodWorkbook.Headers.ZH)
                .write(FILES);
        try (InputStream in = Files.newInputStream(folder.resolve(written.name())); XSSFWorkbook book = new XSSFWorkbook(in)) {
            assertThat(sheetNames(book).get(0)).isEqualTo("汇总");
            assertThat(book.getSheet("invoices").getRow(0).getCell(11).getStringCellValue()).isEqualTo("净额");
            assertThat(texts(book.getSheet("汇总"))).contains("净额 | 56680.18");
        }
    }

    @Test
    void aFileWithMoreRowsThanASheetHoldsGoesOnInTheNextSheetAndTheSummarySaysWhere() throws Exception {
        csvs();
        // 3 rows a sheet, the header included: two data rows each
        Written written = new PeriodWorkbook(folder, PERIOD, 1, "COMPLETED", PeriodWorkbook.Headers.EN, 3)
                .write(FILES);
        try (InputStream in = Files.newInputStream(folder.resolve(written.name())); XSSFWorkbook book = new XSSFWorkbook(in)) {
            assertThat(sheetNames(book)).startsWith("Summary", "invoice-lines", "invoice-lines (2)", "invoices");
            assertThat(book.getSheet("invoice-lines").getLastRowNum()).isEqualTo(2);
            Sheet second = book.getSheet("invoice-lines (2)");
            assertThat(second.getRow(0).getCell(0).getStringCellValue()).isEqualTo("invoice_id");
            assertThat(second.getRow(1).getCell(2).getStringCellValue()).isEqualTo("L3");
            assertThat(texts(book.getSheet("Summary"))).contains("invoice-lines | invoice-lines.csv | 1–2",
                    "invoice-lines (2) | invoice-lines.csv | 3–3");
        }
    }

    @Test
    void aCsvWithoutAHeaderNameOrWithoutAHeaderIsRefusedByName() throws Exception {
        Files.writeString(folder.resolve("rejects.csv"), "file,,row\nexports/a.csv,x,7\n");
        Files.writeString(folder.resolve("payouts.csv"), "");
        PeriodWorkbook workbook = new PeriodWorkbook(folder, PERIOD, 1, "COMPLETED", PeriodWorkbook.Headers.EN);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> workbook.write(List.of("rejects.csv")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rejects.csv: a header name is missing in [file, , row]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> workbook.write(List.of("payouts.csv")))
                .hasMessageContaining("cannot write").rootCause().hasMessage("payouts.csv has no header row");
        try (Stream files = new Stream(folder)) {
            assertThat(files.names()).containsExactlyInAnyOrder("rejects.csv", "payouts.csv");
        }
    }

    @Test
    void theSameCsvFilesGiveTheSameBytesWithFixedEntryTimesAndCreatedDate() throws Exception {
        csvs();
        PeriodWorkbook workbook = new PeriodWorkbook(folder, PERIOD, 1, "COMPLETED", PeriodWorkbook.Headers.EN);
        byte[] first = Files.readAllBytes(folder.resolve(workbook.write(FILES).name()));
        Thread.sleep(2100); // past the two-second grain of zip times
        byte[] second = Files.readAllBytes(folder.resolve(workbook.write(FILES).name()));
        assertThat(second).isEqualTo(first);
        Path file = folder.resolve("settlement-2026-09-r1.xlsx");
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> times = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                times.add(entries.nextElement().getTimeLocal().toString());
            }
            assertThat(times).isNotEmpty().allMatch("2026-09-01T00:00"::equals);
            String core = new String(zip.getInputStream(zip.getEntry("docProps/core.xml")).readAllBytes());
            assertThat(core).contains("2026-09-01T00:00:00Z");
        }
        try (Stream files = new Stream(folder)) {
            assertThat(files.names()).as("no temporary copies are left").doesNotContain(".settlement-2026-09-r1.xlsx.raw",
                    ".settlement-2026-09-r1.xlsx.tmp");
        }
    }

    private static final class Stream implements AutoCloseable {
        private final java.util.stream.Stream<Path> files;

        Stream(Path folder) throws Exception {
            this.files = Files.list(folder);
        }

        List<String> names() {
            return files.map(file -> file.getFileName().toString()).toList();
        }

        @Override
        public void close() {
            files.close();
        }
    }

    private static String money(Cell cell) {
        return BigDecimal.valueOf(cell.getNumericCellValue()).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static List<String> sheetNames(XSSFWorkbook book) {
        List<String> names = new ArrayList<>();
        book.forEach(sheet -> names.add(sheet.getSheetName()));
        return names;
    }

    /** Each row's cells joined by " | ", numbers with the decimals their format shows. */
    static List<String> texts(Sheet sheet) {
        List<String> rows = new ArrayList<>();
        for (Row row : sheet) {
            List<String> cells = new ArrayList<>();
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.NUMERIC) {
                    String format = cell.getCellStyle().getDataFormatString();
                    cells.add(format.equals("0") ? String.valueOf((long) cell.getNumericCellValue()) : money(cell));
                } else {
                    cells.add(cell.getStringCellValue());
                }
            }
            rows.add(String.join(" | ", cells));
        }
        return rows;
    }
}
