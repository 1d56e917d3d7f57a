package io.resettle.referral.batch;

import io.resettle.billing.BillingLine;
import io.resettle.masterdata.Ambassador;
import io.resettle.masterdata.IdentityKeys;
import io.resettle.masterdata.ManagedBy;
import io.resettle.masterdata.PayeeKind;
import io.resettle.masterdata.ReferralVisit;
import io.resettle.pricing.batch.PricingStore;
import io.resettle.referral.Commission;
import io.resettle.referral.Customer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the referral ledger (R9) reads — customers, ambassadors, link visits and the referred
 * customers' billing lines — and the commission ledger it writes (commissions.csv).
 */
@Repository
public class ReferralStore {

    private static final String CUSTOMERS = """
            SELECT * FROM sub_account ORDER BY sub_account_id""";

    private static final String AMBASSADORS = """
            SELECT * FROM ambassador ORDER BY ambassador_id""";

    private static final String VISITS = """
            SELECT ambassador_id, sub_account_id, visited_at
              FROM referral_visit
             ORDER BY visited_at, ambassador_id, sub_account_id""";

    /**
     * Every line up to P of the customers who visited a referral link, grouped by the customer
     * whose order each belongs to: a REFUND goes with the line it names (the latest period's line
     * of that id, as Order.fromLines attaches it), else with its own sub-account. In (period,
     * line id) order within a group, the order Order.fromLines was always given.
     */
    private static final String REFERRED_LINES = """
            SELECT b.*, COALESCE(CASE WHEN b.charge_type = 'REFUND' THEN (
                       SELECT o.sub_account_id FROM billing_line o
                        WHERE o.line_id = b.related_line_id AND o.period <= :period AND o.charge_type <> 'REFUND'
                          AND o.sub_account_id IN (SELECT sub_account_id FROM referral_visit)
                        ORDER BY o.period DESC FETCH FIRST 1 ROWS ONLY) END, b.sub_account_id) AS order_owner
              FROM billing_line b
             WHERE b.period <= :period AND b.sub_account_id IN (SELECT sub_account_id FROM referral_visit)
             ORDER BY order_owner, b.period, b.line_id""";

    private static final String DELETE_COMMISSIONS = """
            DELETE FROM commission WHERE period = :period AND revision = :revision""";

    private static final String INSERT_COMMISSION = """
            INSERT INTO commission (period, revision, order_id, sub_account_id, ambassador_id, payment_time,
                                    order_payable, refunded, status, commission, due_date)
            VALUES (:period, :revision, :orderId, :subAccountId, :ambassadorId, :paymentTime,
                    :orderPayable, :refunded, :status, :commission, :dueDate)""";

    private static final int FETCH_SIZE = 5_000;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final NamedParameterJdbcTemplate streaming;

    public ReferralStore(JdbcTemplate jdbcTemplate) {
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.batch = new NamedParameterJdbcTemplate(jdbcTemplate);
        // Same data source, so the same transaction's connection; PostgreSQL streams with a fetch size there.
        JdbcTemplate fetching = new JdbcTemplate(jdbcTemplate.getDataSource());
        fetching.setFetchSize(FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(fetching);
    }

    public List<Customer> customers() {
        return jdbc.sql(CUSTOMERS)
                .query((rs, i) -> new Customer(rs.getString("sub_account_id"), ManagedBy.valueOf(rs.getString("managed_by")),
                        rs.getObject("first_paid_before", LocalDate.class), keys(rs)))
                .list();
    }

    public List<Ambassador> ambassadors() {
        return jdbc.sql(AMBASSADORS)
                .query((rs, i) -> new Ambassador(rs.getString("ambassador_id"), rs.getString("name"),
                        PayeeKind.valueOf(rs.getString("payee_type")), rs.getString("payout_account"), keys(rs)))
                .list();
    }

    public List<ReferralVisit> visits() {
        return jdbc.sql(VISITS)
                .query((rs, i) -> new ReferralVisit(rs.getString("ambassador_id"), rs.getString("sub_account_id"),
                        rs.getObject("visited_at", LocalDateTime.class)))
                .list();
    }

    /**
     * The billing lines up to P of every customer who visited a referral link, handed over one
     * order owner's lines at a time (with the refunds that belong to its orders), through a cursor:
     * at 10M lines a tenth of the accounts' lines did not fit in a 512 MiB heap as one list (issue 20).
     */
    public void forEachCustomersLines(YearMonth period, Consumer<List<BillingLine>> part) {
        List<BillingLine> lines = new ArrayList<>();
        String[] owner = {null};
        streaming.query(REFERRED_LINES, Map.of("period", period.toString()), rs -> {
            String lineOwner = rs.getString("order_owner");
            if (owner[0] != null && !owner[0].equals(lineOwner)) {
                part.accept(List.copyOf(lines));
                lines.clear();
            }
            owner[0] = lineOwner;
            lines.add(PricingStore.billingLine(rs));
        });
        if (!lines.isEmpty()) {
            part.accept(List.copyOf(lines));
        }
    }

    /** Replaces the commission ledger of (period, revision); empty without a referral program. */
    public void replaceCommissions(YearMonth period, int revision, List<Commission> commissions) {
        jdbc.sql(DELETE_COMMISSIONS).param("period", period.toString()).param("revision", revision).update();
        batch.batchUpdate(INSERT_COMMISSION, commissions.stream()
                .map(c -> new MapSqlParameterSource().addValue("period", period.toString()).addValue("revision", revision)
                        .addValue("orderId", c.orderId()).addValue("subAccountId", c.subAccountId())
                        .addValue("ambassadorId", c.ambassadorId()).addValue("paymentTime", c.paymentTime())
                        .addValue("orderPayable", c.orderPayable()).addValue("refunded", c.refunded())
                        .addValue("status", c.status().name()).addValue("commission", c.commission())
                        .addValue("dueDate", c.dueDate()))
                .toArray(SqlParameterSource[]::new));
    }

    private static IdentityKeys keys(ResultSet rs) throws SQLException {
        return new IdentityKeys(rs.getString("id_hash"), rs.getString("phone_hash"), rs.getString("pay_account_hash"),
                rs.getString("device_hash"), rs.getString("address_hash"));
    }
}
