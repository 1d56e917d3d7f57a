package io.resettle.payout.batch;

import io.resettle.payable.ItemStatus;
import io.resettle.payable.ItemType;
import io.resettle.payable.Payee;
import io.resettle.payable.PayeeType;
import io.resettle.payable.PayoutItem;
import io.resettle.payout.EarlierRevisions;
import io.resettle.payout.Payout;
import io.resettle.payout.PayoutAmounts;
import io.resettle.payout.PayoutInputs.TakenItem;
import io.resettle.payout.PayoutRunResult;
import io.resettle.payout.PayoutStatus;
import io.resettle.pricing.batch.PricingStore;
import io.resettle.support.RunStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The payout tables (payout-items.csv, payouts.csv, the hand-over between runs and what each revision
 * issued; R10, R11.2): what earlier runs and revisions wrote, and the run's own rows, replaced per
 * (period, revision).
 */
@Repository
public class PayoutStore {

    private static final String HANDED_ON = """
            SELECT payee_type, payee_id, item_type, reference, due_period, amount
              FROM payout_open_item
             WHERE period = :period AND revision = :revision
             ORDER BY item_no""";

    private static final String FIRST_SETTLED_OTHER_THAN = """
            SELECT MIN(period) FROM (%s) r WHERE r.period <> :period""".formatted(PricingStore.AUTHORITATIVE_REVISIONS);

    private static final String REFERRAL_ITEMS_TAKEN_BEFORE = """
            SELECT i.payee_type, i.payee_id, i.item_type, i.reference
              FROM payout_item i
              JOIN (%s) r ON r.period = i.period AND r.revision = i.revision
             WHERE i.period < :period AND i.item_type IN ('COMMISSION', 'CLAWBACK', 'BONUS')"""
            .formatted(PricingStore.AUTHORITATIVE_REVISIONS);

    private static final String ISSUED_EARLIER = """
            SELECT i.payee_type, i.payee_id, SUM(i.gross) AS gross, SUM(i.tax) AS tax, SUM(i.net) AS net
              FROM payout_issued i
              JOIN period_run r ON r.period = i.period AND r.revision = i.revision
             WHERE i.period = :period AND i.revision < :revision AND r.status IN %s
             GROUP BY i.payee_type, i.payee_id""".formatted(RunStatus.SETTLED_SQL);

    private static final String LISTED_EARLIER = """
            SELECT x.payout_id, x.payee_type, x.payee_id, x.item_type, x.reference, x.due_period, x.amount, x.status
              FROM payout_item x
              JOIN period_run r ON r.period = x.period AND r.revision = x.revision
             WHERE x.period = :period AND x.revision < :revision AND r.status IN %s
             ORDER BY x.revision, x.item_no""".formatted(RunStatus.SETTLED_SQL);

    private static final String PAYOUTS_EARLIER = """
            SELECT x.payout_id, x.payee_type, x.payee_id, x.gross, x.tax_withheld, x.net, x.item_count, x.status
              FROM payout x
              JOIN period_run r ON r.period = x.period AND r.revision = x.revision
             WHERE x.period = :period AND x.revision < :revision AND r.status IN %s
             ORDER BY x.revision, x.payout_id""".formatted(RunStatus.SETTLED_SQL);

    private static final String CARRIES_EARLIER = """
            SELECT x.revision, x.payee_type, x.payee_id, x.reference, x.due_period, x.amount
              FROM payout_open_item x
              JOIN period_run r ON r.period = x.period AND r.revision = x.revision
             WHERE x.item_type = 'CARRY_FORWARD' AND x.period = :period AND x.revision < :revision
               AND r.status IN %s
             ORDER BY x.revision, x.item_no""".formatted(RunStatus.SETTLED_SQL);

    /** What a revision of a period wrote, replaced whole when it runs again. */
    private static final List<String> DELETE_REVISION = Stream.of("payout_item", "payout_open_item", "payout",
            "payout_issued").map("DELETE FROM %s WHERE period = :period AND revision = :revision"::formatted).toList();

