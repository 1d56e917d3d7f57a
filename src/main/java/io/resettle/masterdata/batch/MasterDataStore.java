package io.resettle.masterdata.batch;

import io.resettle.masterdata.Agreement;
import io.resettle.masterdata.Allocation;
import io.resettle.masterdata.Ambassador;
import io.resettle.masterdata.CustomerGroup;
import io.resettle.masterdata.IdentityKeys;
import io.resettle.masterdata.IngestAccount;
import io.resettle.masterdata.MasterData;
import io.resettle.masterdata.PeriodStatements;
import io.resettle.masterdata.ReferralVisit;
import io.resettle.masterdata.SubAccount;
import io.resettle.support.SqlDialect;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Master data and statements in the database. Master data is upserted by key (idempotent: the
 * same files leave the same rows); agreements, allocations, referral visits and a period's
 * statements are replaced whole.
 */
@Repository
public class MasterDataStore {

    /**
     * Where loadMasterData leaves what the statements' pain.002 reports held besides payout returns
     * (pending statuses, a return counted once): its step execution context, one note a line.
     */
    public static final String STATEMENT_NOTES = "statementNotes";

    private static final String DELETE_VENDOR_STATEMENT = "DELETE FROM vendor_statement WHERE period = :period";
    private static final String DELETE_VENDOR_REBATES = "DELETE FROM vendor_rebate WHERE period = :period";
    private static final String DELETE_PAYOUT_RETURNS = "DELETE FROM payout_return WHERE period = :period";

    private static final String INSERT_VENDOR_REBATE = """
            INSERT INTO vendor_rebate (period, program, category, amount) VALUES (:period, :program, :category, :amount)
            """;

    private static final String INSERT_PAYOUT_RETURN = """
            INSERT INTO payout_return (period, payout_id, status, amount, paid_at, source)
            VALUES (:period, :payoutId, :status, :amount, :paidAt, :source)
            """;

    private static final String INGEST_ACCOUNTS = """
            SELECT sub_account_id, currency, associated_from, associated_to, vendor_login FROM sub_account
            """;

    private static final int BATCH_ROWS = 10_000;

    private final NamedParameterJdbcTemplate named;
    private final JdbcClient jdbc;
    private final SqlDialect dialect;

    public MasterDataStore(JdbcTemplate jdbc, SqlDialect dialect) {
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.jdbc = JdbcClient.create(named);
        this.dialect = dialect;
    }

    public void upsert(MasterData data) {
        Upsert groups = new Upsert("customer_group", List.of("group_id"), List.of(String.class), List.of("group_name",
                "currency", "credit_limit", "rebate_payout", "payee_name", "payout_account", "implicit_group"));
        for (CustomerGroup g : data.groups()) {
            groups.add(new Object[] {g.groupId()}, g.groupName(), g.currency(), g.creditLimit(), g.rebatePayout().name(),
                    g.payeeName(), g.payoutAccount(), g.implicit());
        }
        groups.run();
        Upsert accounts = new Upsert("sub_account", List.of("sub_account_id"), List.of(String.class), List.of(
                "sub_account_name", "group_id", "role", "invoice_title", "tax_id", "settlement_mode", "currency",
                "associated_from", "associated_to", "managed_by", "first_paid_before", "id_hash", "phone_hash",
                "pay_account_hash", "device_hash", "address_hash", "vendor_login"));
        for (SubAccount a : data.accounts()) {
            IdentityKeys k = a.identity();
            accounts.add(new Object[] {a.subAccountId()},
                    a.name(), a.groupId(), a.role().name(), a.invoiceTitle(), a.taxId(), a.settlementMode().name(),
                    a.currency(), a.associatedFrom().toString(), month(a.associatedTo()), a.managedBy().name(),
                    a.firstPaidBefore() == null ? null : a.firstPaidBefore(), k.idHash(), k.phoneHash(),
                    k.payAccountHash(), k.deviceHash(), k.addressHash(), a.vendorLogin());
        }
        accounts.run();
        // Issue 15 (R2.7): agreements, allocations and referral visits are what the files list now, so
        // a row removed from its file is gone (groups, sub-accounts, ambassadors stay: past invoices name them).
        jdbc.sql("DELETE FROM agreement").update();
        jdbc.sql("DELETE FROM allocation").update();
        jdbc.sql("DELETE FROM referral_visit").update();
        Upsert agreements = new Upsert("agreement", List.of("agreement_id"), List.of(String.class), List.of("group_id",
                "discount_table", "term_start", "term_end", "min_commitment", "clawback_mode", "penalty_rate",
                "terminated_on"));
        for (Agreement t : data.agreements()) {
            agreements.add(new Object[] {t.agreementId()},
                    t.groupId(), t.discountTable(), t.termStart().toString(), t.termEnd().toString(), t.minCommitment(),
                    t.clawbackMode().name(), t.penaltyRate(), month(t.terminatedOn()));
        }
        agreements.run();
        Upsert allocations = new Upsert("allocation", List.of("sub_account_id", "allocated_on", "reference"),
                List.of(String.class, LocalDate.class, String.class), List.of("amount"));
        for (Allocation a : data.allocations()) {
            allocations.add(new Object[] {a.subAccountId(), a.date(), a.reference()}, a.amount());
        }
        allocations.run();
        Upsert ambassadors = new Upsert("ambassador", List.of("ambassador_id"), List.of(String.class), List.of("name",
                "payee_type", "payout_account", "id_hash", "phone_hash", "pay_account_hash", "device_hash",
                "address_hash"));
        for (Ambassador a : data.ambassadors()) {
            IdentityKeys k = a.identity();
            ambassadors.add(new Object[] {a.ambassadorId()},
                    a.name(), a.payeeType().name(), a.payoutAccount(), k.idHash(), k.phoneHash(), k.payAccountHash(),
                    k.deviceHash(), k.addressHash());
        }
        ambassadors.run();
        // A visit is its key: inserted when new, nothing to update.
        Upsert visits = new Upsert("referral_visit", List.of("ambassador_id", "sub_account_id", "visited_at"),
                List.of(String.class, String.class, LocalDateTime.class), List.of());
        for (ReferralVisit v : data.referrals()) {
            visits.add(new Object[] {v.ambassadorId(), v.subAccountId(), v.visitedAt()});
        }
        visits.run();
    }

