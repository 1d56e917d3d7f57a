package io.resettle.support;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * The rows of one {@code COPY … FROM STDIN (FORMAT csv)}, written straight into UTF-8 bytes (the
 * encoding pgjdbc always gives its connections). Numbers and times are written digit by digit:
 * {@link BigDecimal#toPlainString()} and {@link LocalDateTime#toString()} build two or three
 * temporary strings per value, and a chunk built as text was copied three more times on its way to
 * the socket (String, Reader, encoder); together a quarter of the JVM's time in ingest, priceLines
 * and computeRebates (docs/performance.md). The text is the same as those methods give: plain
 * notation, every digit of the scale kept, so PostgreSQL reads exactly the number computed.
 */
final class CopyText {

    private byte[] bytes;
    private int length;

    CopyText(int expectedBytes) {
        bytes = new byte[Math.max(64, expectedBytes)];
    }

    /** One row: its values separated by commas, then a line end. */
    CopyText row(Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put((byte) ',');
            }
            field(values[i]);
        }
        put((byte) '\n');
        return this;
    }

    /** One CSV field: null unquoted (NULL), text always quoted (so "" stays an empty string). */
    CopyText field(Object value) {
        if (value == null) {
            return this;
        }
        if (value instanceof String text) {
            quoted(text);
        } else if (value instanceof BigDecimal decimal) {
            plain(decimal);
        } else if (value instanceof Integer || value instanceof Long) {
            digits(((Number) value).longValue());
        } else if (value instanceof LocalDateTime time) {
            time(time);
        } else if (value instanceof Number || value instanceof Boolean || value instanceof java.time.temporal.Temporal) {
            ascii(value.toString());
        } else {
            quoted(value.toString());
        }
        return this;
    }

    InputStream stream() {
        return new ByteArrayInputStream(bytes, 0, length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** {@code decimal.toPlainString()}, without the temporary strings when the unscaled value fits in a long. */
    void plain(BigDecimal decimal) {
        int scale = decimal.scale();
        if (scale < 0 || decimal.precision() > 18) {
            ascii(decimal.toPlainString());
            return;
        }
        long unscaled = decimal.unscaledValue().longValue();
        if (unscaled < 0) {
            put((byte) '-');
            unscaled = -unscaled;
        }
        int digits = digitCount(unscaled);
        if (digits <= scale) {
            // 0.000123: a zero, the point, zeros up to the scale, then the digits.
            ensure(scale + 2);
            bytes[length++] = '0';
            bytes[length++] = '.';
            for (int i = digits; i < scale; i++) {
                bytes[length++] = '0';
            }
            writeDigits(unscaled, digits);
            return;
        }
        ensure(digits + 1);
        int end = length + digits + (scale > 0 ? 1 : 0);
        int position = end;
        for (int i = 0; i < digits; i++) {
            if (scale > 0 && i == scale) {
                bytes[--position] = '.';
            }
            bytes[--position] = (byte) ('0' + unscaled % 10);
            unscaled /= 10;
        }
        length = end;
    }

    /** {@code time.toString()} for whole seconds ({@code 2026-10-01T08:00}, {@code …T08:00:05}); other values as is. */
    void time(LocalDateTime time) {
        int year = time.getYear();
        if (time.getNano() != 0 || year < 1000 || year > 9999) {
            ascii(time.toString());
            return;
        }
        ensure(19);
        writeDigits(year, 4);
        bytes[length++] = '-';
        writeDigits(time.getMonthValue(), 2);
        bytes[length++] = '-';
        writeDigits(time.getDayOfMonth(), 2);
        bytes[length++] = 'T';
        writeDigits(time.getHour(), 2);
        bytes[length++] = ':';
        writeDigits(time.getMinute(), 2);
        if (time.getSecond() != 0) {
            bytes[length++] = ':';
            writeDigits(time.getSecond(), 2);
        }
    }

    private void digits(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                ascii(Long.toString(value));
                return;
            }
            put((byte) '-');
            value = -value;
        }
        int count = digitCount(value);
        ensure(count);
        writeDigits(value, count);
    }

    /** Text in double quotes, its quotes doubled. A quote byte never occurs inside a UTF-8 multi-byte character. */
    private void quoted(String text) {
        // ASCII, nearly every id and code, goes char by char: encoding each value into a new byte
        // array was a fifth of ingest's JVM time (docs/performance.md).
        int start = length;
        ensure(text.length() * 2 + 2);
        bytes[length++] = '"';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                length = start;
                quotedUtf8(text);
                return;
            }
            if (c == '"') {
                bytes[length++] = '"';
            }
            bytes[length++] = (byte) c;
        }
        bytes[length++] = '"';
    }

    private void quotedUtf8(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length * 2 + 2);
        bytes[length++] = '"';
        for (byte b : utf8) {
            if (b == '"') {
                bytes[length++] = '"';
            }
            bytes[length++] = b;
        }
        bytes[length++] = '"';
    }

    private void ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
    }

    /** The {@code count} lowest decimal digits of a value ≥ 0, zero-padded; room already ensured. */
    private void writeDigits(long value, int count) {
        for (int i = length + count - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += count;
    }

    private static int digitCount(long value) {
        int count = 1;
        while (value >= 10) {
            value /= 10;
            count++;
        }
        return count;
    }

    private void put(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
