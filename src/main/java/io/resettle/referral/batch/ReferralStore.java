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
import java.util.List;
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

    private static final String REFERRED_LINES = """
            SELECT *
              FROM billing_line
             WHERE period <= :period AND sub_account_id IN (SELECT sub_account_id FROM referral_visit)
             ORDER BY period, line_id""";

    private static final String DELETE_COMMISSIONS = """
            DELETE FROM commission WHERE period = :period AND revision = :revision""";

    private static final String INSERT_COMMISSION = """
            INSERT INTO commission (period, revision, order_id, sub_account_id, ambassador_id, payment_time,
                                    order_payable, refunded, status, commission, due_date)
            VALUES (:period, :revision, :orderId, :subAccountId, :ambassadorId, :paymentTime,
                    :orderPayable, :refunded, :status, :commission, :dueDate)""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    public ReferralStore(JdbcTemplate jdbcTemplate) {
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.batch = new NamedParameterJdbcTemplate(jdbcTemplate);
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

    /** The billing lines up to P of every customer who visited a referral link. */
    public List<BillingLine> referredLines(YearMonth period) {
        return jdbc.sql(REFERRED_LINES).param("period", period.toString())
                .query((rs, i) -> PricingStore.billingLine(rs))
                .list();
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
