package io.resettle.payout.batch;

import io.resettle.billing.BillingLine;
import io.resettle.pricing.batch.PricingStore;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The billing lines R8.3's stage conditions read when stages fall due: a group's lines in a due
 * period (ACTIVE) and the periods with a RENEWAL line (RENEWED). Read for all due groups at once, a
 * bounded list of groups per query, not one query per stage (issue 20).
 */
@Repository
public class StageConditionStore {

    /** Groups per query: bounded so the IN list stays far below the drivers' parameter limits. */
    static final int GROUPS_PER_QUERY = 1000;

    private static final String GROUP_LINES = """
            SELECT a.group_id AS stage_group_id, b.*
              FROM billing_line b
              JOIN sub_account a ON a.sub_account_id = b.sub_account_id
             WHERE b.period = :period AND a.group_id IN (:groups)""";

    private static final String RENEWAL_PERIODS = """
            SELECT DISTINCT a.group_id, b.period
              FROM billing_line b
              JOIN sub_account a ON a.sub_account_id = b.sub_account_id
             WHERE a.group_id IN (:groups) AND b.charge_type = 'RENEWAL'""";

    private final JdbcClient jdbc;

    public StageConditionStore(JdbcTemplate jdbcTemplate) {
        this.jdbc = JdbcClient.create(jdbcTemplate);
    }

    /** Hands each billing line of the groups in the period, with its group, to {@code sink}; streamed. */
    public void groupLines(Map<YearMonth, Set<String>> groupsByPeriod, BiConsumer<String, BillingLine> sink) {
        groupsByPeriod.forEach((period, groups) -> {
            for (List<String> some : chunks(groups)) {
                jdbc.sql(GROUP_LINES).param("period", period.toString()).param("groups", some).query(rs -> {
                    sink.accept(rs.getString("stage_group_id"), PricingStore.billingLine(rs));
                });
            }
        });
    }

    /** Per group, the periods in which it has at least one RENEWAL line. */
    public Map<String, List<YearMonth>> renewalPeriods(Collection<String> groups) {
        Map<String, List<YearMonth>> periods = new TreeMap<>();
        for (List<String> some : chunks(groups)) {
            jdbc.sql(RENEWAL_PERIODS).param("groups", some).query(rs -> {
                periods.computeIfAbsent(rs.getString("group_id"), g -> new ArrayList<>())
                        .add(YearMonth.parse(rs.getString("period")));
            });
        }
        return periods;
    }

    private static List<List<String>> chunks(Collection<String> groups) {
        List<String> all = List.copyOf(groups);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += GROUPS_PER_QUERY) {
            chunks.add(all.subList(from, Math.min(all.size(), from + GROUPS_PER_QUERY)));
        }
        return chunks;
    }
}
