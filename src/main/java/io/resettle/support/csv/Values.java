package io.resettle.support.csv;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parsing of the untidy values real exports contain (io-contract §2): {@code NULL} and empty
 * cells, timestamps with a space or a {@code T}, with or without a zone, amounts with many
 * decimals or thousands separators. Every failure names the column and the value.
 *
 * <p>Above 250 lines as one job: the cell formats (text, amounts, times, periods) share the
 * untidy-cell rules and the error wording, and a reader looks them up side by side.
 */
public final class Values {

    private static final Pattern GROUPED_NUMBER = Pattern.compile("[-+]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern COMPACT_MONTH = Pattern.compile("\\d{6}");
    private static final Pattern COMPACT_DATE = Pattern.compile("\\d{8}");
    private static final Pattern ZONE_SUFFIX = Pattern.compile(".*(Z|[+-]\\d{2}:?\\d{2})$");
    private static final DateTimeFormatter OFFSET_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendPattern("[XXX][XX][X]")
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter SLASHED_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy/M/d[ H:mm[:ss]]")
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter(Locale.ROOT);

    private Values() {
    }

    /** The cell's text, or {@code null} for an empty cell or the literal NULL. */
    public static String text(String cell) {
        if (cell == null) {
            return null;
        }
        String trimmed = cell.strip();
        return trimmed.isEmpty() || trimmed.equalsIgnoreCase("NULL") ? null : trimmed;
    }

    /** An amount at full precision, or {@code null} when the cell is empty. */
    public static BigDecimal amount(String column, String cell) {
        String text = text(cell);
        if (text == null) {
            return null;
        }
        if (isPlainDecimal(text)) {
            return AmountBounds.checked(column, cell, new BigDecimal(text));
        }
        String digits = GROUPED_NUMBER.matcher(text).matches() ? text.replace(",", "") : text;
        if (!PLAIN_NUMBER.matcher(digits).matches()) {
            throw new RowRejectedException(RejectReason.BAD_NUMBER, column + " '" + cell + "' is not a number");
        }
        BigDecimal value = AmountBounds.parse(column, cell, digits);
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /**
     * The common case without the regular expressions: an optional sign, digits and at most one
     * point, with a digit (what PLAIN_NUMBER accepts without an exponent; never a negative scale).
     * Also what the period workbook writes as a number.
     */
    public static boolean isPlainDecimal(CharSequence text) {
        int i = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        boolean digit = false;
        boolean point = false;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return false;
            }
        }
        return digit;
    }

    /** A required amount: an empty cell is rejected as BAD_NUMBER. */
    public static BigDecimal requiredAmount(String column, String cell) {
        BigDecimal value = amount(column, cell);
        if (value == null) {
            throw new RowRejectedException(RejectReason.BAD_NUMBER, column + " is empty");
        }
        return value;
    }

    /** A timestamp in UTC (an offset, if given, is converted; none means UTC), or {@code null} when empty. */
    public static LocalDateTime time(String column, String cell) {
        return time(column, cell, ZoneOffset.UTC, List.of());
    }

    /**
     * A timestamp converted to UTC, or {@code null} when empty: one without a zone is in
     * {@code zone} (the vendor's time, io-contract §2), one with an offset or {@code Z}/{@code UTC}
     * is converted from it. A date alone ({@code 2026-10-05}, {@code 20261005}) is the start of
     * that day in {@code zone}. {@code patterns} (a format definition's date_patterns) are tried
     * when the built-in forms do not parse.
     */
    public static LocalDateTime time(String column, String cell, ZoneId zone, List<DateTimeFormatter> patterns) {
        String text = text(cell);
        if (text == null) {
            return null;
        }
        try {
            return toUtc(parseTime(text), zone);
        } catch (java.time.DateTimeException e) {
            for (DateTimeFormatter pattern : patterns) {
                try {
                    return toUtc(parsePattern(text, pattern), zone);
                } catch (java.time.DateTimeException ignored) {
                    // the next pattern
                }
            }
            throw new RowRejectedException(RejectReason.BAD_DATE, column + " '" + cell + "' is not a date or time");
        }
    }

