package io.resettle.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The records of one of our own UTF-8 CSV files, read as bytes for the period workbook: the cells
 * of a record are byte ranges of one array, so a million invoice lines cost no String per cell.
 * Commons CSV's parser of the same files (RFC 4180) made a String of every cell, much of the
 * workbook's main thread (docs/decisions.md, issue 20 eleventh round). It splits exactly as that
 * parser does with {@code CSVFormat.RFC4180}: a record ends at LF, CR or CRLF outside quotes, an
 * empty line is a record of one empty cell, a line end at the end of the file makes no further
 * record, a quoted cell keeps its line ends and reads {@code ""} as one quote, and only whitespace
 * may follow its closing quote. A cell that is not ASCII must be UTF-8, as the reader of the text
 * required.
 */
final class CsvRecords {

    private static final int EOF = -1;

    private final InputStream in;
    private final String file;
    /** Strict, as the reader of the text was: a file that is not UTF-8 fails rather than change. */
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] input = new byte[1 << 16];
    private int inputLength;
    private int inputPosition;
    private long line = 1;
    /** The line the current record starts on, for messages. */
    private long recordLine;

    private byte[] cells = new byte[1 << 10];
    private int cellsLength;
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private boolean[] ascii = new boolean[32];
    private int size;

    /** {@code file}: named in the message of a malformed file. */
    CsvRecords(InputStream in, String file) {
        this.in = in;
        this.file = file;
    }

    /** Reads the next record; false at the end of the file. The previous record's cells are gone. */
    boolean next() throws IOException {
        size = 0;
        cellsLength = 0;
        recordLine = line;
        int c = read();
        if (c == EOF) {
            return false;
        }
        while (true) {
            int start = cellsLength;
            boolean onlyAscii = true;
            if (c == '"') {
                c = quoted();
                onlyAscii = asciiSince(start);
            } else {
                while (c != ',' && c != '\r' && c != '\n' && c != EOF) {
                    onlyAscii &= c < 0x80;
                    put(c);
                    c = read();
                }
            }
            boolean last = c != ',';
            if (!onlyAscii) {
                checkUtf8(start);
            }
            add(start, onlyAscii);
            if (c == '\r' && peek() == '\n') {
                read();
            }
            if (last) {
                return true;
            }
            c = read();
            if (c == EOF) {
                // "a," at the very end: an empty last cell
                add(cellsLength, true);
                return true;
            }
        }
    }

    /** A quoted cell's text up to its closing quote; returns the character after what may follow it. */
    private int quoted() throws IOException {
        long opened = line;
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new IOException(file + ": the quoted cell opened on line " + opened + " never ends");
            }
            if (c == '"') {
                if (peek() != '"') {
                    break;
                }
                read();
            }
            put(c);
        }
        int c = read();
        while (c != ',' && c != '\r' && c != '\n' && c != EOF) {
            // Whitespace as a character, as Commons CSV tests it: U+3000 is three bytes here.
            int character = c < 0x80 ? c : codePointFrom(c);
            if (character > Character.MAX_VALUE || !Character.isWhitespace((char) character)) {
                throw new IOException(file + ": line " + line + " has '" + Character.toString(character)
                        + "' after a closing quote");
            }
            c = read();
        }
        return c;
    }

    /** The character whose UTF-8 encoding starts with {@code lead}, its other bytes read. */
    private int codePointFrom(int lead) throws IOException {
        int more = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
        byte[] encoded = new byte[more + 1];
        encoded[0] = (byte) lead;
        for (int i = 1; i <= more; i++) {
            int next = read();
            encoded[i] = (byte) next;
        }
        return decode(encoded, 0, encoded.length, line).codePointAt(0);
    }

    private void checkUtf8(int start) throws IOException {
        decode(cells, start, cellsLength, recordLine);
    }

    private String decode(byte[] bytes, int start, int end, long lineOfThem) throws IOException {
        try {
            return utf8.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": line " + lineOfThem + " is not UTF-8", e);
        }
    }

    /** Cells of the current record. */
    int size() {
        return size;
    }

    byte[] bytes() {
        return cells;
    }

    int start(int cell) {
        return starts[cell];
    }

    int end(int cell) {
        return ends[cell];
    }

    boolean isEmpty(int cell) {
        return starts[cell] == ends[cell];
    }

    /** Whether the cell is ASCII only: one byte a character. */
    boolean isAscii(int cell) {
        return ascii[cell];
    }

    String get(int cell) {
        return new String(cells, starts[cell], ends[cell] - starts[cell],
                ascii[cell] ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** The cell under a header name, as {@code CSVRecord.get(String)} gives it. */
    String get(Map<String, Integer> header, String name) {
        Integer cell = header.get(name);
        if (cell == null) {
            throw new IllegalArgumentException(file + ": no column '" + name + "' in " + header.keySet());
        }
        if (cell >= size) {
            throw new IllegalArgumentException(file + ": no cell '" + name + "' on line " + recordLine);
        }
        return get(cell);
    }

    List<String> toList() {
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(get(i));
        }
        return values;
    }

    private void add(int start, boolean onlyAscii) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            ascii = Arrays.copyOf(ascii, size * 2);
        }
        starts[size] = start;
        ends[size] = cellsLength;
        ascii[size] = onlyAscii;
        size++;
    }

    private boolean asciiSince(int start) {
        for (int i = start; i < cellsLength; i++) {
            if (cells[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private void put(int c) {
        if (cellsLength == cells.length) {
            cells = Arrays.copyOf(cells, cells.length * 2);
        }
        cells[cellsLength++] = (byte) c;
    }

    private int read() throws IOException {
        if (inputPosition == inputLength && !fill()) {
            return EOF;
        }
        int c = input[inputPosition++] & 0xFF;
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private int peek() throws IOException {
        if (inputPosition == inputLength && !fill()) {
            return EOF;
        }
        return input[inputPosition] & 0xFF;
    }

    private boolean fill() throws IOException {
        int n = in.read(input, 0, input.length);
        while (n == 0) {
            n = in.read(input, 0, input.length);
        }
        if (n < 0) {
            return false;
        }
        inputLength = n;
        inputPosition = 0;
        return true;
    }
}
