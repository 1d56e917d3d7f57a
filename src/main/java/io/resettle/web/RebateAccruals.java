package io.resettle.web;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The Period page's rebate accruals over the year (R7): read from the rebate job's table by column
 * name, so that a table of another shape is reported on the page instead of failing it.
 */
@Component
class RebateAccruals {

    record RebateMonth(String period, BigDecimal accrual) {
    }

    record RebateProgramTotal(String program, String scopeId, String category, BigDecimal accrual) {
    }

    /** Rebate accruals of the year; {@code problem} says why the table could not be read. */
    record Rebates(List<RebateMonth> months, List<RebateProgramTotal> programs, String problem) {
    }

    private static final String YEAR = """
            SELECT * FROM rebate_accrual WHERE period LIKE :yearPrefix
            """;

    private final JdbcClient jdbc;
    private final PeriodOverview tables;

    RebateAccruals(JdbcTemplate jdbc, PeriodOverview tables) {
        this.jdbc = JdbcClient.create(jdbc);
        this.tables = tables;
    }

    /**
     * Rebate accruals of the period's year from {@code rebate_accrual} (period, revision, program,
     * scope_id, category, accrual), newest revision of each period; empty when the table does not
     * exist. The table belongs to the rebate job, so its columns are looked up by name and a
     * missing one is reported rather than failing the page.
     */
    Optional<Rebates> of(YearMonth period) {
        if (!tables.tableExists("rebate_accrual")) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows;
        try {
            rows = jdbc.sql(YEAR).param("yearPrefix", period.getYear() + "-%").query().listOfRows();
        } catch (DataAccessException e) {
            return Optional.of(new Rebates(List.of(), List.of(), "rebate_accrual cannot be read: " + rootMessage(e)));
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> newest = new TreeMap<>();
        List<Map<String, Object>> usable = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Object p = column(row, "period");
            Object a = column(row, "accrual");
            if (p == null || a == null && !hasColumn(row, "accrual")) {
                return Optional.of(new Rebates(List.of(), List.of(),
                        "rebate_accrual lacks the column " + (p == null && !hasColumn(row, "period") ? "period" : "accrual")));
            }
            usable.add(row);
            int revision = number(column(row, "revision")).intValue();
            newest.merge(p.toString(), revision, Math::max);
        }
        Map<String, BigDecimal> byMonth = new TreeMap<>();
        for (int m = 1; m <= 12; m++) {
            byMonth.put(YearMonth.of(period.getYear(), m).toString(), BigDecimal.ZERO);
        }
        Map<List<String>, BigDecimal> byProgram = new TreeMap<>((x, y) -> String.join("\u0000", x).compareTo(String.join("\u0000", y)));
        for (Map<String, Object> row : usable) {
            String p = column(row, "period").toString();
            if (number(column(row, "revision")).intValue() != newest.get(p)) {
                continue;
            }
            BigDecimal accrual = number(column(row, "accrual"));
            byMonth.merge(p, accrual, BigDecimal::add);
            List<String> key = List.of(text(column(row, "program")), text(column(row, "scope_id")), text(column(row, "category")));
            byProgram.merge(key, accrual, BigDecimal::add);
        }
        List<RebateMonth> months = byMonth.entrySet().stream().map(e -> new RebateMonth(e.getKey(), e.getValue())).toList();
        List<RebateProgramTotal> programs = byProgram.entrySet().stream()
                .map(e -> new RebateProgramTotal(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue())).toList();
        return Optional.of(new Rebates(months, programs, null));
    }

    private static boolean hasColumn(Map<String, Object> row, String name) {
        return row.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name));
    }

    private static Object column(Map<String, Object> row, String name) {
        for (Map.Entry<String, Object> e : row.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static BigDecimal number(Object value) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        if (value instanceof BigDecimal b) {
            return b;
        }
        try {
            return new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
        return message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
