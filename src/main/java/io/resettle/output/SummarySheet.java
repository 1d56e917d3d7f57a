package io.resettle.output;

import io.resettle.output.WorkbookStyles.Kind;
import io.resettle.output.WorkbookSummary.SheetRange;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * The period workbook's first sheet: status, invoices, breaks, payouts, tier edges, what the other
 * files of the revision hold, and which rows each sheet holds; in English or Chinese.
 */
final class SummarySheet {

    private final Sheet sheet;
    private final WorkbookStyles styles;
    private final boolean zh;
    private int next;

    SummarySheet(Sheet sheet, WorkbookStyles styles, PeriodWorkbook.Headers headers) {
        this.sheet = sheet;
        this.styles = styles;
        this.zh = headers == PeriodWorkbook.Headers.ZH;
    }

    void write(YearMonth period, int revision, String exitStatus, WorkbookSummary s, List<String> notes) {
        sheet.setColumnWidth(0, 40 * 256);
        sheet.setColumnWidth(1, 22 * 256);
        sheet.setColumnWidth(2, 14 * 256);
        // printed (or turned into PDF) on one page's width
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
        title(zh ? "结算汇总 " + period + " 第 " + revision + " 版" : "Settlement " + period + " revision " + revision);
        text(zh ? "状态" : "Status", exitStatus);
        blank();
        heading(zh ? "发票" : "Invoices");
        count(zh ? "发票数" : "Invoices", s.invoices);
        count(zh ? "发票明细行数" : "Invoice lines", s.invoiceLines);
        money(zh ? "应付金额" : "Payable", s.invoicePayable);
        money(zh ? "折扣" : "Discount", s.invoiceDiscount);
        money(zh ? "净额" : "Net", s.invoiceNet);
        blank();
        heading(zh ? "对账差异" : "Breaks");
        count(zh ? "差异数" : "Breaks", s.breaks.size());
        for (String[] item : s.breaks) {
            moneyRow(item[0], item[1], item[2]);
        }
        blank();
        heading(zh ? "付款" : "Payouts");
        count(zh ? "待付款（PAY）" : "To pay (PAY)", s.payoutsToPay);
        count(zh ? "暂缓（HELD）" : "Held (HELD)", s.payoutsHeld);
        money(zh ? "应付总额（PAY）" : "Gross (PAY)", s.payoutGross);
        money(zh ? "代扣税（PAY）" : "Tax withheld (PAY)", s.payoutTax);
        money(zh ? "实付金额（PAY）" : "Net to pay (PAY)", s.payoutNet);
        blank();
        heading(zh ? "跨越档位" : "Tier edges");
        int crossed = 0;
        for (Map.Entry<String, Set<String>> slices : s.sliceTiers.entrySet()) {
            if (slices.getValue().size() > 1) {
                crossed++;
                text((zh ? "返利本期跨档 " : "Rebate crossed this period: ") + slices.getKey(),
                        String.join(" → ", slices.getValue()));
            }
        }
        if (crossed == 0) {
            text(zh ? "返利本期跨档" : "Rebate crossed this period", zh ? "无" : "none");
        }
        for (String[] group : s.groupTiers) {
            moneyText((zh ? "折扣档位 " : "Discount tier reached: ") + group[0], group[1]);
        }
        if (!notes.isEmpty()) {
            blank();
            heading(zh ? "其他文件" : "Other files");
            notes.forEach(note -> row(note));
        }
        blank();
        heading(zh ? "工作表" : "Sheets");
        header(zh ? "工作表" : "Sheet", zh ? "文件" : "File", zh ? "数据行" : "Data rows");
        for (SheetRange range : s.sheets) {
            boolean split = s.sheets.stream().filter(other -> other.file().equals(range.file())).count() > 1;
            row(range.sheet(), range.file(), split ? range.first() + "–" + range.last() : String.valueOf(range.count()));
        }
    }

    // ---- rows of the sheet, one after another ----

    private void title(String text) {
        Cell cell = sheet.createRow(next++).createCell(0);
        cell.setCellValue(text);
        cell.setCellStyle(styles.title);
    }

    private void heading(String text) {
        Cell cell = sheet.createRow(next++).createCell(0);
        cell.setCellValue(text);
        cell.setCellStyle(styles.header);
    }

    private void header(String... texts) {
        Row row = sheet.createRow(next++);
        for (int i = 0; i < texts.length; i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(texts[i]);
            cell.setCellStyle(styles.header);
        }
    }

    private void blank() {
        next++;
    }

    private void text(String label, String value) {
        Row row = sheet.createRow(next++);
        row.createCell(0).setCellValue(label);
        row.createCell(1).setCellValue(value);
    }

    private void row(String... texts) {
        Row row = sheet.createRow(next++);
        for (int i = 0; i < texts.length; i++) {
            row.createCell(i).setCellValue(texts[i]);
        }
    }

    private void count(String label, long value) {
        Row row = sheet.createRow(next++);
        row.createCell(0).setCellValue(label);
        Cell cell = row.createCell(1);
        cell.setCellValue(value);
        cell.setCellStyle(styles.integer);
    }

    private void money(String label, BigDecimal value) {
        Row row = sheet.createRow(next++);
        row.createCell(0).setCellValue(label);
        Cell cell = row.createCell(1);
        cell.setCellValue(value.doubleValue());
        cell.setCellStyle(styles.money);
    }

    /** A money value as the CSV has it (text if it is not a number, e.g. empty). */
    private void moneyText(String label, String value) {
        Row row = sheet.createRow(next++);
        row.createCell(0).setCellValue(label);
        styles.cell(row, 1, Kind.MONEY, value);
    }

    private void moneyRow(String label, String key, String amount) {
        Row row = sheet.createRow(next++);
        row.createCell(0).setCellValue(label);
        row.createCell(1).setCellValue(key);
        styles.cell(row, 2, Kind.MONEY, amount);
    }
}
