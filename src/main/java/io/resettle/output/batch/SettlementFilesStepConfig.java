package io.resettle.output.batch;

import io.resettle.output.Manifest;
import io.resettle.rebate.batch.RebateSliceFile;
import io.resettle.support.FaultInjection;
import io.resettle.support.Hashing;
import io.resettle.support.OutputFolders;
import io.resettle.support.SqlDialect;
import io.resettle.support.WorkerThreads;
import io.resettle.support.csv.CsvOutput;
import io.resettle.support.csv.CsvParts;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code writeSettlementFiles}: the files of io-contract §3 for a revision, written from the
 * database in the contract's order (streamed: a period's lines never sit in memory), each to a
 * temporary name and renamed, then manifest.json. Writing again gives the same bytes, so a restart
 * that repeats this step changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class SettlementFilesStepConfig {

    @Bean
    Step writeSettlementFiles(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet writeSettlementFilesTasklet) {
        return new StepBuilder("writeSettlementFiles", jobRepository)
                .tasklet(writeSettlementFilesTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    Tasklet writeSettlementFilesTasklet(DataSource dataSource, SqlDialect dialect, FaultInjection faults,
            PlatformTransactionManager transactionManager, JobRepository jobRepository,
            @Value("#{jobParameters['period']}") String period, @Value("#{jobParameters['revision']}") Long revision,
            @Value("#{jobParameters['out']}") String out) {
        return (contribution, chunkContext) -> {
            SettlementFiles files = settlementFiles(dataSource, dialect, faults, jobRepository, period, revision, out,
                    chunkContext.getStepContext().getStepExecution());
            long rows = files.writeAll(new TransactionTemplate(transactionManager, READ_ONLY));
            contribution.incrementWriteCount(rows);
            return RepeatStatus.FINISHED;
        };
    }

    /**
     * {@code writeInvoiceLines}: invoice-lines.csv, the largest file, as soon as the invoices are
     * built, beside reconcile. It is written under a hidden name
     * ({@link SettlementFiles#STAGED_INVOICE_LINES}) and what the manifest needs is kept in the step's
     * context; writeSettlementFiles checks its hash and renames it after every other file is written
     * (or writes it again from the database if the staged copy is gone or differs).
     */
    @Bean
    Step writeInvoiceLines(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet writeInvoiceLinesTasklet) {
        return new StepBuilder(SettlementFiles.INVOICE_LINES_STEP, jobRepository)
                .tasklet(writeInvoiceLinesTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    Tasklet writeInvoiceLinesTasklet(DataSource dataSource, SqlDialect dialect, FaultInjection faults,
            PlatformTransactionManager transactionManager, JobRepository jobRepository,
            @Value("#{jobParameters['period']}") String period, @Value("#{jobParameters['revision']}") Long revision,
            @Value("#{jobParameters['out']}") String out) {
        return (contribution, chunkContext) -> {
            StepExecution step = chunkContext.getStepContext().getStepExecution();
            SettlementFiles files = settlementFiles(dataSource, dialect, faults, jobRepository, period, revision, out, step);
            SettlementFiles.Written written = new TransactionTemplate(transactionManager, READ_ONLY)
                    .execute(status -> files.stageInvoiceLines());
            SettlementFiles.saveStaged(written, step.getExecutionContext());
            contribution.incrementWriteCount(written.rows());
            return RepeatStatus.FINISHED;
        };
    }

    /** The writer of the revision's folder (created if need be), reading with a fetch size so PostgreSQL streams. */
    private static SettlementFiles settlementFiles(DataSource dataSource, SqlDialect dialect, FaultInjection faults,
            JobRepository jobRepository, String period, Long revision, String out, StepExecution step) throws IOException {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(1000);
        Path folder = OutputFolders.revision(Path.of(out), period, revision.intValue());
        Files.createDirectories(folder);
        return new SettlementFiles(jdbc, dialect, faults, YearMonth.parse(period), revision.intValue(), folder,
                jobRepository, step.getJobExecution().getJobInstance());
    }

    private static final TransactionDefinition READ_ONLY;

    static {
        DefaultTransactionDefinition readOnly = new DefaultTransactionDefinition(
                TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        readOnly.setReadOnly(true);
        READ_ONLY = readOnly;
    }

    /** The writing itself, one method per file. */
    static final class SettlementFiles {
        private static final Logger LOG = LoggerFactory.getLogger(SettlementFiles.class);
        static final String INVOICE_LINES = "invoice-lines.csv";
        static final String INVOICE_LINES_STEP = "writeInvoiceLines";
        static final String STAGED_INVOICE_LINES = ".invoice-lines.csv.staged";
        private static final List<String> INVOICE_LINE_TOTALS = List.of("payable", "discount", "net");
        private static final String STAGED = "staged.invoiceLines.";
        private final JdbcTemplate jdbc;
        private final SqlDialect dialect;
        private final FaultInjection faults;
        private final YearMonth period;
        private final int revision;
        private final Path folder;
        private final JobRepository jobRepository;
        private final JobInstance jobInstance;
        private final String p;
        private Manifest manifest;
        /** Set by the writer thread of invoice-lines.csv, read once all writers are done. */
        private volatile Path stagedToPublish;

        SettlementFiles(JdbcTemplate jdbc, SqlDialect dialect, FaultInjection faults, YearMonth period, int revision, Path folder,
                JobRepository jobRepository, JobInstance jobInstance) {
            this.jdbc = jdbc;
            this.dialect = dialect;
            this.period = period;
            this.revision = revision;
            this.folder = folder;
            this.jobRepository = jobRepository;
            this.jobInstance = jobInstance;
            this.faults = faults;
            this.p = period.toString();
        }

        long writeAll(TransactionTemplate readOnly) throws IOException {
            boolean breaks = jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation WHERE period = ? AND revision = ?"
                    + " AND status = 'BREAK'", Long.class, p, revision) > 0;
            Map<String, Object> run = jdbc.queryForMap("SELECT job_execution_id FROM period_run WHERE period = ?"
                    + " AND revision = ?", p, revision);
            Map<String, Object> policy = jdbc.queryForMap("SELECT file, sha256 FROM policy_file WHERE effective_from ="
                    + " (SELECT MAX(effective_from) FROM policy_file WHERE effective_from <= ?)", p);
            manifest = new Manifest(p, revision, ((Number) run.get("job_execution_id")).longValue(),
                    breaks ? "COMPLETED_WITH_BREAKS" : "COMPLETED", (String) policy.get("file"), (String) policy.get("sha256"));
            jdbc.query("SELECT file, sha256, status, row_count, accepted, rejected FROM ingest_file WHERE period = ?"
                    + " ORDER BY " + dialect.ordered("file"), rs -> {
                        manifest.input(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                                rs.getLong(6));
                    }, p);
            // Each file in a read-only transaction of its own (autocommit off, so PostgreSQL streams),
            // as many at once as there are cores, the largest first; the manifest lists them in the
            // contract's order whatever order they finish in.
            List<Callable<Written>> writers = new ArrayList<>(List.of(this::invoiceLines, this::rebateSlices,
                    this::invoices));
            if (revision > 1) {
                writers.add(this::adjustments);
            }
            writers.addAll(List.of(this::groupStatements, this::prepaidBalances, this::rebates, this::commissions,
                    this::payoutItems, this::payouts, this::reconciliation, this::rejects));
            // callAll stops the other writers after a failure before it reports it, so none renames late.
            List<Callable<Written>> inTransactions = writers.stream().<Callable<Written>>map(writer ->
                    () -> readOnly.execute(status -> {
                        try {
                            return writer.call();
                        } catch (Exception e) {
                            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                        }
                    })).toList();
            Map<String, Written> written = new TreeMap<>();
            for (Written file : WorkerThreads.callAll(jdbc.getDataSource(), inTransactions,
                    "writing the settlement files")) {
                written.put(file.name(), file);
            }
            // Renamed only now that every other file is written: after a failure the staged copy is
            // still there for the restart, and no invoice-lines.csv stands without the others.
            if (stagedToPublish != null) {
                Files.move(stagedToPublish, folder.resolve(INVOICE_LINES), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            long rows = 0;
            List<String> csvFiles = new ArrayList<>();
            for (String name : FILE_ORDER) {
                Written file = written.get(name);
                if (file != null) {
                    manifest.output(file.name(), file.sha256(), file.rows(), file.totals(), file.totalsScale());
                    rows += file.rows();
                    csvFiles.add(name);
                }
            }
            // The files finance uses as they are (issue 18), from the CSVs just written.
            for (Written file : new FinanceFiles(jdbc, period, revision, folder, breaks).write(csvFiles)) {
                manifest.output(file.name(), file.sha256(), file.rows(), file.totals(), file.totalsScale());
            }
            writeManifest();
            return rows;
        }

        /** The order of the outputs in manifest.json. */
        private static final List<String> FILE_ORDER = List.of(INVOICE_LINES, "invoices.csv",
                "invoice-adjustments.csv", "group-statements.csv", "prepaid-balances.csv", "rebates.csv",
                "rebate-slices.csv", "commissions.csv", "payout-items.csv", "payouts.csv", "reconciliation.csv",
                "rejects.csv");

        /** A file written: what manifest.json says of it; totals with the decimals the file has. */
        record Written(String name, String sha256, long rows, Map<String, BigDecimal> totals, int totalsScale) {
            Written(String name, String sha256, long rows, Map<String, BigDecimal> totals) {
                this(name, sha256, rows, totals, 2);
            }
        }

        /**
         * invoice-lines.csv as writeInvoiceLines staged it (its hash checked; renamed by writeAll), else
         * written now (e.g. its staged copy is gone or differs).
         */
        private Written invoiceLines() throws IOException {
            Path staged = folder.resolve(STAGED_INVOICE_LINES);
            StepExecution early = jobRepository.getLastStepExecution(jobInstance, INVOICE_LINES_STEP);
            if (early != null && early.getStatus() == BatchStatus.COMPLETED && Files.exists(staged)) {
                Written recorded = staged(early.getExecutionContext());
                if (recorded != null && recorded.sha256().equals(Hashing.sha256(staged))) {
                    stagedToPublish = staged;
                    return recorded;
                }
                LOG.warn("{} in {} is not what {} recorded: writing {} again", STAGED_INVOICE_LINES, folder,
                        INVOICE_LINES_STEP, INVOICE_LINES);
            }
            Files.deleteIfExists(staged);
            return writeInvoiceLines(folder.resolve(INVOICE_LINES));
        }

        Written stageInvoiceLines() {
            return writeInvoiceLines(folder.resolve(STAGED_INVOICE_LINES));
        }

        static void saveStaged(Written written, ExecutionContext context) {
            context.putString(STAGED + "sha256", written.sha256());
            context.putLong(STAGED + "rows", written.rows());
            written.totals().forEach((column, total) -> context.putString(STAGED + "total." + column, total.toPlainString()));
        }

        private static Written staged(ExecutionContext context) {
            if (!context.containsKey(STAGED + "sha256")) {
                return null;
            }
            Map<String, BigDecimal> totals = new LinkedHashMap<>();
            INVOICE_LINE_TOTALS.forEach(column -> totals.put(column, new BigDecimal(context.getString(STAGED + "total." + column))));
            return new Written(INVOICE_LINES, context.getString(STAGED + "sha256"), context.getLong(STAGED + "rows"), totals);
        }

        private Written writeInvoiceLines(Path target) {
            return write(INVOICE_LINES, target, INVOICE_LINE_TOTALS,
                    "SELECT invoice_id, sub_account_id, line_id, kind, product_code, category, charge_type, payable,"
                            + " discount_rate, discount, net, currency FROM invoice_line WHERE period = ? AND revision = ?"
                            // kind sorts as kind_order (InvoiceLineKind is declared in alphabetical order, tested), and
                            // (invoice_id, kind, line_id) is the primary key's order: read in order, not sorted.
                            + " ORDER BY " + dialect.ordered("invoice_id") + ", kind, " + dialect.ordered("line_id"),
                    rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getBigDecimal(8), rate(rs.getBigDecimal(9)),
                            rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getString(12)},
                    new int[] {7, 9, 10}, "invoice_id", "sub_account_id", "line_id", "kind", "product_code", "category",
                    "charge_type", "payable", "discount_rate", "discount", "net", "currency");
        }

        private Written invoices() {
            return write("invoices.csv", List.of("payable", "discount", "net"),
                    "SELECT invoice_id, sub_account_id, group_id, invoice_title, tax_id, settlement_mode, period, revision,"
                            + " line_count, payable, discount, net, currency FROM invoice WHERE period = ? AND revision = ?"
                            + " ORDER BY " + dialect.ordered("invoice_id"),
                    rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getInt(8), rs.getLong(9), rs.getBigDecimal(10),
                            rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getString(13)},
                    new int[] {9, 10, 11}, "invoice_id", "sub_account_id", "group_id", "invoice_title", "tax_id",
                    "settlement_mode", "period", "revision", "line_count", "payable", "discount", "net", "currency");
        }

        /** R11.3: per invoice, what changed against the previous revision (new invoices from 0, gone ones to 0). */
        private Written adjustments() {
            return write("invoice-adjustments.csv", List.of("previous_net", "net", "difference"),
                    "SELECT invoice_id, previous_net, net, net - previous_net FROM ("
                            + " SELECT c.invoice_id, COALESCE(o.net, 0) AS previous_net, c.net, o.invoice_id AS old_id"
                            + " FROM invoice c LEFT JOIN invoice o ON o.period = c.period AND o.revision = c.revision - 1"
                            + " AND o.invoice_id = c.invoice_id WHERE c.period = ? AND c.revision = ?"
                            + " UNION ALL SELECT o.invoice_id, o.net, 0, o.invoice_id FROM invoice o WHERE o.period = '" + p
                            + "' AND o.revision = " + (revision - 1) + " AND NOT EXISTS (SELECT 1 FROM invoice c"
                            + " WHERE c.period = o.period AND c.revision = " + revision + " AND c.invoice_id = o.invoice_id)"
                            + ") x WHERE old_id IS NULL OR net <> previous_net OR NOT EXISTS (SELECT 1 FROM invoice c"
                            + " WHERE c.period = '" + p + "' AND c.revision = " + revision + " AND c.invoice_id = x.invoice_id)"
                            + " ORDER BY " + dialect.ordered("invoice_id"),
                    rs -> new Object[] {rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4)},
                    new int[] {1, 2, 3}, "invoice_id", "previous_net", "net", "difference");
        }

        private Written groupStatements() {
            return write("group-statements.csv", List.of("volume", "credit_total"),
                    "SELECT group_id, period, volume, tier_from, credit_total, credit_limit, status FROM group_statement"
                            + " WHERE period = ? AND revision = ? ORDER BY " + dialect.ordered("group_id"),
                    rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                            rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7)},
                    new int[] {2, 4}, "group_id", "period", "volume", "tier_from", "credit_total", "credit_limit", "status");
        }

        private Written prepaidBalances() {
            return write("prepaid-balances.csv", List.of("opening", "allocated", "charged", "closing"),
                    "SELECT sub_account_id, period, opening, allocated, charged, closing, status FROM prepaid_balance"
                            + " WHERE period = ? AND revision = ? ORDER BY " + dialect.ordered("sub_account_id"),
                    rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                            rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7)},
                    new int[] {2, 3, 4, 5}, "sub_account_id", "period", "opening", "allocated", "charged", "closing", "status");
        }

        private Written rebates() {
            return write("rebates.csv", List.of("ytd_rebate", "accrual"),
                    "SELECT program, direction, scope_id, category, period, ytd_volume, ytd_weighted_volume, tier_from,"
                            + " ytd_rebate, accrual FROM rebate_accrual WHERE period = ? AND revision = ? ORDER BY "
                            + dialect.ordered("program") + ", " + dialect.ordered("scope_id") + ", " + dialect.ordered("category"),
                    rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                            rs.getBigDecimal(10)},
                    new int[] {8, 9}, "program", "direction", "scope_id", "category", "period", "ytd_volume",
                    "ytd_weighted_volume", "tier_from", "ytd_rebate", "accrual");
        }

        /** Put together from the parts the GRADUATED walk wrote ({@link RebateSliceFile}). */
        private Written rebateSlices() {
            Path file = folder.resolve(RebateSliceFile.NAME);
            CsvParts.Written parts = RebateSliceFile.write(jobRepository, jobInstance, folder);
            return new Written(RebateSliceFile.NAME, Hashing.sha256(file), parts.rows(), parts.totals(), 6);
        }

        private Written commissions() {
            return write("commissions.csv", List.of("commission"),
                    "SELECT order_id, sub_account_id, ambassador_id, payment_time, order_payable, refunded, status,"
                            + " commission, due_date FROM commission WHERE period = ? AND revision = ? ORDER BY "
                            + dialect.ordered("order_id") + ", " + dialect.ordered("sub_account_id"),
                    rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3),
                            time(rs.getObject(4, java.time.LocalDateTime.class)), rs.getBigDecimal(5), rs.getBigDecimal(6),
                            rs.getString(7), rs.getBigDecimal(8), rs.getString(9)},
                    new int[] {7}, "order_id", "sub_account_id", "ambassador_id", "payment_time", "order_payable",
                    "refunded", "status", "commission", "due_date");
        }

        private Written payoutItems() {
            return write("payout-items.csv", List.of("amount"),
                    "SELECT payout_id, payee_type, payee_id, item_type, reference, due_period, amount, status FROM payout_item"
                            + " WHERE period = ? AND revision = ? ORDER BY " + dialect.ordered("payout_id") + ", "
                            + dialect.ordered("item_type") + ", " + dialect.ordered("reference"),
                    rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getBigDecimal(7), rs.getString(8)},
                    new int[] {6}, "payout_id", "payee_type", "payee_id", "item_type", "reference", "due_period", "amount",
                    "status");
        }

        private Written payouts() {
            return write("payouts.csv", List.of("gross", "tax_withheld", "net"),
                    "SELECT payout_id, payee_type, payee_id, payee_name, payout_account, gross, tax_withheld, net, currency,"
                            + " item_count, status FROM payout WHERE period = ? AND revision = ? ORDER BY "
                            + dialect.ordered("payout_id"),
                    rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getString(9), rs.getInt(10),
                            rs.getString(11)},
                    new int[] {5, 6, 7}, "payout_id", "payee_type", "payee_id", "payee_name", "payout_account", "gross",
                    "tax_withheld", "net", "currency", "item_count", "status");
        }

        private static String time(java.time.LocalDateTime time) {
            return time == null ? null : time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }

        private Written reconciliation() {
            return write("reconciliation.csv", List.of("difference"),
                    "SELECT check_name, check_key, expected, actual, difference, status FROM reconciliation"
                            + " WHERE period = ? AND revision = ? ORDER BY " + dialect.ordered("check_name") + ", "
                            + dialect.ordered("check_key"),
                    rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                            rs.getBigDecimal(5), rs.getString(6)},
                    new int[] {4}, "check", "key", "expected", "actual", "difference", "status");
        }

        private Written rejects() {
            return write("rejects.csv", List.of(),
                    "SELECT file, row_no, reason, raw FROM ingest_reject WHERE period = ? AND 0 <= ? ORDER BY "
                            + dialect.ordered("file") + ", row_no",
                    rs -> new Object[] {rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)},
                    new int[0], "file", "row", "reason", "raw");
        }

        @FunctionalInterface
        interface RowMapper {
            Object[] map(ResultSet rs) throws SQLException;
        }

        /** Streams a query into a CSV file, summing the money columns named for the manifest. */
        private Written write(String name, List<String> totalNames, String sql, RowMapper mapper, int[] totalColumns,
                String... header) {
            return write(name, folder.resolve(name), totalNames, sql, mapper, totalColumns, header);
        }

        private Written write(String name, Path file, List<String> totalNames, String sql, RowMapper mapper,
                int[] totalColumns, String... header) {
            Map<String, BigDecimal> totals = new LinkedHashMap<>();
            totalNames.forEach(column -> totals.put(column, BigDecimal.ZERO));
            try (CsvOutput csv = CsvOutput.create(file, header)) {
                jdbc.query(sql, rs -> {
                    Object[] cells = mapper.map(rs);
                    for (int i = 0; i < totalColumns.length; i++) {
                        BigDecimal amount = (BigDecimal) cells[totalColumns[i]];
                        if (amount != null) {
                            totals.merge(totalNames.get(i), amount, BigDecimal::add);
                        }
                    }
                    faults.beforeWriting(name, csv.rows() + 1, csv.rows() + 1);
                    csv.row(cells);
                }, p, revision);
                csv.commit();
                return new Written(name, Hashing.sha256(file), csv.rows(), totals);
            }
        }

        private void writeManifest() throws IOException {
            Path target = folder.resolve("manifest.json");
            Path temporary = folder.resolve(".manifest.json.tmp");
            Files.writeString(temporary, manifest.toJson(), StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        private static CsvOutput.Raw rate(BigDecimal rate) {
            return CsvOutput.rate(rate);
        }
    }
}