    private static final String INSERT_ITEM = """
            INSERT INTO payout_item (period, revision, item_no, payout_id, payee_type, payee_id, item_type, reference,
                                     due_period, amount, status)
            VALUES (:period, :revision, :itemNo, :payoutId, :payeeType, :payeeId, :itemType, :reference,
                    :duePeriod, :amount, :status)""";

    private static final String INSERT_OPEN_ITEM = """
            INSERT INTO payout_open_item (period, revision, item_no, payee_type, payee_id, item_type, reference,
                                          due_period, amount)
            VALUES (:period, :revision, :itemNo, :payeeType, :payeeId, :itemType, :reference, :duePeriod, :amount)""";

    private static final String INSERT_PAYOUT = """
            INSERT INTO payout (period, revision, payout_id, payee_type, payee_id, payee_name, payout_account,
                                gross, tax_withheld, net, currency, item_count, status)
            VALUES (:period, :revision, :payoutId, :payeeType, :payeeId, :payeeName, :payoutAccount,
                    :gross, :tax, :net, :currency, :itemCount, :status)""";

    private static final String INSERT_ISSUED = """
            INSERT INTO payout_issued (period, revision, payee_type, payee_id, gross, tax, net)
            VALUES (:period, :revision, :payeeType, :payeeId, :gross, :tax, :net)""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    public PayoutStore(JdbcTemplate jdbcTemplate) {
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.batch = new NamedParameterJdbcTemplate(jdbcTemplate);
    }

    /** The open items the run of {@code previous} (period, revision) handed on, in its order. */
    public List<PayoutItem> handedOn(Optional<Map.Entry<YearMonth, Integer>> previous) {
        if (previous.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(HANDED_ON)
                .param("period", previous.get().getKey().toString())
                .param("revision", previous.get().getValue())
                .query((rs, i) -> PayoutItem.open(payee(rs), ItemType.valueOf(rs.getString("item_type")),
                        rs.getString("reference"), YearMonth.parse(rs.getString("due_period")), rs.getBigDecimal("amount")))
                .list();
    }

    /** The first settled period other than {@code period}, if any. */
    public Optional<YearMonth> firstSettledOtherThan(YearMonth period) {
        List<String> first = jdbc.sql(FIRST_SETTLED_OTHER_THAN).param("period", period.toString())
                .query((rs, i) -> rs.getString(1)).list();
        return first.isEmpty() || first.get(0) == null ? Optional.empty() : Optional.of(YearMonth.parse(first.get(0)));
    }

    /** The referral items the settled runs of periods before {@code period} took (R10.1). */
    public Set<TakenItem> referralItemsTakenBefore(YearMonth period) {
        Set<TakenItem> taken = new HashSet<>();
        jdbc.sql(REFERRAL_ITEMS_TAKEN_BEFORE).param("period", period.toString()).query(rs -> {
            taken.add(new TakenItem(payee(rs), ItemType.valueOf(rs.getString("item_type")), rs.getString("reference")));
        });
        return taken;
    }

    /**
     * R11.2: what the completed earlier revisions of P issued (per payee), listed, paid and carried.
     * P's payout state is the sum of its revisions; the run needs all of it.
     */
    public EarlierRevisions earlierRevisions(YearMonth period, int revision) {
        Map<Payee, PayoutAmounts> issued = new TreeMap<>();
        earlier(ISSUED_EARLIER, period, revision).query(rs -> {
            issued.put(payee(rs), new PayoutAmounts(rs.getBigDecimal("gross"), rs.getBigDecimal("tax"),
                    rs.getBigDecimal("net")));
        });
        if (issued.isEmpty() && revision == 1) {
            return EarlierRevisions.NONE;
        }
        List<PayoutItem> listed = earlier(LISTED_EARLIER, period, revision)
                .query((rs, i) -> new PayoutItem(rs.getString("payout_id"), payee(rs),
                        ItemType.valueOf(rs.getString("item_type")), rs.getString("reference"),
                        YearMonth.parse(rs.getString("due_period")), rs.getBigDecimal("amount"),
                        ItemStatus.valueOf(rs.getString("status"))))
                .list();
        List<Payout> payouts = earlier(PAYOUTS_EARLIER, period, revision)
                .query((rs, i) -> new Payout(rs.getString("payout_id"), payee(rs), new PayoutAmounts(
                        rs.getBigDecimal("gross"), rs.getBigDecimal("tax_withheld"), rs.getBigDecimal("net")),
                        rs.getInt("item_count"), PayoutStatus.valueOf(rs.getString("status"))))
                .list();
        // Each revision hands on the carries of the ones before it: take from each only its own.
        List<PayoutItem> carries = new ArrayList<>();
        earlier(CARRIES_EARLIER, period, revision).query(rs -> {
            Payee payee = payee(rs);
            if (rs.getString("reference").equals(payee.payoutId(period, rs.getInt("revision")))) {
                carries.add(PayoutItem.open(payee, ItemType.CARRY_FORWARD, rs.getString("reference"),
                        YearMonth.parse(rs.getString("due_period")), rs.getBigDecimal("amount")));
            }
        });
        return new EarlierRevisions(issued, listed, payouts, carries);
    }

    /**
     * Replaces what the run of (period, revision) wrote: payout-items.csv, the hand-over to the next
     * run, payouts.csv (with the payee's name and account as {@link Payees#all()} read them) and what
     * the revision issued per payee.
     */
    public void write(YearMonth period, int revision, PayoutRunResult result, Map<Payee, Payees.Details> payees,
            String currency) {
        DELETE_REVISION.forEach(sql -> jdbc.sql(sql).param("period", period.toString()).param("revision", revision)
                .update());
        List<MapSqlParameterSource> rows = new ArrayList<>();
        for (PayoutItem item : result.items()) {
            rows.add(item(period, revision, rows.size(), item).addValue("payoutId", item.payoutId())
                    .addValue("status", item.status().name()));
        }
        insert(INSERT_ITEM, rows);
        for (PayoutItem item : result.openAfterRun()) {
            rows.add(item(period, revision, rows.size(), item));
        }
        insert(INSERT_OPEN_ITEM, rows);
        for (Payout payout : result.payouts()) {
            Payees.Details payee = payees.getOrDefault(payout.payee(), Payees.Details.UNKNOWN);
            rows.add(amounts(period, revision, payout.payee(), payout.amounts()).addValue("payoutId", payout.payoutId())
                    .addValue("payeeName", payee.name()).addValue("payoutAccount", payee.payoutAccount())
                    .addValue("currency", currency).addValue("itemCount", payout.itemCount())
                    .addValue("status", payout.status().name()));
        }
        insert(INSERT_PAYOUT, rows);
        result.issued().forEach((payee, amounts) -> rows.add(amounts(period, revision, payee, amounts)));
        insert(INSERT_ISSUED, rows);
    }

    private void insert(String sql, List<MapSqlParameterSource> rows) {
        batch.batchUpdate(sql, rows.toArray(SqlParameterSource[]::new));
        rows.clear();
    }

    private static MapSqlParameterSource item(YearMonth period, int revision, int itemNo, PayoutItem item) {
        return new MapSqlParameterSource().addValue("period", period.toString()).addValue("revision", revision)
                .addValue("itemNo", itemNo).addValue("payeeType", item.payee().type().name())
                .addValue("payeeId", item.payee().id()).addValue("itemType", item.itemType().name())
                .addValue("reference", item.reference()).addValue("duePeriod", item.duePeriod().toString())
                .addValue("amount", item.amount());
    }

    private static MapSqlParameterSource amounts(YearMonth period, int revision, Payee payee, PayoutAmounts amounts) {
        return new MapSqlParameterSource().addValue("period", period.toString()).addValue("revision", revision)
                .addValue("payeeType", payee.type().name()).addValue("payeeId", payee.id())
                .addValue("gross", amounts.gross()).addValue("tax", amounts.tax()).addValue("net", amounts.net());
    }

    private JdbcClient.StatementSpec earlier(String sql, YearMonth period, int revision) {
        return jdbc.sql(sql).param("period", period.toString()).param("revision", revision);
    }

    static Payee payee(ResultSet rs) throws SQLException {
        return new Payee(PayeeType.valueOf(rs.getString("payee_type")), rs.getString("payee_id"));
    }
}
