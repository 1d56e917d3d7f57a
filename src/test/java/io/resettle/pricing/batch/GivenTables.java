package io.resettle.pricing.batch;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rows the pricing steps read, as ingest and master data leave them: the "given" of a step test. */
final class GivenTables {

    /** io-contract §1: the {@code standard} discount table. */
    static final String POLICY = """
            currency: CNY
            categories:
              COMPUTE:  [ecs, swas, ecs-gpu]
              SECURITY: [waf, bastionhost, sas, ddoscoo, qiankun]
              DATABASE: [rds, polardb, redis, mongodb]
              STORAGE:  [oss, nas]
              NETWORK:  [slb, eip, cdn]
            ingest:
              max_reject_ratio: 0.01
            discount_tables:
              standard:
                - {from: 0,       rates: {default: 0.00}}
                - {from: 50000,   rates: {default: 0.05, SECURITY: 0.08}}
                - {from: 200000,  rates: {default: 0.10, SECURITY: 0.13}}
                - {from: 1000000, rates: {default: 0.15, SECURITY: 0.18}}
            """;

    private final JdbcTemplate jdbc;

    GivenTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empties what the pricing steps read and write, and stores {@link #POLICY} as in force from 2026-01. */
    GivenTables cleared() {
        for (String table : List.of("invoice_line", "group_statement", "period_run", "billing_line", "agreement",
                "sub_account", "customer_group", "policy_file")) {
            jdbc.update("DELETE FROM " + table);
        }
        jdbc.update("INSERT INTO policy_file (effective_from, file, sha256, content) VALUES ('2026-01',"
                + " 'policies/2026-01.yml', 'standard', ?)", POLICY);
        return this;
    }

    void group(String groupId, String creditLimit) {
        jdbc.update("INSERT INTO customer_group (group_id, currency, credit_limit, rebate_payout, implicit_group)"
                + " VALUES (?, 'CNY', ?, 'CASH', FALSE)", groupId, new BigDecimal(creditLimit));
    }

    void subAccount(String subAccountId, String groupId) {
        jdbc.update("INSERT INTO sub_account (sub_account_id, group_id, role, settlement_mode, currency, associated_from,"
                + " managed_by) VALUES (?, ?, 'MEMBER', 'CREDIT', 'CNY', '2026-01', 'AGENT')", subAccountId, groupId);
    }

    /** An agreement on the {@code standard} table for 2026, without commitment. */
    void agreement(String agreementId, String groupId) {
        jdbc.update("INSERT INTO agreement (agreement_id, group_id, discount_table, term_start, term_end,"
                + " min_commitment, clawback_mode, penalty_rate) VALUES (?, ?, 'standard', '2026-01', '2026-12',"
                + " 0, 'NONE', 0)", agreementId, groupId);
    }

    /** A line of October 2026. */
    void line(String lineId, String subAccount, String product, String category, String chargeType, String payable) {
        line(lineId, null, subAccount, product, category, chargeType, payable);
    }

    void line(String lineId, String relatedLineId, String subAccount, String product, String category,
            String chargeType, String payable) {
        BigDecimal amount = new BigDecimal(payable);
        jdbc.update("INSERT INTO billing_line (period, line_id, related_line_id, sub_account_id, product_code, category,"
                + " billing_method, charge_type, list_amount, payable_amount, paid_amount, currency, paid, file, row_no)"
                + " VALUES ('2026-10', ?, ?, ?, ?, ?, 'POSTPAID', ?, ?, ?, ?, 'CNY', TRUE, 'bill.csv', 1)",
                lineId, relatedLineId, subAccount, product, category, chargeType, amount, amount, amount);
    }

    /** A group's October volume and tier as computeGroupVolumes records them for revision 1. */
    void groupVolume(String groupId, String volume, String tierFrom, String agreementId) {
        jdbc.update("INSERT INTO group_statement (period, revision, group_id, volume, tier_from, agreement_id,"
                + " credit_limit) VALUES ('2026-10', 1, ?, ?, ?, ?, 0)", groupId, new BigDecimal(volume),
                tierFrom == null ? null : new BigDecimal(tierFrom), agreementId);
    }

    /** A completed earlier period whose invoice priced {@code lineId} at {@code rate}. */
    void invoicedEarlier(String period, String subAccount, String lineId, String rate) {
        jdbc.update("INSERT INTO period_run (period, revision, job_execution_id, status, forced, closed, created_at)"
                + " VALUES (?, 1, 0, 'COMPLETED', FALSE, FALSE, CURRENT_TIMESTAMP)", period);
        jdbc.update("INSERT INTO invoice_line (period, revision, invoice_id, sub_account_id, line_id, kind, kind_order,"
                + " product_code, category, charge_type, payable, discount_rate, discount, net, currency)"
                + " VALUES (?, 1, ?, ?, ?, 'CHARGE', 0, 'ecs', 'COMPUTE', 'USAGE', 1.00, ?, 0.00, 1.00, 'CNY')",
                period, "INV-" + period + "-" + subAccount, subAccount, lineId, new BigDecimal(rate));
    }
}
