package io.resettle.pricing.batch;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The volume and tier of each group of a (period, revision) (R4.1, R4.2): pricing's part of a
 * {@code group_statement} row. computeGroupVolumes creates the rows; buildStatements (invoice)
 * completes them with the credit total and status (R6.1).
 */
@Repository
public class GroupVolumeStore {

    /**
     * One uncorrelated set of group ids: two EXISTS joined by OR stay a sub-plan per group, each
     * scanning the sub-accounts (minutes for 20,000 groups, docs/performance.md). The sub-accounts
     * with lines by EXISTS, not by joining every line to its account: the join sorted a row per
     * line to drop the duplicates (1.2 s at 1M lines against 0.4 s).
     */
    private static final String GROUPS_OF_PERIOD = """
            SELECT g.group_id, g.currency, g.credit_limit FROM customer_group g WHERE g.group_id IN (
                SELECT a.group_id FROM sub_account a WHERE a.associated_from <= :period
                AND (a.associated_to IS NULL OR a.associated_to >= :period)
                UNION SELECT a.group_id FROM sub_account a WHERE EXISTS (SELECT 1 FROM billing_line b
                WHERE b.sub_account_id = a.sub_account_id AND b.period = :period))
            ORDER BY g.group_id""";

    private static final String GROUP_VOLUMES = """
            SELECT a.group_id, SUM(b.payable_amount) FROM billing_line b JOIN sub_account a
            ON a.sub_account_id = b.sub_account_id WHERE b.period = :period AND b.charge_type IN """
            + PricingStore.VOLUME_TYPES + " GROUP BY a.group_id";

    private static final String RECORDED_GROUP_VOLUMES = """
            SELECT group_id, volume FROM group_statement WHERE period = :period AND revision = :revision""";

    private static final String DELETE_GROUP_VOLUMES = """
            DELETE FROM group_statement WHERE period = :period AND revision = :revision""";

    private static final String INSERT_GROUP_VOLUME = """
            INSERT INTO group_statement (period, revision, group_id, volume, tier_from, agreement_id, credit_limit)
            VALUES (:period, :revision, :groupId, :volume, :tierFrom, :agreementId, :creditLimit)""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    public GroupVolumeStore(JdbcTemplate jdbcTemplate) {
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.batch = new NamedParameterJdbcTemplate(jdbcTemplate);
    }

    /** A group with a sub-account associated in the period or a line in it. */
    public record GroupRow(String groupId, String currency, BigDecimal creditLimit) {
    }

    /** What computeGroupVolumes records of a group: V(G,P) at full precision and the tier it reached. */
    public record GroupVolume(String groupId, BigDecimal volume, BigDecimal tierFrom, String agreementId,
            BigDecimal creditLimit) {
    }

    public List<GroupRow> groupsOf(YearMonth period) {
        return jdbc.sql(GROUPS_OF_PERIOD).param("period", period.toString())
                .query((rs, i) -> new GroupRow(rs.getString(1), rs.getString(2), rs.getBigDecimal(3))).list();
    }

    /** V(G,P) of every group with volume lines in the period, full precision (R4.1). */
    public Map<String, BigDecimal> groupVolumes(YearMonth period) {
        Map<String, BigDecimal> volumes = new TreeMap<>();
        jdbc.sql(GROUP_VOLUMES).param("period", period.toString()).query(rs -> {
            volumes.put(rs.getString(1), rs.getBigDecimal(2));
        });
        return volumes;
    }

    /** V(G,P) as computeGroupVolumes recorded it for the revision (group_statement.volume, full precision). */
    public Map<String, BigDecimal> recordedGroupVolumes(YearMonth period, int revision) {
        Map<String, BigDecimal> volumes = new TreeMap<>();
        jdbc.sql(RECORDED_GROUP_VOLUMES).param("period", period.toString()).param("revision", revision).query(rs -> {
            volumes.put(rs.getString(1), rs.getBigDecimal(2));
        });
        return volumes;
    }

    public void replaceGroupVolumes(YearMonth period, int revision, List<GroupVolume> volumes) {
        jdbc.sql(DELETE_GROUP_VOLUMES).param("period", period.toString()).param("revision", revision).update();
        batch.batchUpdate(INSERT_GROUP_VOLUME, volumes.stream().map(v -> (SqlParameterSource) new MapSqlParameterSource()
                .addValue("period", period.toString()).addValue("revision", revision).addValue("groupId", v.groupId())
                .addValue("volume", v.volume()).addValue("tierFrom", v.tierFrom())
                .addValue("agreementId", v.agreementId()).addValue("creditLimit", v.creditLimit()))
                .toArray(SqlParameterSource[]::new));
    }
}
