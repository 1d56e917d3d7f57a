package io.resettle.payout.batch;

import io.resettle.payout.PayoutReturn;
import io.resettle.payout.PayoutReturns.ReturnBreak;
import io.resettle.support.RunStatus;
import java.time.YearMonth;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * R12.4: the payout returns received with a period's data, matched with the payouts they name, and
 * the breaks found among them (reconciliation check {@code payout_return}).
 */
@Repository
public class PayoutReturnStore {

    static final String CHECK = "payout_return";

    /**
     * Every completed revision's PAY rows: a re-run pays only adjustments (R11.2), so the payout a
     * return names may be an earlier revision's. Ids are unique among PAY rows (-A{n}).
     */
    private static final String RETURNS = """
            SELECT r.payout_id, r.status, r.amount, o.payee_type, o.payee_id, o.net
              FROM payout_return r
              LEFT JOIN (SELECT po.*
                           FROM payout po
                           JOIN period_run pr ON pr.period = po.period AND pr.revision = po.revision
                          WHERE po.period < :period AND po.status = 'PAY'
                            AND pr.status IN %s) o
                ON o.payout_id = r.payout_id
             WHERE r.period = :period
             ORDER BY r.payout_id""".formatted(RunStatus.SETTLED_SQL);

    private static final String DELETE_BREAKS = """
            DELETE FROM reconciliation WHERE period = :period AND revision = :revision AND check_name = :check""";

    private static final String INSERT_BREAK = """
            INSERT INTO reconciliation (period, revision, check_name, check_key, expected, actual, difference, status)
            VALUES (:period, :revision, :check, :payoutId, :expected, :actual, :difference, 'BREAK')""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    public PayoutReturnStore(JdbcTemplate jdbcTemplate) {
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.batch = new NamedParameterJdbcTemplate(jdbcTemplate);
    }

    /** The returns received with P's data, each beside the payout it names, by payout id. */
    public List<PayoutReturn> returns(YearMonth period) {
        return jdbc.sql(RETURNS).param("period", period.toString())
                .query((rs, i) -> new PayoutReturn(rs.getString("payout_id"), rs.getString("status"),
                        rs.getBigDecimal("amount"), rs.getString("payee_type") == null ? null : PayoutStore.payee(rs),
                        rs.getBigDecimal("net")))
                .list();
    }

    /**
     * Replaces the {@code payout_return} rows of the reconciliation of (period, revision). The
     * reconciliation table is reconcile's; this check is found here, where the returns are read.
     */
    public void replaceBreaks(YearMonth period, int revision, List<ReturnBreak> breaks) {
        jdbc.sql(DELETE_BREAKS).param("period", period.toString()).param("revision", revision).param("check", CHECK)
                .update();
        batch.batchUpdate(INSERT_BREAK, breaks.stream()
                .map(b -> new MapSqlParameterSource().addValue("period", period.toString()).addValue("revision", revision)
                        .addValue("check", CHECK).addValue("payoutId", b.payoutId()).addValue("expected", b.expected())
                        .addValue("actual", b.actual()).addValue("difference", b.difference()))
                .toArray(SqlParameterSource[]::new));
    }
}
