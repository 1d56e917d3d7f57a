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
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the forecast job reads (ingested lines) and writes (the {@code forecast} table, Flyway V5). */
@Repository
public class ForecastStore {

    private static final String GROUP_VOLUMES_BY_CATEGORY = """
            SELECT a.group_id, b.category, SUM(b.payable_amount) FROM billing_line b JOIN sub_account a
            ON a.sub_account_id = b.sub_account_id WHERE b.period = :period AND b.charge_type IN """
            + PricingStore.VOLUME_TYPES + " GROUP BY a.group_id, b.category";

    private static final String VOLUME_LINES = """
            SELECT b.*, a.group_id FROM billing_line b JOIN sub_account a ON a.sub_account_id = b.sub_account_id
            WHERE b.period >= :from AND b.period <= :upTo AND b.charge_type IN """ + PricingStore.VOLUME_TYPES;

    private static final String DELETE_PERIOD = """
            DELETE FROM forecast WHERE period = :period""";

    private static final String INSERT_FORECAST = """
            INSERT INTO forecast (period, run, kind, program_or_table, scope, volume, tier_from,
                next_tier_from, needed, worth)
            VALUES (:period, :run, :kind, :programOrTable, :scope, :volume, :tierFrom,
                :nextTierFrom, :needed, :worth)""";

    private static final String CLOSEST = """
            SELECT * FROM forecast WHERE period = :period AND needed IS NOT NULL
            ORDER BY needed, worth DESC, kind, program_or_table, scope FETCH FIRST :limit ROWS ONLY""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    public ForecastStore(JdbcTemplate jdbcTemplate) {
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.batch = new NamedParameterJdbcTemplate(jdbcTemplate);
    }

    /** Month-to-date volume lines (R4.1) per group and category, full precision. */
    Map<String, Map<Category, BigDecimal>> groupVolumesByCategory(YearMonth period) {
        Map<String, Map<Category, BigDecimal>> volumes = new TreeMap<>();
        jdbc.sql(GROUP_VOLUMES_BY_CATEGORY).param("period", period.toString()).query(rs -> {
            volumes.computeIfAbsent(rs.getString(1), g -> new EnumMap<>(Category.class))
                    .put(Category.valueOf(rs.getString(2)), rs.getBigDecimal(3));
        });
        return volumes;
    }

    /** Every volume line of the periods {@code from..upTo} with its group id. */
    void forEachVolumeLine(YearMonth from, YearMonth upTo, BiConsumer<BillingLine, String> consumer) {
        jdbc.sql(VOLUME_LINES).param("from", from.toString()).param("upTo", upTo.toString()).query(rs -> {
            consumer.accept(PricingStore.billingLine(rs), rs.getString("group_id"));
        });
    }

    /** Replaces the period's rows with this run's. */
    void replace(YearMonth period, long run, List<TierForecast> rows) {
        jdbc.sql(DELETE_PERIOD).param("period", period.toString()).update();
        List<SqlParameterSource> args = new ArrayList<>();
        for (TierForecast f : rows) {
            args.add(new MapSqlParameterSource().addValue("period", period.toString()).addValue("run", run)
                    .addValue("kind", f.kind().name()).addValue("programOrTable", f.programOrTable())
                    .addValue("scope", f.scope()).addValue("volume", f.volume())
                    .addValue("tierFrom", f.tierFrom().orElse(null)).addValue("nextTierFrom", f.nextTierFrom().orElse(null))
                    .addValue("needed", f.needed().orElse(null)).addValue("worth", f.worth().orElse(null)));
        }
        batch.batchUpdate(INSERT_FORECAST, args.toArray(SqlParameterSource[]::new));
    }

    /** The period's rows closest to a tier edge first (the console and the dashboard). */
    public List<TierForecast> closest(YearMonth period, int limit) {
        return jdbc.sql(CLOSEST).param("period", period.toString()).param("limit", limit)
                .query((rs, i) -> new TierForecast(TierForecast.Kind.valueOf(rs.getString("kind")),
                        rs.getString("program_or_table"), rs.getString("scope"), rs.getBigDecimal("volume"),
                        Optional.ofNullable(rs.getBigDecimal("tier_from")),
                        Optional.ofNullable(rs.getBigDecimal("next_tier_from")),
                        Optional.ofNullable(rs.getBigDecimal("needed")), Optional.ofNullable(rs.getBigDecimal("worth"))))
                .list();
    }
}
