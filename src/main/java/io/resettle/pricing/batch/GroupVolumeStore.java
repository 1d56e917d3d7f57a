package io.resettle.pricing.batch;

import io.resettle.support.SqlDialect;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
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
     * The groups of the period (a sub-account associated in it or with a line in it) with V(G,P),
     * from one pass over the period's lines summed by sub-account, not a probe of the lines per
     * sub-account and a second pass for the volumes (docs/decisions.md). A group with lines of
     * which none counts has a NULL volume, read as zero. The groups by an uncorrelated join: two
     * EXISTS joined by OR stayed a sub-plan per group, each scanning the sub-accounts (minutes for
     * 20,000 groups).
     */
    private static final String GROUPS_OF_PERIOD = """
            WITH account_lines AS (
              SELECT b.sub_account_id,
                     SUM(CASE WHEN b.charge_type IN """ + PricingStore.VOLUME_TYPES + """
             THEN b.payable_amount END) AS volume
              FROM billing_line b WHERE b.period = :period GROUP BY b.sub_account_id),
            period_groups AS (
              SELECT a.group_id, SUM(l.volume) AS volume
              FROM sub_account a LEFT JOIN account_lines l ON l.sub_account_id = a.sub_account_id
              WHERE l.sub_account_id IS NOT NULL
                 OR (a.associated_from <= :period AND (a.associated_to IS NULL OR a.associated_to >= :period))
              GROUP BY a.group_id)
            SELECT g.group_id, g.currency, g.credit_limit, v.volume
            FROM customer_group g JOIN period_groups v ON v.group_id = g.group_id
            ORDER BY g.group_id""";

    private static final String RECORDED_GROUP_VOLUMES = """
            SELECT group_id, volume FROM group_statement WHERE period = :period AND revision = :revision""";

    private static final String DELETE_GROUP_VOLUMES = """
            DELETE FROM group_statement WHERE period = :period AND revision = :revision""";

    private static final List<String> GROUP_VOLUME_COLUMNS = List.of("period", "revision", "group_id", "volume",
            "tier_from", "agreement_id", "credit_limit");

    private final JdbcClient jdbc;
    private final SqlDialect dialect;

    public GroupVolumeStore(JdbcTemplate jdbcTemplate, SqlDialect dialect) {
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.dialect = dialect;
    }

    /**
     * A group with a sub-account associated in the period or a line in it, and V(G,P): its lines'
     * payable at full precision, zero when none counts (R4.1).
     */
    public record GroupRow(String groupId, String currency, BigDecimal creditLimit, BigDecimal volume) {
    }

    /** What computeGroupVolumes records of a group: V(G,P) at full precision and the tier it reached. */
    public record GroupVolume(String groupId, BigDecimal volume, BigDecimal tierFrom, String agreementId,
            BigDecimal creditLimit) {
    }

    public List<GroupRow> groupsOf(YearMonth period) {
        return jdbc.sql(GROUPS_OF_PERIOD).param("period", period.toString())
                .query((rs, i) -> {
                    BigDecimal volume = rs.getBigDecimal(4);
                    return new GroupRow(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                            volume == null ? BigDecimal.ZERO : volume);
                }).list();
    }

    /** V(G,P) as computeGroupVolumes recorded it for the revision (group_statement.volume, full precision). */
    public Map<String, BigDecimal> recordedGroupVolumes(YearMonth period, int revision) {
        Map<String, BigDecimal> volumes = new TreeMap<>();
        jdbc.sql(RECORDED_GROUP_VOLUMES).param("period", period.toString()).param("revision", revision).query(rs -> {
            volumes.put(rs.getString(1), rs.getBigDecimal(2));
        });
        return volumes;
    }

    /** A row per group, by COPY on PostgreSQL (20,000 rows at 20,000 groups). */
    public void replaceGroupVolumes(YearMonth period, int revision, List<GroupVolume> volumes) {
        jdbc.sql(DELETE_GROUP_VOLUMES).param("period", period.toString()).param("revision", revision).update();
        List<Object[]> rows = new ArrayList<>();
        for (GroupVolume v : volumes) {
            rows.add(new Object[] {period.toString(), revision, v.groupId(), v.volume(), v.tierFrom(), v.agreementId(),
                v.creditLimit()});
        }
        dialect.bulkInsert("group_statement", GROUP_VOLUME_COLUMNS, rows);
    }
}
