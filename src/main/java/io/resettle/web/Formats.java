package io.resettle.web;

import io.resettle.money.Money;
import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Display formats and translated names the templates call as {@code @formats}. */
@Component("formats")
class Formats {

    private final MessageSource messages;

    Formats(MessageSource messages) {
        this.messages = messages;
    }

    public String duration(Duration duration) {
        if (duration == null) {
            return "";
        }
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return duration.toMillis() < 1000 ? duration.toMillis() + " ms" : seconds + " s";
        }
        if (seconds >= 86_400) {
            return String.format("%d d %d h", seconds / 86_400, seconds % 86_400 / 3600);
        }
        return seconds >= 3600 ? String.format("%d h %02d min", seconds / 3600, seconds % 3600 / 60)
                : String.format("%d min %02d s", seconds / 60, seconds % 60);
    }

    /** Money as the files show it: exactly two decimals, HALF_UP (R1.2), no grouping. */
    public String money(BigDecimal amount) {
        return amount == null ? "" : Money.round2(amount).setScale(Money.CENT_SCALE).toPlainString();
    }

    /** A cell of a table read as it is: amounts with two decimals, anything else as text. */
    public String cell(Object value) {
        return value instanceof BigDecimal amount ? money(amount) : value == null ? "" : value.toString();
    }

    public boolean isAmount(Object value) {
        return value instanceof BigDecimal;
    }

    /** A job, file, finding or audit status in the page's language ({@code status.*}); unknown ones as they are. */
    public String status(String status) {
        return translated("status.", status);
    }

    /** A reconciliation check's name ({@code check.*}). */
    public String check(String check) {
        return translated("check.", check);
    }

    /** A forecast column's header ({@code forecast.column.*}). */
    public String forecastColumn(String column) {
        return column == null ? "" : translated("forecast.column.", column.toLowerCase(java.util.Locale.ROOT));
    }

    private String translated(String prefix, String name) {
        if (name == null || name.isBlank()) {
            return name == null ? "" : name;
        }
        return messages.getMessage(prefix + name, null, name, LocaleContextHolder.getLocale());
    }
}
