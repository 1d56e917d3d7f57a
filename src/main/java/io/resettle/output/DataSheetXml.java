package io.resettle.output;

import io.resettle.output.WorkbookStyles.Kind;
import io.resettle.support.csv.Values;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One data sheet of the period workbook written as SpreadsheetML straight into the workbook's zip
 * entry, a row at a time: the same XML POI's streaming workbook writes (inline strings, a frozen
 * header, column widths, an autofilter), without its compressed temporary files and second zip.
 * At a million lines those took three deflate passes, most of the settlement's time (issue 20).
 * The XML is written as bytes; an ASCII cell (nearly every one) goes from the CSV's bytes to the
 * XML's without a String, the others through the same escaping as text.
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

    private final OutputStream out;
    private final byte[][] letters;
    private final byte[][] styles;
    private final Kind[] kinds;
    /** What is written, handed to {@code out} a block at a time. */
    private byte[] bytes = new byte[1 << 16];
    private int length;
    /** An ASCII cell's bytes seen as characters, for the rules written for text. */
    private final AsciiCell asciiCell = new AsciiCell();
    /** A cell that is not ASCII, built as text first. */
    private final StringBuilder text = new StringBuilder(256);
    private int rows;

    /**
     * Starts the sheet: widths in characters, {@code headerStyle} and {@code styles} are the
     * workbook's style indexes (0: none), one per column.
     */
    DataSheetXml(OutputStream out, List<String> header, int[] widths, int headerStyle, Kind[] kinds, int[] styles)
            throws IOException {
        this.out = out;
        this.kinds = kinds;
        this.letters = new byte[header.size()][];
        this.styles = new byte[header.size()][];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = asciiBytes(columnLetters(i));
            this.styles[i] = styleAttribute(styles[i]);
        }
        ascii(HEAD);
        ascii("<cols>");
        for (int i = 0; i < widths.length; i++) {
            ascii("<col min=\"" + (i + 1) + "\" max=\"" + (i + 1) + "\" width=\"" + widths[i]
                    + ".0\" customWidth=\"true\"/>");
        }
        ascii("</cols><sheetData>\n");
        startRow();
        byte[] headerStyleAttribute = styleAttribute(headerStyle);
        for (int i = 0; i < letters.length; i++) {
            text(i, header.get(i), headerStyleAttribute);
        }
        endRow();
    }

    /** A data row: each non-empty cell as a number in its column's style, or as text. */
    void row(CsvRecords record) throws IOException {
        startRow();
        for (int i = 0; i < letters.length && i < record.size(); i++) {
            if (record.isEmpty(i)) {
                continue;
            }
            if (!record.isAscii(i)) {
                cell(i, record.get(i));
                continue;
            }
            byte[] b = record.bytes();
            int start = record.start(i);
            int end = record.end(i);
            if (kinds[i] != Kind.TEXT && Values.isPlainDecimal(asciiCell.of(b, start, end))) {
                cellStart(i, styles[i]);
                ascii(" t=\"n\"><v>");
                put(b, start, end);
                ascii("</v></c>");
            } else if (end - start > EXCEL_CELL_CHARACTERS) {
                text(i, record.get(i), NO_STYLE);
            } else {
                asciiText(i, b, start, end);
            }
        }
        endRow();
    }

    /**
     * The same row from its values as text: every cell as a cell that is not ASCII is written (the
     * reference the bytes' path is tested against).
     */
    void row(List<String> values) throws IOException {
        startRow();
        for (int i = 0; i < letters.length && i < values.size(); i++) {
            String value = values.get(i);
            if (value != null && !value.isEmpty()) {
                cell(i, value);
            }
        }
        endRow();
    }

    /** A non-empty value as a number in its column's style, or as text. */
    private void cell(int column, String value) {
        if (kinds[column] != Kind.TEXT && Values.isPlainDecimal(value)) {
            number(column, value);
        } else {
            text(column, value, NO_STYLE);
        }
    }

    /** Rows written so far, the header included. */
    int rows() {
        return rows;
    }

    /** Ends the sheet: the autofilter over the header and every row written; everything handed to {@code out}. */
    void finish() throws IOException {
        ascii("</sheetData><autoFilter ref=\"A1:");
        put(letters[letters.length - 1], 0, letters[letters.length - 1].length);
        digits(rows);
        ascii("\"/>");
        ascii(MARGINS);
        handOver();
    }

    private static final byte[] NO_STYLE = new byte[0];

    private static byte[] styleAttribute(int style) {
        return style == 0 ? NO_STYLE : asciiBytes(" s=\"" + style + "\"");
    }

    private void startRow() {
        rows++;
        ascii("<row r=\"");
        digits(rows);
        ascii("\">\n");
    }

    private void endRow() throws IOException {
        ascii("</row>\n");
        if (length > bytes.length / 2) {
            handOver();
        }
    }

    private void cellStart(int column, byte[] style) {
        ascii("<c r=\"");
        put(letters[column], 0, letters[column].length);
        digits(rows);
        put('"');
        put(style, 0, style.length);
    }

    private void number(int column, String value) {
        cellStart(column, styles[column]);
        ascii(" t=\"n\"><v>");
        ascii(value);
        ascii("</v></c>");
    }

    private void text(int column, String value, byte[] style) {
        value = withinExcelsLimit(value);
        cellStart(column, style);
        ascii(" t=\"inlineStr\"><is><t");
        if (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))) {
            ascii(" xml:space=\"preserve\"");
        }
        put('>');
        text.setLength(0);
        escape(value, text);
        byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
        put(utf8, 0, utf8.length);
        ascii("</t></is></c>");
    }

    /** {@link #text} for an ASCII cell within Excel's limit, straight from its bytes: the same XML. */
    private void asciiText(int column, byte[] b, int start, int end) {
        cellStart(column, NO_STYLE);
        ascii(" t=\"inlineStr\"><is><t");
        if (Character.isWhitespace((char) b[start]) || Character.isWhitespace((char) b[end - 1])) {
            ascii(" xml:space=\"preserve\"");
        }
        put('>');
        int plain = start;
        for (int i = start; i < end; i++) {
            byte c = b[i];
            if (c >= 0x20 && c != '<' && c != '>' && c != '&' && c != '"' && c != '_') {
                continue;
            }
            put(b, plain, i);
            plain = i + 1;
            switch (c) {
                case '<' -> ascii("&lt;");
                case '>' -> ascii("&gt;");
                case '&' -> ascii("&amp;");
                case '"' -> ascii("&quot;");
                case '\r' -> ascii("&#13;");
                case '\t', '\n' -> put(c);
                case '_' -> ascii(escapesLater(asciiCell.of(b, start, end), i - start) ? "_x005F_" : "_");
                default -> ascii(String.format("_x%04X_", (int) c));
            }
        }
        put(b, plain, end);
        ascii("</t></is></c>");
    }

    /** ASCII bytes as the characters they are, without copying them; reused cell after cell. */
    private static final class AsciiCell implements CharSequence {
        private byte[] bytes;
        private int start;
        private int end;

        AsciiCell of(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.start = start;
            this.end = end;
            return this;
        }

        @Override
        public int length() {
            return end - start;
        }

        @Override
        public char charAt(int index) {
            return (char) bytes[start + index];
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return new String(bytes, start + from, to - from, StandardCharsets.US_ASCII);
        }

        @Override
        public String toString() {
            return new String(bytes, start, end - start, StandardCharsets.US_ASCII);
        }
    }

    private void handOver() throws IOException {
        out.write(bytes, 0, length);
        length = 0;
    }

    private void digits(int value) {
        ensure(10);
        int count = 1;
        for (int rest = value / 10; rest > 0; rest /= 10) {
            count++;
        }
        for (int i = length + count - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += count;
    }

    private void ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
    }

    private static byte[] asciiBytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private void put(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    private void put(byte[] from, int start, int end) {
        ensure(end - start);
        System.arraycopy(from, start, bytes, length, end - start);
        length += end - start;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
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
    private static boolean escapesLater(CharSequence value, int i) {
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
