package io.resettle.ingest.batch;

import io.resettle.billing.BillingLine;
import io.resettle.ingest.FileStatus;
import io.resettle.ingest.IngestedRow;
import io.resettle.ingest.LineIdSet;
import io.resettle.support.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rows the export files stage (staged_line, with their rejects in ingest_reject) and the
 * period's billing lines rebuilt from the accepted files' rows (R2.5, R2.7).
 */
@Repository
public class StagedLineStore {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StagedLineStore.class);

    private static final List<String> STAGED_COLUMNS = List.of("period", "file", "row_no", "generation", "line_id",
            "related_line_id", "sub_account_id", "order_id", "product_code", "category", "billing_method", "charge_type",
            "list_amount", "payable_amount", "paid_amount", "currency", "payment_time", "usage_start", "usage_end", "paid");

    private static final List<String> BILLING_LINE_COLUMNS = List.of("period", "line_id", "related_line_id",
            "sub_account_id", "order_id", "product_code", "category", "billing_method", "charge_type", "list_amount",
            "payable_amount", "paid_amount", "currency", "payment_time", "usage_start", "usage_end", "paid", "file",
            "row_no");

    private static final String INSERT_REJECT = """
            INSERT INTO ingest_reject (period, file, row_no, reason, detail, raw) VALUES (:period, :file, :rowNo, :reason, :detail, :raw)
            """;

    private static final String STAGED_LINE_IDS = """
            SELECT line_id FROM staged_line WHERE period = :period AND file = :file
            """;

    private static final String DELETE_BILLING_LINES = "DELETE FROM billing_line WHERE period = :period";

    /** The staged rows of the period's ACCEPTED files. */
    private static final String ACCEPTED_ROWS = """
            FROM staged_line s JOIN ingest_file f ON f.period = s.period AND f.file = s.file
            WHERE s.period = :period AND f.status = :status
            """;

    /**
     * Every accepted row as it is, in the primary key's order (so not dialect.ordered, which is for
     * the bytes of output files). %1$s: the table; %2$s: the columns; %3$s: them with {@code s.};
     * %4$s: {@link #ACCEPTED_ROWS}.
     */
    private static final String COPY_ACCEPTED_ROWS = """
            INSERT INTO %1$s (%2$s)
            SELECT %3$s
            %4$s
            ORDER BY s.line_id
            """;

    /**
     * For each line id the row of the latest ingest, within one ingest the file latest in path
     * order. %1$s: the table; %2$s: the columns; %3$s: the file column in code-point order;
     * %4$s: {@link #ACCEPTED_ROWS}.
     */
    private static final String COPY_LATEST_ROWS = """
            INSERT INTO %1$s (%2$s)
            SELECT %2$s FROM (
             SELECT s.*, ROW_NUMBER() OVER (PARTITION BY s.line_id ORDER BY s.generation DESC, %3$s DESC) AS rn
             %4$s) ranked
            WHERE rn = 1
            """;

    /** Whether the period's partition of billing_line exists (PostgreSQL, V48). */
    private static final String PARTITION_EXISTS = """
            SELECT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                            WHERE i.inhparent = 'billing_line'::regclass AND c.relname = :name)
            """;

    private static final String UNIQUE_VIOLATION = "23505";

    private final JdbcTemplate template;
    private final NamedParameterJdbcTemplate named;
    private final JdbcClient jdbc;
    private final SqlDialect dialect;

    public StagedLineStore(JdbcTemplate jdbc, SqlDialect dialect) {
        this.template = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.jdbc = JdbcClient.create(named);
        this.dialect = dialect;
    }

    /** Line ids already staged for a file: a restarted partition continues its duplicate check with them. */
    public LineIdSet stagedLineIds(YearMonth period, String file) {
        LineIdSet ids = new LineIdSet();
        jdbc.sql(STAGED_LINE_IDS).param("period", period.toString()).param("file", file).query(rs -> {
            ids.add(rs.getString(1));
        });
        return ids;
    }

    /** Writes a chunk: accepted rows into staged_line, rejects into ingest_reject. */
    public void write(YearMonth period, String file, long generation, List<? extends IngestedRow> rows) {
        List<Object[]> staged = new ArrayList<>();
        List<SqlParameterSource> rejects = new ArrayList<>();
        for (IngestedRow row : rows) {
            if (row.isAccepted()) {
                BillingLine l = row.line();
                staged.add(new Object[] {period.toString(), file, row.rowNo(), generation, l.lineId(), l.relatedLineId(),
                        l.subAccountId(), l.orderId(), l.productCode(), l.category().name(), l.billingMethod().name(),
                        l.chargeType().name(), l.listAmount(), l.payableAmount(), l.paidAmount(), l.currency(),
                        timestamp(l.paymentTime()), timestamp(l.usageStart()), timestamp(l.usageEnd()), l.paid()});
            } else {
                rejects.add(new MapSqlParameterSource().addValue("period", period.toString()).addValue("file", file)
                        .addValue("rowNo", row.rowNo()).addValue("reason", row.reason().name())
                        .addValue("detail", IngestStore.truncate(row.detail())).addValue("raw", row.raw()));
            }
        }
        // COPY on PostgreSQL: staged_line takes every row of every export.
        dialect.bulkInsert("staged_line", STAGED_COLUMNS, staged);
        if (!rejects.isEmpty()) {
            named.batchUpdate(INSERT_REJECT, rejects.toArray(SqlParameterSource[]::new));
        }
    }

    /**
     * Rebuilds the period's billing lines from the staged rows of its ACCEPTED files: for each line
     * id, the row of the latest ingest, and within one ingest the file latest in path order (R2.7).
     * A file holds no line id twice (R2.5), so unless two accepted files share one, every staged row
     * is a billing line: they are copied as they are, and the primary key finds a shared id (no window
     * over the period to look for one). Only then are the rows ranked, after a rollback to before the
     * copy. Either way the table gets the period's lines in line-id order, which priceLines' ranges and
     * the walk read fastest (copies in file order, interleaved by two files copied at once, made the
     * settle job 8 s slower at 1M: docs/performance.md).
     *
     * <p>On PostgreSQL a period without lines yet gets them in a partition of its own, loaded before
     * it has an index and then attached (V48). A period that has its partition already (a re-ingest)
     * is emptied and refilled in place: replacing its partition would need a lock on the whole table
     * that waits for every other period's running reads. Either way the period's statistics are
     * refreshed before the settle job plans on them, and the whole table's once committed if the
     * lines added since they were taken put them out of date.
     */
    public int rebuildBillingLines(YearMonth period) {
        if (dialect.isPostgres() && !hasPartition(period)) {
            int rows = loadNewPartition(period);
            // The partition now, for the checks of this step's transaction; the whole table, which
            // analyses it again, only once committed.
            dialect.analyze(partitionOf(period));
            analyzeWholeTableOnceCommitted();
            return rows;
        }
        jdbc.sql(DELETE_BILLING_LINES).param("period", period.toString()).update();
        int rows = copyAcceptedRows("billing_line", period, null);
        if (dialect.isPostgres()) {
            dialect.analyze(partitionOf(period));
            // A re-ingest that adds lines counts too: a month ingested again every night as it grows.
            analyzeWholeTableOnceCommitted();
        }
        return rows;
    }

    /**
     * Copies the period's accepted rows into {@code table} and runs {@code thenRun} (if given): as
     * they are, unless a line id is shared, then ranked (R2.7).
     */
    private int copyAcceptedRows(String table, YearMonth period, String thenRun) {
        String p = period.toString();
        String columns = String.join(", ", BILLING_LINE_COLUMNS);
        String sourceColumns = BILLING_LINE_COLUMNS.stream().map("s."::concat).collect(Collectors.joining(", "));
        Integer copied = copyUnlessLineIdShared(COPY_ACCEPTED_ROWS.formatted(table, columns, sourceColumns,
                ACCEPTED_ROWS), p, thenRun);
        if (copied != null) {
            return copied;
        }
        int rows = jdbc.sql(COPY_LATEST_ROWS.formatted(table, columns, dialect.ordered("s.file"), ACCEPTED_ROWS))
                .param("period", p).param("status", FileStatus.ACCEPTED.name()).update();
        if (thenRun != null) {
            template.execute(thenRun);
        }
        return rows;
    }

    /**
     * After a period's lines are committed (new or ingested again), the whole table's statistics,
     * which the queries over several periods plan with (year-to-date sums, a group's renewals: up to
     * 45 % slower without them). PostgreSQL 15 gathers them by analysing every partition again
     * (0.4–0.5 s a period of 1M lines), so only when the lines added since put them out of date by
     * autovacuum's threshold and scale factor (the first ten periods of equal size, then about every
     * tenth of the table's growth; docs/decisions.md), and on a connection of its own, a partition a
     * transaction: inside the step's transaction it would hold every partition's lock until the
     * commit, and another period's re-ingest would wait for it. A failure leaves the old statistics
     * and is only logged.
     */
    private void analyzeWholeTableOnceCommitted() {
        Runnable analyze = () -> {
            try {
                dialect.analyzePartitionedCommittedIfStale("billing_line");
            } catch (RuntimeException e) {
                log.warn("ANALYZE billing_line failed; the planner keeps the earlier statistics: {}", e.getMessage());
            }
        };
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            analyze.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                analyze.run();
            }
        });
    }

    /**
     * The period's partition: created with a check of its period (so attaching it scans nothing),
     * filled, then attached, which builds its indexes and finds a shared line id as a unique violation.
     */
    private int loadNewPartition(YearMonth period) {
        String p = period.toString();
        String partition = partitionOf(period);
        template.execute("CREATE TABLE " + partition + " (LIKE billing_line INCLUDING DEFAULTS, CONSTRAINT " + partition
                + "_period CHECK (period = '" + p + "'))");
        return copyAcceptedRows(partition, period,
                "ALTER TABLE billing_line ATTACH PARTITION " + partition + " FOR VALUES IN ('" + p + "')");
    }

    private boolean hasPartition(YearMonth period) {
        return jdbc.sql(PARTITION_EXISTS).param("name", partitionOf(period)).query(Boolean.class).single();
    }

    /**
     * {@code billing_line_2026_10}. Safe inside SQL: a period that fits billing_line.period
     * (VARCHAR(7)) prints as four digits, a dash and two digits.
     */
    private static String partitionOf(YearMonth period) {
        return "billing_line_" + period.toString().replace('-', '_');
    }

    /**
     * Runs the copy, then {@code thenRun} if given, inside a savepoint of the step's transaction
     * (the connection the template is bound to); on a unique violation rolls back to it and returns
     * null, so that nothing of the copy stays.
     */
    private Integer copyUnlessLineIdShared(String insert, String period, String thenRun) {
        Savepoint beforeCopy = template.execute((ConnectionCallback<Savepoint>) Connection::setSavepoint);
        try {
            int rows = jdbc.sql(insert).param("period", period).param("status", FileStatus.ACCEPTED.name()).update();
            if (thenRun != null) {
                template.execute(thenRun);
            }
            template.execute((ConnectionCallback<Void>) connection -> {
                connection.releaseSavepoint(beforeCopy);
                return null;
            });
            return rows;
        } catch (DataAccessException e) {
            if (!(e.getMostSpecificCause() instanceof SQLException sql) || !UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw e;
            }
            template.execute((ConnectionCallback<Void>) connection -> {
                connection.rollback(beforeCopy);
                return null;
            });
            return null;
        }
    }

    /** Times are UTC wall-clock values; passed as LocalDateTime so no JVM zone shifts them. */
    private static LocalDateTime timestamp(LocalDateTime time) {
        return time;
    }
}
