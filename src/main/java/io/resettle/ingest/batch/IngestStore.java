package io.resettle.ingest.batch;

import io.resettle.billing.BillingLine;
import io.resettle.ingest.FileStatus;
import io.resettle.ingest.IngestedRow;
import io.resettle.support.SqlDialect;
import io.resettle.support.csv.RejectReason;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Export files, staged rows, rejects and the period's billing lines (R2.6, R2.7). */
@Repository
public class IngestStore {

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;

    public IngestStore(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /**
     * A file's row in ingest_file. {@code note}: why an entry was IGNORED or REMOVED; {@code basis}:
     * the fingerprint of the policy and sub-accounts the file was judged on (a change re-evaluates it).
     */
    public record FileRecord(String file, String sha256, String format, String encoding, long generation,
            long rows, long accepted, long rejected, FileStatus status, BigDecimal payableTotal, String note,
            String basis) {
    }

    public Optional<FileRecord> file(YearMonth period, String file) {
        return jdbc.query("SELECT * FROM ingest_file WHERE period = ? AND file = ?", this::fileRecord,
                period.toString(), file).stream().findFirst();
    }

    public List<FileRecord> files(YearMonth period) {
        return jdbc.query("SELECT * FROM ingest_file WHERE period = ? ORDER BY " + dialect.ordered("file"), this::fileRecord, period.toString());
    }

    public List<FileRecord> pendingFiles(YearMonth period, long generation) {
        return jdbc.query("SELECT * FROM ingest_file WHERE period = ? AND generation = ? AND status = ? ORDER BY "
                + dialect.ordered("file"),
                this::fileRecord, period.toString(), generation, FileStatus.PENDING.name());
    }

    private FileRecord fileRecord(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new FileRecord(rs.getString("file"), rs.getString("sha256"), rs.getString("format"),
                rs.getString("encoding"), rs.getLong("generation"), rs.getLong("row_count"), rs.getLong("accepted"),
                rs.getLong("rejected"), FileStatus.valueOf(rs.getString("status")), rs.getBigDecimal("payable_total"),
                rs.getString("note"), rs.getString("basis"));
    }

    /** Forgets what an earlier version of the file produced; its new content is ingested afresh. */
    public void resetFile(YearMonth period, String file) {
        jdbc.update("DELETE FROM staged_line WHERE period = ? AND file = ?", period.toString(), file);
        jdbc.update("DELETE FROM ingest_reject WHERE period = ? AND file = ?", period.toString(), file);
        jdbc.update("DELETE FROM ingest_file WHERE period = ? AND file = ?", period.toString(), file);
    }

    public void insertFile(YearMonth period, FileRecord f) {
        jdbc.update("INSERT INTO ingest_file (period, file, sha256, format, encoding, generation, row_count, accepted,"
                        + " rejected, status, payable_total, note, basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                period.toString(), f.file(), f.sha256(), f.format(), f.encoding(), f.generation(), f.rows(), f.accepted(),
                f.rejected(), f.status().name(), f.payableTotal(), truncate(f.note()), f.basis());
    }

    public void insertFileReject(YearMonth period, String file, RejectReason reason, String detail, String raw) {
        jdbc.update("INSERT INTO ingest_reject (period, file, row_no, reason, detail, raw) VALUES (?, ?, 0, ?, ?, ?)",
                period.toString(), file, reason.name(), truncate(detail), raw);
    }

    /** Line ids already staged for a file: a restarted partition continues its duplicate check with them. */
    public Set<String> stagedLineIds(YearMonth period, String file) {
        Set<String> ids = new HashSet<>();
        jdbc.query("SELECT line_id FROM staged_line WHERE period = ? AND file = ?",
                rs -> {
                    ids.add(rs.getString(1));
                }, period.toString(), file);
        return ids;
    }

    private static final List<String> STAGED_COLUMNS = List.of("period", "file", "row_no", "generation", "line_id",
            "related_line_id", "sub_account_id", "order_id", "product_code", "category", "billing_method", "charge_type",
            "list_amount", "payable_amount", "paid_amount", "currency", "payment_time", "usage_start", "usage_end", "paid");

    /** Writes a chunk: accepted rows into staged_line, rejects into ingest_reject. */
    public void write(YearMonth period, String file, long generation, List<? extends IngestedRow> rows) {
        List<Object[]> staged = new ArrayList<>();
        List<Object[]> rejects = new ArrayList<>();
        for (IngestedRow row : rows) {
            if (row.isAccepted()) {
                BillingLine l = row.line();
                staged.add(new Object[] {period.toString(), file, row.rowNo(), generation, l.lineId(), l.relatedLineId(),
                        l.subAccountId(), l.orderId(), l.productCode(), l.category().name(), l.billingMethod().name(),
                        l.chargeType().name(), l.listAmount(), l.payableAmount(), l.paidAmount(), l.currency(),
                        timestamp(l.paymentTime()), timestamp(l.usageStart()), timestamp(l.usageEnd()), l.paid()});
            } else {
                rejects.add(new Object[] {period.toString(), file, row.rowNo(), row.reason().name(), truncate(row.detail()),
                        row.raw()});
            }
        }
        dialect.bulkInsert("staged_line", STAGED_COLUMNS, staged);
        if (!rejects.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO ingest_reject (period, file, row_no, reason, detail, raw)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", rejects);
        }
    }

    /**
     * Counts a file's rows once it has been read and decides its status (R2.6). A row-0 reject
     * written while reading (the file's CSV quoting broke) rejects the file whole: none of its rows
     * count, all of them are rejected.
     */
    public void finishFile(YearMonth period, String file, BigDecimal maxRejectRatio) {
        String p = period.toString();
        // One pass over the file's staged rows for both figures.
        record Staged(long accepted, BigDecimal payable) {
        }
        Staged staged = jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(payable_amount), 0) FROM staged_line"
                + " WHERE period = ? AND file = ?", (rs, i) -> new Staged(rs.getLong(1), rs.getBigDecimal(2)), p, file);
        long accepted = staged.accepted();
        BigDecimal payable = staged.payable();
        long rejected = jdbc.queryForObject("SELECT COUNT(*) FROM ingest_reject WHERE period = ? AND file = ? AND row_no > 0",
                Long.class, p, file);
        boolean rejectedWhole = jdbc.queryForObject("SELECT COUNT(*) FROM ingest_reject WHERE period = ? AND file = ?"
                + " AND row_no = 0", Long.class, p, file) > 0;
        long rows = accepted + rejected;
        if (rejectedWhole) {
            jdbc.update("UPDATE ingest_file SET row_count = ?, accepted = 0, rejected = ?, status = ?, payable_total = 0"
                    + " WHERE period = ? AND file = ?", rows, rows, FileStatus.REJECTED.name(), p, file);
            return;
        }
        FileStatus status = io.resettle.ingest.QuarantineRule.statusOf(rows, rejected, maxRejectRatio);
        jdbc.update("UPDATE ingest_file SET row_count = ?, accepted = ?, rejected = ?, status = ?, payable_total = ?"
                + " WHERE period = ? AND file = ?", rows, accepted, rejected, status.name(), payable, p, file);
    }

    /**
     * The fingerprint of what judging a row depends on besides the file: the policy in force for the
     * period (its SHA-256) and {@code accounts} (each sub-account as ingestion sees it). A file judged
     * on another basis is evaluated again (R2.7: a changed policy or master data re-evaluates it).
     */
    public String evaluationBasis(YearMonth period, java.util.Map<String, ?> accounts) {
        List<String> policy = jdbc.queryForList("SELECT effective_from || ':' || sha256 FROM policy_file"
                + " WHERE effective_from = (SELECT MAX(effective_from) FROM policy_file WHERE effective_from <= ?)",
                String.class, period.toString());
        StringBuilder text = new StringBuilder(String.join(",", policy));
        new java.util.TreeMap<>(accounts).values().forEach(a -> text.append('\n').append(a));
        return io.resettle.support.Hashing.sha256(text.toString());
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
     */
    public int rebuildBillingLines(YearMonth period) {
        String p = period.toString();
        jdbc.update("DELETE FROM billing_line WHERE period = ?", p);
        String columns = String.join(", ", BILLING_LINE_COLUMNS);
        String acceptedRows = " FROM staged_line s JOIN ingest_file f ON f.period = s.period AND f.file = s.file"
                + " WHERE s.period = ? AND f.status = ?";
        Integer copied = copyUnlessLineIdShared("INSERT INTO billing_line (" + columns + ") SELECT "
                + BILLING_LINE_COLUMNS.stream().map("s."::concat).collect(Collectors.joining(", ")) + acceptedRows
                // The primary key's order (so not dialect.ordered, which is for the bytes of output files).
                + " ORDER BY s.line_id",
                p, FileStatus.ACCEPTED.name());
        if (copied != null) {
            return copied;
        }
        return jdbc.update("INSERT INTO billing_line (" + columns + ") SELECT " + columns + " FROM ("
                + " SELECT s.*, ROW_NUMBER() OVER (PARTITION BY s.line_id ORDER BY s.generation DESC, "
                + dialect.ordered("s.file") + " DESC) AS rn" + acceptedRows + ") ranked WHERE rn = 1",
                p, FileStatus.ACCEPTED.name());
    }

    /**
     * Runs the copy inside a savepoint of the step's transaction; on a unique violation rolls back to
     * it and returns null, so that nothing of the copy stays.
     */
    private Integer copyUnlessLineIdShared(String insert, String period, String status) {
        return jdbc.execute((ConnectionCallback<Integer>) connection -> {
            Savepoint beforeCopy = connection.setSavepoint();
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                statement.setString(1, period);
                statement.setString(2, status);
                int rows = statement.executeUpdate();
                connection.releaseSavepoint(beforeCopy);
                return rows;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(beforeCopy);
                return null;
            }
        });
    }

    private static final String UNIQUE_VIOLATION = "23505";

    private static final List<String> BILLING_LINE_COLUMNS = List.of("period", "line_id", "related_line_id",
            "sub_account_id", "order_id", "product_code", "category", "billing_method", "charge_type", "list_amount",
            "payable_amount", "paid_amount", "currency", "payment_time", "usage_start", "usage_end", "paid", "file",
            "row_no");


    /** A refund line whose related line id names no billing line of any period (issue 15, warned). */
    /** A refund this large without its original is warned of (issue 15; the threshold is ours: docs/decisions.md). */
    public static final BigDecimal LARGE_REFUND = new BigDecimal("10000");

    public record OrphanRefund(String file, long rowNo, String lineId, String subAccountId, BigDecimal payable,
            String currency, String relatedLineId) {

        /** Issue 15: how the log and the ingest summary say it. */
        public String describe() {
            return file + " row " + rowNo + ": REFUND " + io.resettle.money.Money.round2(payable).toPlainString() + " "
                    + currency + " of sub-account " + subAccountId + " names no original line ("
                    + (relatedLineId == null ? "no related line id" : relatedLineId + " is not known")
                    + "); check it before settling";
        }
    }

    /** The period's refunds of at least {@code threshold} (as a positive amount) whose original is not known. */
    public List<OrphanRefund> largeRefundsWithoutOriginal(YearMonth period, BigDecimal threshold) {
        return jdbc.query("SELECT b.file, b.row_no, b.line_id, b.sub_account_id, b.payable_amount, b.currency,"
                + " b.related_line_id FROM billing_line b WHERE b.period = ? AND b.charge_type = 'REFUND'"
                + " AND b.payable_amount <= ? AND (b.related_line_id IS NULL OR NOT EXISTS (SELECT 1 FROM billing_line o"
                + " WHERE o.line_id = b.related_line_id)) ORDER BY " + dialect.ordered("b.file") + ", b.row_no",
                (rs, i) -> new OrphanRefund(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getString(6), rs.getString(7)),
                period.toString(), threshold.negate());
    }

    public record RejectRecord(String file, long rowNo, RejectReason reason, String detail, String raw) {
    }

    /** Streams the period's rejects in (file, row) order. */
    public void forEachReject(YearMonth period, java.util.function.Consumer<RejectRecord> consumer) {
        jdbc.query("SELECT file, row_no, reason, detail, raw FROM ingest_reject WHERE period = ? ORDER BY "
                + dialect.ordered("file") + ", row_no",
                rs -> {
                    consumer.accept(new RejectRecord(rs.getString(1), rs.getLong(2), RejectReason.valueOf(rs.getString(3)),
                            rs.getString(4), rs.getString(5)));
                }, period.toString());
    }

    /** Times are UTC wall-clock values; passed as LocalDateTime so no JVM zone shifts them. */
    private static LocalDateTime timestamp(LocalDateTime time) {
        return time;
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 997) + "...";
    }
}
