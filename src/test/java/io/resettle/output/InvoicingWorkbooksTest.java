package io.resettle.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.policy.OutputPolicy.Invoicing;
import io.resettle.policy.OutputPolicy.Item;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 数电票 import workbooks read back with POI: the template's layout, text cells, figures to the cent, the split. */
class InvoicingWorkbooksTest {

    private static final YearMonth PERIOD = YearMonth.of(2026, 10);
    static final Invoicing POLICY = new Invoicing(true, new BigDecimal("0.06"), Invoicing.ORDINARY, Set.of("B"),
            Map.of("default", new Item("云计算服务", "3040203000000000000"),
                    "STORAGE", new Item("云存储服务", "3040205000000000000")), "云服务费");

    @TempDir
    Path folder;

    private void csvs() throws Exception {
        Files.writeString(folder.resolve("invoices.csv"), """
                invoice_id,sub_account_id,group_id,invoice_title,tax_id,settlement_mode,period,revision,line_count,payable,discount,net,currency
                INV-2026-10-A,A,G1,'=Alpha 有限公司,91330100MA27LX1001,CREDIT,2026-10,1,3,1300.00,90.00,1210.00,CNY
                INV-2026-10-B,B,G1,Beta 有限公司,,CREDIT,2026-10,1,1,10.00,0.00,10.00,CNY
                INV-2026-10-C,C,G2,Gamma,T-C,CREDIT,2026-10,1,2,100.00,0.00,-3156.00,CNY
                INV-2026-10-D,D,G2,Delta,T-D,PREPAID,2026-10,1,1,0.35,0.01,0.34,CNY
                """);
        Files.writeString(folder.resolve("invoice-lines.csv"), """
                invoice_id,sub_account_id,line_id,kind,product_code,category,charge_type,payable,discount_rate,discount,net,currency
                INV-2026-10-A,A,a1,CHARGE,ecs,COMPUTE,NEW,1000.00,0.08,80.00,920.00,CNY
                INV-2026-10-A,A,a2,CHARGE,oss,STORAGE,NEW,100.00,0.1,10.00,90.00,CNY
                INV-2026-10-A,A,PENALTY-K1,PENALTY,,,,200.00,0,0.00,200.00,CNY
                INV-2026-10-B,B,b1,CHARGE,ecs,COMPUTE,NEW,10.00,0,0.00,10.00,CNY
                INV-2026-10-C,C,c1,CHARGE,ecs,COMPUTE,NEW,100.00,0,0.00,100.00,CNY
                INV-2026-10-C,C,REBATE-customer-share-2026-09,REBATE_CREDIT,,,,-3256.00,0,0.00,-3256.00,CNY
                INV-2026-10-D,D,d1,CHARGE,ecs,COMPUTE,NEW,0.35,0.03,0.01,0.34,CNY
                """);
    }