    private static LocalDateTime toUtc(Temporal parsed, ZoneId zone) {
        if (parsed instanceof OffsetDateTime offset) {
            return offset.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        LocalDateTime local = (LocalDateTime) parsed;
        if (zone.equals(ZoneOffset.UTC)) {
            return local;
        }
        return local.atZone(zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    private static Temporal parsePattern(String text, DateTimeFormatter pattern) {
        TemporalAccessor parsed = pattern.parse(text);
        LocalDate date = LocalDate.from(parsed);
        LocalDateTime local = parsed.isSupported(ChronoField.HOUR_OF_DAY)
                ? date.atTime(java.time.LocalTime.from(parsed)) : date.atStartOfDay();
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return local.atOffset(ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)));
        }
        return local;
    }

    /** The text as written: a LocalDateTime, or an OffsetDateTime when it names a zone. */
    private static Temporal parseTime(String text) {
        LocalDateTime plain = plainTime(text);
        if (plain != null) {
            return plain;
        }
        String normalised = text.endsWith(" UTC") ? text.substring(0, text.length() - 4) + "Z" : text;
        if (normalised.length() > 10 && normalised.charAt(10) == ' ') {
            normalised = normalised.substring(0, 10) + 'T' + normalised.substring(11).strip();
        }
        normalised = normalised.replace(" +", "+").replace(" -", "-");
        if (normalised.indexOf('/') > 0) {
            return LocalDateTime.parse(normalised.replace('T', ' '), SLASHED_TIME);
        }
        if (COMPACT_DATE.matcher(normalised).matches()) {
            return LocalDate.parse(normalised, DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay();
        }
        if (normalised.length() == 10) {
            return LocalDate.parse(normalised).atStartOfDay();
        }
        if (ZONE_SUFFIX.matcher(normalised).matches()) {
            return OffsetDateTime.parse(normalised, OFFSET_TIME);
        }
        return LocalDateTime.parse(normalised, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss} or with a space instead of the T, the exports' usual form, without
     * the formatters; {@code null} for anything else. An impossible date or time throws
     * DateTimeException, as the strict ISO formatter does.
     */
    private static LocalDateTime plainTime(String s) {
        if (s.length() != 19 || (s.charAt(10) != 'T' && s.charAt(10) != ' ') || s.charAt(4) != '-'
                || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second);
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@code yyyy-MM} or {@code yyyy/MM} in ASCII digits (the month may still be out of range). */
    private static boolean isPlainMonth(String text) {
        if (text.length() != 7 || (text.charAt(4) != '-' && text.charAt(4) != '/')) {
            return false;
        }
        for (int i = 0; i < 7; i++) {
            char c = text.charAt(i);
            if (i != 4 && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** A billing period: {@code 2026-10}, {@code 202610}, {@code 2026/10}, or a date's or timestamp's month as written. */
    public static YearMonth period(String column, String cell) {
        String text = text(cell);
        if (text == null) {
            throw new RowRejectedException(RejectReason.BAD_DATE, column + " is empty");
        }
        try {
            if (isPlainMonth(text)) {
                // The usual 2026-10 or 2026/10 without a formatter: a third of a row's parsing went there.
                return YearMonth.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10));
            }
            if (COMPACT_MONTH.matcher(text).matches()) {
                return YearMonth.of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(4)));
            }
            if (text.length() == 7) {
                return YearMonth.parse(text.replace('/', '-'));
            }
            // The month as written, not converted to UTC: 2026-10-01T00:00+08:00 is October's.
            if (COMPACT_DATE.matcher(text).matches()) {
                return YearMonth.of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(4, 6)));
            }
            return YearMonth.from(parseTime(text));
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new RowRejectedException(RejectReason.BAD_DATE, column + " '" + cell + "' is not a billing period");
        }
    }
}
