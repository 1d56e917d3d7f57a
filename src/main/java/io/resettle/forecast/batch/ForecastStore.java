package io.resettle.forecast.batch;

import io.resettle.billing.BillingLine;
import io.resettle.billing.Category;
import io.resettle.forecast.TierForecast;
import io.resettle.pricing.batch.PricingStore;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What the forecast job reads (ingested lines) and writes (the {@code forecast} table, Flyway V5). */
@Repository
public class ForecastStore {


    private final JdbcTemplate jdbc;

    public ForecastStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Month-to-date volume lines (R4.1) per group and category, full precision. */
    Map<String, Map<Category, BigDecimal>> groupVolumesByCategory(YearMonth period) {
        Map<String, Map<Category, BigDecimal>> volumes = new TreeMap<>();
        jdbc.query("SELECT a.group_id, b.category, SUM(b.payable_amount) FROM billing_line b JOIN sub_account a"
                + " ON a.sub_account_id = b.sub_account_id WHERE b.period = ? AND b.charge_type IN " + PricingStore.VOLUME_TYPES
                + " GROUP BY a.group_id, b.category", rs -> {
                    volumes.computeIfAbsent(rs.getString(1), g -> new EnumMap<>(Category.class))
                            .put(Category.valueOf(rs.getString(2)), rs.getBigDecimal(3));
                }, period.toString());
        return volumes;
    }

    /** Every volume line of the periods {@code from..upTo} with its group id. */
    void forEachVolumeLine(YearMonth from, YearMonth upTo, BiConsumer<BillingLine, String> consumer) {
        jdbc.query("SELECT b.*, a.group_id FROM billing_line b JOIN sub_account a ON a.sub_account_id = b.sub_account_id"
                + " WHERE b.period >= ? AND b.period <= ? AND b.charge_type IN " + PricingStore.VOLUME_TYPES,
                rs -> {
                    consumer.accept(PricingStore.billingLine(rs), rs.getString("group_id"));
                }, from.toString(), upTo.toString());
    }

    /** Replaces the period's rows with this run's. */
    void replace(YearMonth period, long run, List<TierForecast> rows) {
        jdbc.update("DELETE FROM forecast WHERE period = ?", period.toString());
        List<Object[]> args = new ArrayList<>();
        for (TierForecast f : rows) {
            args.add(new Object[] {period.toString(), run, f.kind().name(), f.programOrTable(), f.scope(), f.volume(),
                    f.tierFrom().orElse(null), f.nextTierFrom().orElse(null), f.needed().orElse(null),
                    f.worth().orElse(null)});
        }
        jdbc.batchUpdate("INSERT INTO forecast (period, run, kind, program_or_table, scope, volume, tier_from,"
                + " next_tier_from, needed, worth) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", args);
    }

    /** The period's rows closest to a tier edge first (the console and the dashboard). */
    public List<TierForecast> closest(YearMonth period, int limit) {
        return jdbc.query("SELECT * FROM forecast WHERE period = ? AND needed IS NOT NULL"
                        + " ORDER BY needed, worth DESC, kind, program_or_table, scope FETCH FIRST " + limit + " ROWS ONLY",
                (rs, i) -> new TierForecast(TierForecast.Kind.valueOf(rs.getString("kind")),
                        rs.getString("program_or_table"), rs.getString("scope"), rs.getBigDecimal("volume"),
                        Optional.ofNullable(rs.getBigDecimal("tier_from")),
                        Optional.ofNullable(rs.getBigDecimal("next_tier_from")),
                        Optional.ofNullable(rs.getBigDecimal("needed")), Optional.ofNullable(rs.getBigDecimal("worth"))),
                period.toString());
    }
}