    /**
     * UPDATE by key, else INSERT (portable across PostgreSQL and H2), for a whole table at once:
     * the stored rows are read in one query, those whose values differ from the file's are updated
     * in JDBC batches ({@link StoredValues}) and the new ones appended ({@link SqlDialect#bulkInsert}:
     * COPY on PostgreSQL), a slice at a time ({@link #slices}). One UPDATE and one INSERT per row
     * took 53 s for 200,000 sub-accounts (docs/performance.md).
     */
    private final class Upsert {
        private final String table;
        private final List<String> keyColumns;
        private final List<Class<?>> keyTypes;
        private final List<String> valueColumns;
        private final List<Object[]> keys = new ArrayList<>();
        private final List<Object[]> values = new ArrayList<>();

        Upsert(String table, List<String> keyColumns, List<Class<?>> keyTypes, List<String> valueColumns) {
            this.table = table;
            this.keyColumns = keyColumns;
            this.keyTypes = keyTypes;
            this.valueColumns = valueColumns;
        }

        void add(Object[] key, Object... rowValues) {
            keys.add(key);
            values.add(rowValues);
        }

        void run() {
            if (keys.isEmpty()) {
                return;
            }
            Map<List<Object>, Integer> rowOfKey = new HashMap<>();
            for (int row = 0; row < keys.size(); row++) {
                rowOfKey.put(Arrays.asList(keys.get(row)), row);
            }
            // The stored rows streamed once: a file row whose key is stored is updated only if a value
            // differs. Updating every stored key took 11.5 s of a nightly ingest at 200,000 sub-accounts
            // that changed none (docs/performance.md).
            boolean[] stored = new boolean[keys.size()];
            List<Object[]> updates = new ArrayList<>();
            List<String> selected = new ArrayList<>(keyColumns);
            selected.addAll(valueColumns);
            jdbc.sql("SELECT " + String.join(", ", selected) + " FROM " + table).query(rs -> {
                List<Object> key = new ArrayList<>(keyColumns.size());
                for (int i = 0; i < keyColumns.size(); i++) {
                    key.add(rs.getObject(i + 1, keyTypes.get(i)));
                }
                Integer row = rowOfKey.get(key);
                if (row == null) {
                    return;
                }
                stored[row] = true;
                Object[] rowValues = values.get(row);
                for (int i = 0; i < rowValues.length; i++) {
                    if (!StoredValues.same(rs.getObject(keyColumns.size() + i + 1), rowValues[i])) {
                        updates.add(concat(rowValues, keys.get(row)));
                        return;
                    }
                }
            });
            List<Object[]> inserts = new ArrayList<>();
            for (int row = 0; row < keys.size(); row++) {
                if (!stored[row]) {
                    inserts.add(concat(keys.get(row), values.get(row)));
                }
            }
            if (!updates.isEmpty()) {
                List<String> columns = new ArrayList<>(valueColumns);
                columns.addAll(keyColumns);
                String update = "UPDATE " + table + " SET " + valueColumns.stream().map(c -> c + " = :" + c)
                        .collect(Collectors.joining(", ")) + " WHERE " + keyColumns.stream().map(c -> c + " = :" + c)
                        .collect(Collectors.joining(" AND "));
                // Parameters built a slice at a time, so that only one slice's are held.
                slices(updates).forEach(slice -> named.batchUpdate(update, parameters(columns, slice)));
            }
            if (!inserts.isEmpty()) {
                List<String> columns = new ArrayList<>(keyColumns);
                columns.addAll(valueColumns);
                // COPY on PostgreSQL: the first load of 200,000 sub-accounts is most of the rows.
                slices(inserts).forEach(slice -> dialect.bulkInsert(table, columns, slice));
            }
        }

