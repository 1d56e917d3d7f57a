package io.resettle.ingest;

import java.io.IOException;
import java.io.Reader;

/**
 * A reader that remembers the characters it passed on, so that a rejected row's raw text can be
 * kept exactly as it stood in the file (io-contract §2: the decoded line, quotes and NULLs as
 * written), cut out between two records' character positions. What lies before the oldest
 * position still needed is dropped now and then, so memory stays about one parser buffer.
 */
public final class RecordingReader extends Reader {

    private static final int COMPACT_AT = 1 << 20;

    private final Reader in;
    private final StringBuilder window = new StringBuilder();
    /** Character position (in the whole stream) of {@code window}'s first character. */
    private long windowStart;

    public RecordingReader(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read = in.read(buffer, offset, length);
        if (read > 0) {
            window.append(buffer, offset, read);
        }
        return read;
    }

    /**
     * The text from character position {@code from} to {@code to} (exclusive; negative: all that
     * was read), without the line breaks around it.
     */
    public String between(long from, long to) {
        int start = (int) (from - windowStart);
        int end = to < 0 ? window.length() : (int) (to - windowStart);
        while (start < end && (window.charAt(start) == '\n' || window.charAt(start) == '\r')) {
            start++; // empty lines the parser skipped before the record
        }
        while (end > start && (window.charAt(end - 1) == '\n' || window.charAt(end - 1) == '\r')) {
            end--;
        }
        return window.substring(start, end);
    }

    /** Nothing before character position {@code position} will be asked for again. */
    public void forgetBefore(long position) {
        int drop = (int) (position - windowStart);
        if (drop >= COMPACT_AT) {
            window.delete(0, drop);
            windowStart = position;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
