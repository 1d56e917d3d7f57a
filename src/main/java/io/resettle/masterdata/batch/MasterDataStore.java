package io.resettle.masterdata.batch;

import io.resettle.masterdata.Agreement;
import io.resettle.masterdata.Allocation;
import io.resettle.masterdata.Ambassador;
import io.resettle.masterdata.CustomerGroup;
import io.resettle.masterdata.IdentityKeys;
import io.resettle.masterdata.IngestAccount;
import io.resettle.masterdata.MasterDataSink;
import io.resettle.masterdata.PeriodStatements;
import io.resettle.masterdata.ReferralVisit;
import io.resettle.masterdata.SubAccount;
import io.resettle.support.SqlDialect;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * Starts writing a data set's master data, in the caller's transaction: agreements, allocations
     * and referral visits are deleted now (R2.7: they are what the files list), and the rows handed
     * to the returned sink are written a slice at a time. Call {@link Load#finish} once the reader
     * has accepted the data set; when it refuses it, the caller's rollback undoes the slices.
     */
    public Load load() {
        // Issue 15 (R2.7): a row removed from its file is gone (groups, sub-accounts and ambassadors
        // stay, and are upserted: past invoices name them).
        jdbc.sql("DELETE FROM agreement").update();
        jdbc.sql("DELETE FROM allocation").update();
        jdbc.sql("DELETE FROM referral_visit").update();
        return new Load();
    }

    /** The master data of one data set on its way into the tables. */
    public final class Load implements MasterDataSink {
        private final Upserted groups = new Upserted("customer_group", "group_id", List.of("group_name", "currency",
                "credit_limit", "rebate_payout", "payee_name", "payout_account", "implicit_group"));
        private final Upserted accounts = new Upserted("sub_account", "sub_account_id", List.of("sub_account_name",
                "group_id", "role", "invoice_title", "tax_id", "settlement_mode", "currency", "associated_from",
                "associated_to", "managed_by", "first_paid_before", "id_hash", "phone_hash", "pay_account_hash",
                "device_hash", "address_hash", "vendor_login"));
        private final Inserted agreements = new Inserted("agreement", List.of("agreement_id", "group_id",
                "discount_table", "term_start", "term_end", "min_commitment", "clawback_mode", "penalty_rate",
                "terminated_on"));
        private final Inserted allocations = new Inserted("allocation", List.of("sub_account_id", "allocated_on",
                "reference", "amount"));
        private final Upserted ambassadors = new Upserted("ambassador", "ambassador_id", List.of("name", "payee_type",
                "payout_account", "id_hash", "phone_hash", "pay_account_hash", "device_hash", "address_hash"));
        private final Inserted visits = new Inserted("referral_visit", List.of("ambassador_id", "sub_account_id",
                "visited_at"));
        private final List<Slices> tables = List.of(groups, accounts, agreements, allocations, ambassadors, visits);
        private long rows;

        private Load() {
        }

        @Override
        public void group(CustomerGroup g) {
            groups.add(g.groupId(), g.groupName(), g.currency(), g.creditLimit(), g.rebatePayout().name(),
                    g.payeeName(), g.payoutAccount(), g.implicit());
        }

        @Override
        public void account(SubAccount a) {
            IdentityKeys k = a.identity();
            accounts.add(a.subAccountId(), a.name(), a.groupId(), a.role().name(), a.invoiceTitle(), a.taxId(),
                    a.settlementMode().name(), a.currency(), a.associatedFrom().toString(), month(a.associatedTo()),
                    a.managedBy().name(), a.firstPaidBefore(), k.idHash(), k.phoneHash(), k.payAccountHash(),
                    k.deviceHash(), k.addressHash(), a.vendorLogin());
        }

        @Override
        public void agreement(Agreement t) {
            agreements.add(t.agreementId(), t.groupId(), t.discountTable(), t.termStart().toString(),
                    t.termEnd().toString(), t.minCommitment(), t.clawbackMode().name(), t.penaltyRate(),
                    month(t.terminatedOn()));
        }

        @Override
        public void allocation(Allocation a) {
            allocations.add(a.subAccountId(), a.date(), a.reference(), a.amount());
        }

        @Override
        public void ambassador(Ambassador a) {
            IdentityKeys k = a.identity();
            ambassadors.add(a.ambassadorId(), a.name(), a.payeeType().name(), a.payoutAccount(), k.idHash(),
                    k.phoneHash(), k.payAccountHash(), k.deviceHash(), k.addressHash());
        }

        @Override
        public void referral(ReferralVisit v) {
            visits.add(v.ambassadorId(), v.subAccountId(), v.visitedAt());
        }

        /** Writes the last slices; returns the rows the data set held. */
        public long finish() {
            tables.forEach(Slices::write);
            return rows;
        }

        /** A table's rows held a slice at a time ({@link MasterDataStore#slices} says why). */
        private abstract class Slices {
            final List<Object[]> slice = new ArrayList<>();

            void add(Object... row) {
                rows++;
                slice.add(row);
                if (slice.size() == BATCH_ROWS) {
                    write();
                }
            }

            void write() {
                if (!slice.isEmpty()) {
                    write(slice);
                    slice.clear();
                }
            }

            abstract void write(List<Object[]> rows);
        }

        /** A table the data set replaces whole: emptied by {@link #load}, so every row is new. */
        private final class Inserted extends Slices {
            private final String table;
            private final List<String> columns;

            Inserted(String table, List<String> columns) {
                this.table = table;
                this.columns = columns;
            }

            @Override
            void write(List<Object[]> rows) {
                dialect.bulkInsert(table, columns, rows);
            }
        }

        /**
         * UPDATE by key, else INSERT (portable across PostgreSQL and H2), a slice at a time: the
         * slice's stored rows are read by their keys, those whose values differ from the file's are
         * updated ({@link StoredValues}, {@link SqlDialect#bulkUpdate}) and the new ones appended
         * ({@link SqlDialect#bulkInsert}: COPY on PostgreSQL). One UPDATE and one INSERT per row took
         * 53 s for 200,000 sub-accounts, and updating every stored key 11.5 s of a nightly ingest
         * that changed none (docs/performance.md).
         */
        private final class Upserted extends Slices {
            private final String table;
            private final String keyColumn;
            private final List<String> valueColumns;
            /** The key, then the values: the columns of a row as {@link #add} takes it. */
            private final List<String> columns = new ArrayList<>();
            /** Whether the table held no row when this load wrote its first slice; null until then. */
            private Boolean emptyBeforeTheLoad;

            /** Each row: the key, then the values in the order of {@code valueColumns}. */
            Upserted(String table, String keyColumn, List<String> valueColumns) {
                this.table = table;
                this.keyColumn = keyColumn;
                this.valueColumns = valueColumns;
                columns.add(keyColumn);
                columns.addAll(valueColumns);
            }

            @Override
            void write(List<Object[]> rows) {
                if (emptyBeforeTheLoad == null) {
                    emptyBeforeTheLoad = jdbc.sql("SELECT 1 FROM " + table + " FETCH FIRST 1 ROWS ONLY").query()
                            .listOfRows().isEmpty();
                }
                if (emptyBeforeTheLoad) {
                    // A first load: the file's keys are unique, so nothing an earlier slice wrote can match.
                    dialect.bulkInsert(table, columns, rows);
                    return;
                }
                Map<String, Object[]> rowOfKey = new HashMap<>();
                rows.forEach(row -> rowOfKey.put((String) row[0], row));
                List<Object[]> updates = new ArrayList<>();
                Set<String> stored = new HashSet<>();
                jdbc.sql("SELECT " + keyColumn + ", " + String.join(", ", valueColumns) + " FROM " + table + " WHERE "
                        + keyColumn + " IN (:keys)").param("keys", rowOfKey.keySet()).query(rs -> {
                            Object[] row = rowOfKey.get(rs.getString(1));
                            if (row == null) {
                                return; // a key the database matched otherwise than Java does (H2's IGNORECASE)
                            }
                            stored.add((String) row[0]);
                            for (int i = 1; i < row.length; i++) {
                                if (!StoredValues.same(rs.getObject(i + 1), row[i])) {
                                    // The values, then the key, as the UPDATE binds them.
                                    Object[] update = Arrays.copyOfRange(row, 1, row.length + 1);
                                    update[row.length - 1] = row[0];
                                    updates.add(update);
                                    return;
                                }
                            }
                        });
                dialect.bulkUpdate(table, List.of(keyColumn), valueColumns, updates);
                List<Object[]> inserts = rows.stream().filter(row -> !stored.contains((String) row[0])).toList();
                if (!inserts.isEmpty()) {
                    dialect.bulkInsert(table, columns, inserts);
                }
            }
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