        /** Each row's values named by their columns. */
        private static SqlParameterSource[] parameters(List<String> columns, List<Object[]> rows) {
            SqlParameterSource[] sources = new SqlParameterSource[rows.size()];
            for (int row = 0; row < rows.size(); row++) {
                MapSqlParameterSource source = new MapSqlParameterSource();
                for (int i = 0; i < columns.size(); i++) {
                    source.addValue(columns.get(i), rows.get(row)[i]);
                }
                sources[row] = source;
            }
            return sources;
        }

        private static Object[] concat(Object[] first, Object[] second) {
            Object[] all = Arrays.copyOf(first, first.length + second.length);
            System.arraycopy(second, 0, all, first.length, second.length);
            return all;
        }
    }

    public void replaceStatements(YearMonth period, PeriodStatements statements) {
        String p = period.toString();
        for (String delete : List.of(DELETE_VENDOR_STATEMENT, DELETE_VENDOR_REBATES, DELETE_PAYOUT_RETURNS)) {
            jdbc.sql(delete).param("period", p).update();
        }
        // The vendor statement has a row per sub-account: COPY on PostgreSQL, in slices.
        List<Object[]> lines = statements.vendorStatement().stream()
                .map(line -> new Object[] {p, line.subAccountId(), line.payable()}).toList();
        slices(lines).forEach(slice -> dialect.bulkInsert("vendor_statement", List.of("period", "sub_account_id", "payable"),
                slice));
        List<SqlParameterSource> rebates = statements.vendorRebates().stream()
                .map(rebate -> (SqlParameterSource) new MapSqlParameterSource("period", p).addValue("program", rebate.program())
                        .addValue("category", rebate.category()).addValue("amount", rebate.amount()))
                .toList();
        slices(rebates).forEach(slice -> named.batchUpdate(INSERT_VENDOR_REBATE, slice.toArray(SqlParameterSource[]::new)));
        List<SqlParameterSource> returns = statements.payoutReturns().stream()
                .map(ret -> (SqlParameterSource) new MapSqlParameterSource("period", p).addValue("payoutId", ret.payoutId())
                        .addValue("status", ret.status().name()).addValue("amount", ret.amount())
                        .addValue("paidAt", ret.paidAt() == null ? null : ret.paidAt()).addValue("source", ret.source()))
                .toList();
        slices(returns).forEach(slice -> named.batchUpdate(INSERT_PAYOUT_RETURN, slice.toArray(SqlParameterSource[]::new)));
    }

    /**
     * The rows in slices of {@link #BATCH_ROWS}, one JDBC batch or COPY each: the driver copies every
     * row's parameters into a batch, and 200,000 sub-accounts in one batch ran a 512 MiB heap out of
     * memory (issue 20).
     */
    private static <T> List<List<T>> slices(List<T> rows) {
        List<List<T>> slices = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += BATCH_ROWS) {
            slices.add(rows.subList(from, Math.min(rows.size(), from + BATCH_ROWS)));
        }
        return slices;
    }

    /** Every sub-account as ingestion sees it (R3), by id. */
    public Map<String, IngestAccount> ingestAccounts() {
        Map<String, IngestAccount> accounts = new HashMap<>();
        jdbc.sql(INGEST_ACCOUNTS).query(rs -> {
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
