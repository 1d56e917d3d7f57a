package io.resettle.payout.batch;

import io.resettle.masterdata.PayeeKind;
import io.resettle.masterdata.RebatePayoutMethod;
import io.resettle.payable.Payee;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who the payout run pays, as master data describes them: ambassadors and customer groups. */
@Repository
public class Payees {

    /**
     * Names and accounts of every payee (payouts.csv) and each ambassador's kind (its payee_type in
     * ambassadors.csv); groups are companies.
     */
    private static final String ALL = """
            SELECT 'AMBASSADOR' AS payee_type, ambassador_id AS payee_id, name AS payee_name, payout_account,
                   payee_type AS payee_kind
              FROM ambassador
            UNION ALL
            SELECT 'GROUP', group_id, COALESCE(payee_name, group_name), payout_account, NULL
              FROM customer_group""";

    private static final String REBATE_PAYOUT = """
            SELECT group_id, rebate_payout FROM customer_group""";

    private final JdbcClient jdbc;

    public Payees(JdbcTemplate jdbcTemplate) {
        this.jdbc = JdbcClient.create(jdbcTemplate);
    }

    /** A payee's name and payout account as payouts.csv shows them; an ambassador's kind, else null. */
    public record Details(String name, String payoutAccount, PayeeKind kind) {

        static final Details UNKNOWN = new Details(null, null, null);
    }

    /** Every payee, in one query (payouts.csv needs the names of all a run pays, R10.5). */
    public Map<Payee, Details> all() {
        Map<Payee, Details> payees = new HashMap<>();
        jdbc.sql(ALL).query(rs -> {
            String kind = rs.getString("payee_kind");
            payees.put(PayoutStore.payee(rs), new Details(rs.getString("payee_name"), rs.getString("payout_account"),
                    kind == null ? null : PayeeKind.valueOf(kind)));
        });
        return payees;
    }

    /** The kinds of the payees that have one: INDIVIDUAL or COMPANY ambassadors (R10.3). */
    public static Map<Payee, PayeeKind> kinds(Map<Payee, Details> payees) {
        Map<Payee, PayeeKind> kinds = new HashMap<>();
        payees.forEach((payee, details) -> {
            if (details.kind() != null) {
                kinds.put(payee, details.kind());
            }
        });
        return kinds;
    }

    /** R8.1: whether a group takes its PAYABLE rebates as CASH; a group not in master data does. */
    public Predicate<String> paysCash() {
        Map<String, RebatePayoutMethod> methods = new HashMap<>();
        jdbc.sql(REBATE_PAYOUT).query(rs -> {
            methods.put(rs.getString("group_id"), RebatePayoutMethod.valueOf(rs.getString("rebate_payout")));
        });
        return groupId -> methods.getOrDefault(groupId, RebatePayoutMethod.CASH) == RebatePayoutMethod.CASH;
    }
}