    @Test
    void laidOutAsTheTemplate_everyCellText_figuresToTheCent_andTheSerialMapping() throws Exception {
        csvs();
        InvoicingWorkbooks.Written written = new InvoicingWorkbooks(folder, PERIOD, 1).write(POLICY);
        assertThat(written.files()).singleElement().satisfies(file -> {
            assertThat(file.name()).isEqualTo("invoicing-2026-10-r1-1.xlsx");
            assertThat(file.invoices()).isEqualTo(2);
            assertThat(file.detailRows()).isEqualTo(4);
            assertThat(file.amount().subtract(file.discount())).isEqualByComparingTo("1210.34");
        });
        assertThat(Files.readString(written.serials())).isEqualTo("""
                invoice_id,serial,workbook,note
                INV-2026-10-A,P202610R1N00001,invoicing-2026-10-r1-1.xlsx,
                INV-2026-10-B,,,增值税专用发票 needs the buyer's tax_id (accounts.csv)
                INV-2026-10-C,,,REBATE_CREDIT comes to -3256.00 with discount 0.00: a 数电票 detail row must be above zero; issue this invoice by hand
                INV-2026-10-D,P202610R1N00002,invoicing-2026-10-r1-1.xlsx,
                """);
        try (InputStream in = Files.newInputStream(written.files().get(0).path()); XSSFWorkbook book = new XSSFWorkbook(in)) {
            assertThat(sheets(book)).containsExactly("1-发票基本信息", "excelVersion", "2-发票明细信息", "3-特定业务信息", "4-附加要素信息");
            assertThat(book.getSheetVisibility(book.getSheetIndex("excelVersion"))).isEqualTo(SheetVisibility.HIDDEN);
            assertThat(book.getSheet("excelVersion").getRow(3).getCell(0).getStringCellValue()).isEqualTo("pt:20260401");
            assertThat(row(book.getSheet("1-发票基本信息"), 2)).isEqualTo(InvoicingTemplate.BASIC_HEADERS);
            assertThat(row(book.getSheet("2-发票明细信息"), 2)).isEqualTo(InvoicingTemplate.DETAIL_HEADERS);
            assertThat(row(book.getSheet("3-特定业务信息"), 2)).isEqualTo(InvoicingTemplate.SPECIAL_HEADERS);
            assertThat(book.getSheet("3-特定业务信息").getLastRowNum()).isEqualTo(2);
            Sheet basic = book.getSheet("1-发票基本信息");
            assertThat(row(basic, 3).subList(0, 7)).containsExactly("P202610R1N00001", "普通发票", "", "是", "否",
                    "=Alpha 有限公司", "91330100MA27LX1001");
            assertThat(basic.getRow(3).getCell(22).getStringCellValue()).isEqualTo("云服务费 INV-2026-10-A 2026-10");
            Sheet detail = book.getSheet("2-发票明细信息");
            assertThat(row(detail, 3).subList(0, 10)).containsExactly("P202610R1N00001", "云计算服务", "3040203000000000000",
                    "", "", "", "", "1000.00", "0.06", "80.00");
            assertThat(row(detail, 4).subList(0, 10)).containsExactly("P202610R1N00001", "云存储服务", "3040205000000000000",
                    "", "", "", "", "100.00", "0.06", "10.00");
            assertThat(row(detail, 5).subList(0, 10)).containsExactly("P202610R1N00001", "云计算服务", "3040203000000000000",
                    "", "", "", "", "200.00", "0.06", "");
            assertThat(row(detail, 6).get(0)).isEqualTo("P202610R1N00002");
            for (Sheet sheet : List.of(basic, detail)) {
                for (Row r : sheet) {
                    for (Cell cell : r) {
                        assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
                        if (r.getRowNum() >= 3) {
                            assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("@");
                        }
                    }
                }
            }
        }
    }

    @Test
    void atMostTheGivenDetailRowsPerWorkbook_neverSplittingAnInvoice_andTheSameBytesAgain() throws Exception {
        csvs();
        InvoicingWorkbooks workbooks = new InvoicingWorkbooks(folder, PERIOD, 1, 3);
        InvoicingWorkbooks.Written written = workbooks.write(POLICY);
        assertThat(written.files()).extracting(InvoicingWorkbooks.File::name)
                .containsExactly("invoicing-2026-10-r1-1.xlsx", "invoicing-2026-10-r1-2.xlsx");
        assertThat(written.files()).extracting(InvoicingWorkbooks.File::detailRows).containsExactly(3L, 1L);
        byte[] first = Files.readAllBytes(written.files().get(1).path());
        Thread.sleep(2100);
        assertThat(Files.readAllBytes(workbooks.write(POLICY).files().get(1).path())).isEqualTo(first);
    }

    @Test
    void aSerialHasAtMostTwentyCharacters() {
        assertThat(new InvoicingWorkbooks(folder, PERIOD, 99).serial(9_999_999)).hasSizeLessThanOrEqualTo(20);
    }

    static List<String> sheets(XSSFWorkbook book) {
        List<String> names = new ArrayList<>();
        book.forEach(sheet -> names.add(sheet.getSheetName()));
        return names;
    }

    static List<String> row(Sheet sheet, int index) {
        List<String> cells = new ArrayList<>();
        Row row = sheet.getRow(index);
        int width = Math.max(row.getLastCellNum(), sheet.getRow(2).getLastCellNum());
        for (int i = 0; i < width; i++) {
            Cell cell = i < row.getLastCellNum() ? row.getCell(i) : null;
            cells.add(cell == null ? "" : cell.getStringCellValue());
        }
        return cells;
    }
}
