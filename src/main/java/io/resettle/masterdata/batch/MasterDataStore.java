package io.resettle.masterdata.batch;

import io.resettle.ingest.IngestAccount;
import io.resettle.masterdata.Allocation;
import io.resettle.masterdata.Ambassador;
import io.resettle.masterdata.CustomerGroup;
import io.resettle.masterdata.MasterData;
import io.resettle.masterdata.PeriodStatements;
import io.resettle.masterdata.ReferralVisit;
import io.resettle.masterdata.SubAccount;
import io.resettle.pricing.Agreement;
import io.resettle.referral.IdentityKeys;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Master data and statements in the database. Master data is upserted by key (idempotent: the
 * same files leave the same rows); agreements, allocations, referral visits and a period's
 * statements are replaced whole.
 */
@Repository
public class MasterDataStore {

    private final JdbcTemplate jdbc;

    public MasterDataStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void upsert(MasterData data) {
        for (CustomerGroup g : data.groups()) {
            upsert("customer_group", "group_id = ?", new Object[] {g.groupId()},
                    "group_name = ?, currency = ?, credit_limit = ?, rebate_payout = ?, payee_name = ?, payout_account = ?, implicit_group = ?",
                    "group_id, group_name, currency, credit_limit, rebate_payout, payee_name, payout_account, implicit_group",
                    g.groupName(), g.currency(), g.creditLimit(), g.rebatePayout().name(), g.payeeName(), g.payoutAccount(),
                    g.implicit());
        }
        for (SubAccount a : data.accounts()) {
            IdentityKeys k = a.identity();
            upsert("sub_account", "sub_account_id = ?", new Object[] {a.subAccountId()},
                    "sub_account_name = ?, group_id = ?, role = ?, invoice_title = ?, tax_id = ?, settlement_mode = ?, currency = ?,"
                            + " associated_from = ?, associated_to = ?, managed_by = ?, first_paid_before = ?, id_hash = ?,"
                            + " phone_hash = ?, pay_account_hash = ?, device_hash = ?, address_hash = ?, vendor_login = ?",
                    "sub_account_id, sub_account_name, group_id, role, invoice_title, tax_id, settlement_mode, currency,"
                            + " associated_from, associated_to, managed_by, first_paid_before, id_hash, phone_hash,"
                            + " pay_account_hash, device_hash, address_hash, vendor_login",
                    a.name(), a.groupId(), a.role().name(), a.invoiceTitle(), a.taxId(), a.settlementMode().name(),
                    a.currency(), a.associatedFrom().toString(), month(a.associatedTo()), a.managedBy().name(),
                    a.firstPaidBefore() == null ? null : a.firstPaidBefore(), k.idHash(), k.phoneHash(),
                    k.payAccountHash(), k.deviceHash(), k.addressHash(), a.vendorLogin());
        }
        // Issue 15 (R2.7): agreements, allocations and referral visits are what the files list now, so
        // a row removed from its file is gone (groups, sub-accounts, ambassadors stay: past invoices name them).
        jdbc.update("DELETE FROM agreement");
        jdbc.update("DELETE FROM allocation");
        jdbc.update("DELETE FROM referral_visit");
        for (Agreement t : data.agreements()) {
            upsert("agreement", "agreement_id = ?", new Object[] {t.agreementId()},
                    "group_id = ?, discount_table = ?, term_start = ?, term_end = ?, min_commitment = ?, clawback_mode = ?,"
                            + " penalty_rate = ?, terminated_on = ?",
                    "agreement_id, group_id, discount_table, term_start, term_end, min_commitment, clawback_mode,"
                            + " penalty_rate, terminated_on",
                    t.groupId(), t.discountTable(), t.termStart().toString(), t.termEnd().toString(), t.minCommitment(),
                    t.clawbackMode().name(), t.penaltyRate(), month(t.terminatedOn()));
        }
        for (Allocation a : data.allocations()) {
            upsert("allocation", "sub_account_id = ? AND allocated_on = ? AND reference = ?",
                    new Object[] {a.subAccountId(), a.date(), a.reference()},
                    "amount = ?", "sub_account_id, allocated_on, reference, amount", a.amount());
        }
        for (Ambassador a : data.ambassadors()) {
            IdentityKeys k = a.identity();
            upsert("ambassador", "ambassador_id = ?", new Object[] {a.ambassadorId()},
                    "name = ?, payee_type = ?, payout_account = ?, id_hash = ?, phone_hash = ?, pay_account_hash = ?,"
                            + " device_hash = ?, address_hash = ?",
                    "ambassador_id, name, payee_type, payout_account, id_hash, phone_hash, pay_account_hash, device_hash,"
                            + " address_hash",
                    a.name(), a.payeeType().name(), a.payoutAccount(), k.idHash(), k.phoneHash(), k.payAccountHash(),
                    k.deviceHash(), k.addressHash());
        }
        for (ReferralVisit v : data.referrals()) {
            Object[] key = {v.ambassadorId(), v.subAccountId(), v.visitedAt()};
            Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM referral_visit WHERE ambassador_id = ?"
                    + " AND sub_account_id = ? AND visited_at = ?", Integer.class, key);
            if (count == 0) {
                jdbc.update("INSERT INTO referral_visit (ambassador_id, sub_account_id, visited_at) VALUES (?, ?, ?)", key);
            }
        }
    }

    /** UPDATE by key, else INSERT: portable across PostgreSQL and H2. */
    private void upsert(String table, String keyCondition, Object[] key, String assignments, String insertColumns,
            Object... values) {
        Object[] updateArgs = new Object[values.length + key.length];
        System.arraycopy(values, 0, updateArgs, 0, values.length);
        System.arraycopy(key, 0, updateArgs, values.length, key.length);
        if (jdbc.update("UPDATE " + table + " SET " + assignments + " WHERE " + keyCondition, updateArgs) == 0) {
            Object[] insertArgs = new Object[key.length + values.length];
            System.arraycopy(key, 0, insertArgs, 0, key.length);
            System.arraycopy(values, 0, insertArgs, key.length, values.length);
            String placeholders = String.join(", ", java.util.Collections.nCopies(insertArgs.length, "?"));
            jdbc.update("INSERT INTO " + table + " (" + insertColumns + ") VALUES (" + placeholders + ")", insertArgs);
        }
    }

    public void replaceStatements(YearMonth period, PeriodStatements statements) {
        String p = period.toString();
        jdbc.update("DELETE FROM vendor_statement WHERE period = ?", p);
        jdbc.update("DELETE FROM vendor_rebate WHERE period = ?", p);
        jdbc.update("DELETE FROM payout_return WHERE period = ?", p);
        for (var line : statements.vendorStatement()) {
            jdbc.update("INSERT INTO vendor_statement (period, sub_account_id, payable) VALUES (?, ?, ?)",
                    p, line.subAccountId(), line.payable());
        }
        for (var rebate : statements.vendorRebates()) {
            jdbc.update("INSERT INTO vendor_rebate (period, program, category, amount) VALUES (?, ?, ?, ?)",
                    p, rebate.program(), rebate.category(), rebate.amount());
        }
        for (var ret : statements.payoutReturns()) {
            jdbc.update("INSERT INTO payout_return (period, payout_id, status, amount, paid_at) VALUES (?, ?, ?, ?, ?)",
                    p, ret.payoutId(), ret.status().name(), ret.amount(),
                    ret.paidAt() == null ? null : ret.paidAt());
        }
    }

    /** Every sub-account as ingestion sees it (R3), by id. */
    public Map<String, IngestAccount> ingestAccounts() {
        Map<String, IngestAccount> accounts = new HashMap<>();
        jdbc.query("SELECT sub_account_id, currency, associated_from, associated_to, vendor_login FROM sub_account", rs -> {
            String to = rs.getString("associated_to");
            accounts.put(rs.getString("sub_account_id"), new IngestAccount(rs.getString("sub_account_id"),
                    rs.getString("currency"), YearMonth.parse(rs.getString("associated_from")),
                    to == null ? null : YearMonth.parse(to), rs.getString("vendor_login")));
        });
        return accounts;
    }

    private static String month(YearMonth month) {
        return month == null ? null : month.toString();
    }
}
