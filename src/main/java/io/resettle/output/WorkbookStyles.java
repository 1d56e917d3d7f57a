package io.resettle.output;

import java.math.BigDecimal;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;

/** How the period workbook's cells look: the kind of each column, its number format, header and title. */
final class WorkbookStyles {

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

    final CellStyle header;
    final CellStyle title;
    final CellStyle money;
    final CellStyle six;
    final CellStyle rate;
    final CellStyle integer;
    final CellStyle plain;

    WorkbookStyles(Workbook workbook) {
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

    private static CellStyle numberStyle(Workbook workbook, String format) {
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

    /** A CSV cell: a number in the kind's format, or text as the CSV has it; nothing if empty. */
    void cell(Row row, int column, Kind kind, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        Cell cell = row.createCell(column);
        if (kind != Kind.TEXT) {
            try {
                cell.setCellValue(new BigDecimal(text).doubleValue());
                cell.setCellStyle(of(kind));
                return;
            } catch (NumberFormatException notANumber) {
                // a column that is numeric in the contract but holds text here: kept as the CSV has it
            }
        }
        cell.setCellValue(text);
        // The default style (index 0, written as no style at all, as before) set on the cell: without
        // one POI looks for the column's style in the sheet's XML for every cell it writes, which took
        // most of writeSettlementFiles at a million lines (issue 20).
        cell.setCellStyle(plain);
    }
}
