package io.resettle.schedule;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** The period a scheduled run is for: {@code previous-month}, {@code current-month} or a fixed {@code YYYY-MM}. */
public record PeriodExpression(String text) {

    public PeriodExpression {
        resolve(text, LocalDate.of(2000, 1, 1));
    }

    /** The period on {@code today} (the schedule's own zone decides which day it is). */
    public YearMonth resolve(LocalDate today) {
        return resolve(text, today);
    }

    private static YearMonth resolve(String text, LocalDate today) {
        if (text == null) {
            throw new IllegalArgumentException("a schedule needs a period: previous-month, current-month or YYYY-MM");
        }
        return switch (text.trim()) {
            case "previous-month" -> YearMonth.from(today).minusMonths(1);
            case "current-month" -> YearMonth.from(today);
            default -> {
                try {
                    yield YearMonth.parse(text.trim());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("period '" + text
                            + "' is none of previous-month, current-month, YYYY-MM");
                }
            }
        };
    }
}
