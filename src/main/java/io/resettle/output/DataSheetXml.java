package io.resettle.output;

import io.resettle.output.WorkbookStyles.Kind;
import io.resettle.support.csv.Values;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * One data sheet of the period workbook written as SpreadsheetML straight into the workbook's zip
 * entry, a row at a time: the same XML POI's streaming workbook writes (inline strings, a frozen
 * header, column widths, an autofilter), without its compressed temporary files and second zip.
 * At a million lines those took three deflate passes, most of the settlement's time (issue 20).
 *
 * <p>Numbers are written as the CSV has them ({@link Values#isPlainDecimal}, so nothing is lost to
 * a binary fraction on the way); text is escaped for XML, with characters XML cannot hold written as
 * Excel's {@code _xHHHH_}.
 */
final class DataSheetXml {

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetViews>"
            + "<sheetView workbookViewId=\"0\"><pane ySplit=\"1.0\" state=\"frozen\" topLeftCell=\"A2\""
            + " activePane=\"bottomLeft\"/><selection pane=\"bottomLeft\"/></sheetView></sheetViews>"
            + "<sheetFormatPr defaultRowHeight=\"15.0\"/>";
    private static final String MARGINS = "<pageMargins bottom=\"0.75\" footer=\"0.3\" header=\"0.3\" left=\"0.7\""
            + " right=\"0.7\" top=\"0.75\"/></worksheet>";

    private final Writer out;
    private final String[] letters;
    private final int[] styles;
    private final Kind[] kinds;
    private final StringBuilder row = new StringBuilder(512);
    private int rows;

    /**
     * Starts the sheet: widths in characters, {@code headerStyle} and {@code styles} are the
     * workbook's style indexes (0: none), one per column.
     */
    DataSheetXml(Writer out, List<String> header, int[] widths, int headerStyle, Kind[] kinds, int[] styles)
            throws IOException {
        this.out = out;
        this.kinds = kinds;
        this.styles = styles;
        this.letters = new String[header.size()];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = columnLetters(i);
        }
        out.write(HEAD);
        out.write("<cols>");
        for (int i = 0; i < widths.length; i++) {
            out.write("<col min=\"" + (i + 1) + "\" max=\"" + (i + 1) + "\" width=\"" + widths[i]
                    + ".0\" customWidth=\"true\"/>");
        }
        out.write("</cols><sheetData>\n");
        startRow();
        for (int i = 0; i < letters.length; i++) {
            text(i, header.get(i), headerStyle);
        }
        endRow();
    }

    /** A data row: each non-empty value as a number in its column's style, or as text. */
    void row(List<String> values) throws IOException {
        startRow();
        for (int i = 0; i < letters.length && i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isEmpty()) {
                continue;
            }
            if (kinds[i] != Kind.TEXT && Values.isPlainDecimal(value)) {
                cellStart(i, styles[i]);
                row.append(" t=\"n\"><v>").append(value).append("</v></c>");
            } else {
                text(i, value, 0);
            }
        }
        endRow();
    }

    /** Rows written so far, the header included. */
    int rows() {
        return rows;
    }

    /** Ends the sheet: the autofilter over the header and every row written. */
    void finish() throws IOException {
        out.write("</sheetData><autoFilter ref=\"A1:" + letters[letters.length - 1] + rows + "\"/>");
        out.write(MARGINS);
    }

    private void startRow() {
        rows++;
        row.setLength(0);
        row.append("<row r=\"").append(rows).append("\">\n");
    }

    private void endRow() throws IOException {
        row.append("</row>\n");
        out.append(row);
    }

    private void cellStart(int column, int style) {
        row.append("<c r=\"").append(letters[column]).append(rows).append('"');
        if (style != 0) {
            row.append(" s=\"").append(style).append('"');
        }
    }

    private void text(int column, String value, int style) {
        value = withinExcelsLimit(value);
        cellStart(column, style);
        row.append(" t=\"inlineStr\"><is><t");
        if (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))) {
            row.append(" xml:space=\"preserve\"");
        }
        row.append('>');
        escape(value, row);
        row.append("</t></is></c>");
    }

    /** Excel's limit on a cell's text; a longer cell makes Excel "repair" the workbook and drop it. */
    static final int EXCEL_CELL_CHARACTERS = 32_767;
    static final String CUT = " …[cut at Excel's 32,767 characters; the CSV holds the whole text]";

    /**
     * The text as it is, or, past Excel's limit, its beginning with {@link #CUT} at the end (a
     * rejected row's raw text can be that long; never a pair of surrogates split).
     */
    static String withinExcelsLimit(String value) {
        if (value.length() <= EXCEL_CELL_CHARACTERS) {
            return value;
        }
        int keep = EXCEL_CELL_CHARACTERS - CUT.length();
        if (Character.isHighSurrogate(value.charAt(keep - 1))) {
            keep--;
        }
        return value.substring(0, keep) + CUT;
    }

    /** XML text; a character XML 1.0 cannot hold (most controls) as {@code _xHHHH_}, and a literal {@code _xHHHH_} kept. */
    static void escape(String value, StringBuilder to) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> to.append("&lt;");
                case '>' -> to.append("&gt;");
                case '&' -> to.append("&amp;");
                case '"' -> to.append("&quot;");
                case '\r' -> to.append("&#13;");
                case '\t', '\n' -> to.append(c);
                case '_' -> to.append(escapesLater(value, i) ? "_x005F_" : "_");
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF || unpairedSurrogate(value, i)) {
                        to.append(String.format("_x%04X_", (int) c));
                    } else {
                        to.append(c);
                    }
                }
            }
        }
    }

    /** Whether {@code _} at {@code i} starts {@code _xHHHH_}, which a reader would turn into one character. */
    private static boolean escapesLater(String value, int i) {
        if (i + 7 > value.length() || value.charAt(i + 1) != 'x' || value.charAt(i + 6) != '_') {
            return false;
        }
        for (int k = i + 2; k < i + 6; k++) {
            if (Character.digit(value.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean unpairedSurrogate(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(value.charAt(i - 1));
        }
        return false;
    }

    /** A, B, …, Z, AA, … for a zero-based column. */
    static String columnLetters(int column) {
        StringBuilder letters = new StringBuilder();
        for (int n = column + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }
}
