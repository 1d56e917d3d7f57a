package io.resettle.run;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * The text of one row for {@code COPY … FROM STDIN (FORMAT csv)}. Numbers and times are written
 * digit by digit into the row's buffer: {@link BigDecimal#toPlainString()} and
 * {@link LocalDateTime#toString()} build two or three temporary strings per value, and were a
 * quarter to a third of the JVM's time in ingest, priceLines and computeRebates (JFR,
 * docs/performance.md). The text is the same as theirs: plain notation, every digit of the scale
 * kept (PostgreSQL reads exactly the number that was computed).
 */
final class CopyText {

    private CopyText() {
    }

    /** One CSV field: null unquoted (NULL), text always quoted (so "" stays an empty string). */
    static void append(StringBuilder csv, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof BigDecimal decimal) {
            appendPlain(csv, decimal);
        } else if (value instanceof LocalDateTime time) {
            appendTime(csv, time);
        } else if (value instanceof Number || value instanceof Boolean || value instanceof java.time.temporal.Temporal) {
            csv.append(value);
        } else {
            appendQuoted(csv, value.toString());
        }
    }

    /** {@code decimal.toPlainString()}, without the temporary strings when the unscaled value fits in a long. */
    static void appendPlain(StringBuilder out, BigDecimal decimal) {
        int scale = decimal.scale();
        if (scale < 0 || decimal.precision() > 18) {
            out.append(decimal.toPlainString());
            return;
        }
        long unscaled = decimal.unscaledValue().longValue();
        if (unscaled < 0) {
            out.append('-');
            unscaled = -unscaled;
        }
        char[] digits = new char[19];
        int start = digits.length;
        do {
            digits[--start] = (char) ('0' + unscaled % 10);
            unscaled /= 10;
        } while (unscaled != 0);
        int length = digits.length - start;
        if (scale == 0) {
            out.append(digits, start, length);
        } else if (length > scale) {
            out.append(digits, start, length - scale).append('.').append(digits, start + length - scale, scale);
        } else {
            out.append("0.");
            for (int i = length; i < scale; i++) {
                out.append('0');
            }
            out.append(digits, start, length);
        }
    }

    /** {@code time.toString()} for whole seconds ({@code 2026-10-01T08:00}, {@code …T08:00:05}); other values as is. */
    static void appendTime(StringBuilder out, LocalDateTime time) {
        int year = time.getYear();
        if (time.getNano() != 0 || year < 1000 || year > 9999) {
            out.append(time);
            return;
        }
        out.append(year).append('-');
        twoDigits(out, time.getMonthValue()).append('-');
        twoDigits(out, time.getDayOfMonth()).append('T');
        twoDigits(out, time.getHour()).append(':');
        twoDigits(out, time.getMinute());
        if (time.getSecond() != 0) {
            twoDigits(out.append(':'), time.getSecond());
        }
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static void appendQuoted(StringBuilder csv, String text) {
        csv.append('"');
        if (text.indexOf('"') < 0) {
            csv.append(text).append('"');
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                csv.append('"');
            }
            csv.append(c);
        }
        csv.append('"');
    }
}
