package io.resettle.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our 数电票 workbook against the tax bureau's official template (批量开票-导入开票模板 V260401), which the
 * project does not ship: pass its path as {@code -Dresettle.invoicing.template=…} (docs/outputs.md says
 * where it is published). Not part of the suite (the name does not end in Test: CI must not skip a test, and the
 * template cannot be committed): run it by name, `-Dtest=InvoicingTemplateCheck`. Every sheet we write is a sheet of the template, in the
 * template's order, with its visibility, header row 3 and version cell.
 */
class InvoicingTemplateCheck {

    @TempDir
    Path folder;

    @Test
    void sheetsHeadersAndVersionAreTheOfficialTemplates() throws Exception {
        String template = System.getProperty("resettle.invoicing.template", "");
        assumeThat(template).as("-Dresettle.invoicing.template names the official template").isNotEmpty();
        Files.writeString(folder.resolve("invoices.csv"), """
                invoice_id,sub_account_id,group_id,invoice_title,tax_id,settlement_mode,period,revision,line_count,payable,discount,net,currency
                INV-2026-10-A,A,G1,Alpha,T-A,CREDIT,2026-10,1,1,100.00,0.00,100.00,CNY
                """);
        Files.writeString(folder.resolve("invoice-lines.csv"), """
                invoice_id,sub_account_id,line_id,kind,product_code,category,charge_type,payable,discount_rate,discount,net,currency
                INV-2026-10-A,A,a1,CHARGE,ecs,COMPUTE,NEW,100.00,0,0.00,100.00,CNY
                """);
        Path ours = new InvoicingWorkbooks(folder, YearMonth.of(2026, 10), 1).write(InvoicingWorkbooksTest.POLICY)
                .files().get(0).path();
        try (InputStream a = Files.newInputStream(Path.of(template)); XSSFWorkbook official = new XSSFWorkbook(a);
                InputStream b = Files.newInputStream(ours); XSSFWorkbook written = new XSSFWorkbook(b)) {
            List<String> officialOrder = new ArrayList<>(InvoicingWorkbooksTest.sheets(official));
            List<String> ourSheets = InvoicingWorkbooksTest.sheets(written);
            assertThat(officialOrder).containsAll(ourSheets);
            officialOrder.retainAll(ourSheets);
            assertThat(ourSheets).isEqualTo(officialOrder);
            List<String> officialVisible = InvoicingWorkbooksTest.sheets(official).stream()
                    .filter(name -> official.getSheetVisibility(official.getSheetIndex(name)) == SheetVisibility.VISIBLE).toList();
            assertThat(ourSheets).containsAll(officialVisible);
            for (String sheet : ourSheets) {
                assertThat(written.getSheetVisibility(written.getSheetIndex(sheet))).as(sheet)
                        .isEqualTo(official.getSheetVisibility(official.getSheetIndex(sheet)));
                if (!sheet.equals("excelVersion")) {
                    assertThat(InvoicingWorkbooksTest.row(written.getSheet(sheet), 2)).as(sheet + " row 3")
                            .isEqualTo(InvoicingWorkbooksTest.row(official.getSheet(sheet), 2));
                }
            }
            assertThat(written.getSheet("excelVersion").getRow(3).getCell(0).getStringCellValue())
                    .isEqualTo(official.getSheet("excelVersion").getRow(3).getCell(0).getStringCellValue());
        }
    }
}
