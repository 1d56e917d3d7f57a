package io.resettle.ingest.batch;

import io.resettle.ingest.FileStatus;
import io.resettle.ingest.QuarantineRule;
import io.resettle.money.Money;
import io.resettle.support.SqlDialect;
import io.resettle.support.csv.RejectReason;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The period's export files and their rejects (ingest_file, ingest_reject; R2.6, R2.7), and the
 * reports read from them. The rows a file stages and the billing lines are {@link StagedLineStore}'s.
 */
@Repository
public class IngestStore {

    private static final String FILE = """
            SELECT * FROM ingest_file WHERE period = :period AND file = :file
            """;

    /** %s: the file column in code-point order ({@link SqlDialect#ordered}). */
    private static final String FILES = """
            SELECT * FROM ingest_file WHERE period = :period ORDER BY %s
            """;

    private static final String PENDING_FILES = """
            SELECT * FROM ingest_file WHERE period = :period AND generation = :generation AND status = :status ORDER BY %s
            """;

    private static final String DELETE_STAGED = "DELETE FROM staged_line WHERE period = :period AND file = :file";
    private static final String DELETE_REJECTS = "DELETE FROM ingest_reject WHERE period = :period AND file = :file";
    private static final String DELETE_FILE = "DELETE FROM ingest_file WHERE period = :period AND file = :file";

    private static final String INSERT_FILE = """
            INSERT INTO ingest_file (period, file, sha256, format, encoding, generation, row_count, accepted, rejected,
             status, payable_total, note, basis)
            VALUES (:period, :file, :sha256, :format, :encoding, :generation, :rows, :accepted, :rejected, :status,
             :payableTotal, :note, :basis)
            """;

    private static final String INSERT_FILE_REJECT = """
            INSERT INTO ingest_reject (period, file, row_no, reason, detail, raw) VALUES (:period, :file, 0, :reason, :detail, :raw)
            """;

    /** A chunk's accepted lines, added in the chunk's transaction (exact: payable_total has staged_line's scale). */
    private static final String ADD_STAGED = """
            UPDATE ingest_file SET accepted = accepted + :accepted, payable_total = payable_total + :payable
            WHERE period = :period AND file = :file
            """;

    private static final String ROW_REJECTS = """
            SELECT COUNT(*) FROM ingest_reject WHERE period = :period AND file = :file AND row_no > 0
            """;

    private static final String FILE_REJECTS = """
            SELECT COUNT(*) FROM ingest_reject WHERE period = :period AND file = :file AND row_no = 0
            """;

    private static final String FINISH_REJECTED_WHOLE = """
            UPDATE ingest_file SET row_count = :rows, accepted = 0, rejected = :rows, status = :status, payable_total = 0
            WHERE period = :period AND file = :file
            """;

    /** accepted and payable_total are what the file's chunks added ({@link #addStaged}). */
    private static final String FINISH = """
            UPDATE ingest_file SET row_count = :rows, rejected = :rejected, status = :status
            WHERE period = :period AND file = :file
            """;

    /**
     * %s: the file column in code-point order. A refund naming no original matches no line, so
     * NOT EXISTS takes it too; written without an OR so the planner can probe an index by line id (on
     * PostgreSQL the key, led by it since V49; on H2 billing_line_by_line_id).
     */
    private static final String LARGE_REFUNDS_WITHOUT_ORIGINAL = """
            SELECT b.file, b.row_no, b.line_id, b.sub_account_id, b.payable_amount, b.currency, b.related_line_id
            FROM billing_line b WHERE b.period = :period AND b.charge_type = 'REFUND' AND b.payable_amount <= :atMost
             AND NOT EXISTS (SELECT 1 FROM billing_line o WHERE o.line_id = b.related_line_id)
            ORDER BY %s, b.row_no
            """;

    /** %s: the file column in code-point order. */
    private static final String REJECTS = """
            SELECT file, row_no, reason, detail, raw FROM ingest_reject WHERE period = :period ORDER BY %s, row_no
            """;

    private final JdbcClient jdbc;
    private final SqlDialect dialect;

    public IngestStore(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = JdbcClient.create(jdbc);
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
        return jdbc.sql(FILE).param("period", period.toString()).param("file", file).query(this::fileRecord).list()
                .stream().findFirst();
    }

    public List<FileRecord> files(YearMonth period) {
        return jdbc.sql(FILES.formatted(dialect.ordered("file"))).param("period", period.toString())
                .query(this::fileRecord).list();
    }

    public List<FileRecord> pendingFiles(YearMonth period, long generation) {
        return jdbc.sql(PENDING_FILES.formatted(dialect.ordered("file"))).param("period", period.toString())
                .param("generation", generation).param("status", FileStatus.PENDING.name()).query(this::fileRecord).list();
    }

    private FileRecord fileRecord(ResultSet rs, int i) throws SQLException {
        return new FileRecord(rs.getString("file"), rs.getString("sha256"), rs.getString("format"),
                rs.getString("encoding"), rs.getLong("generation"), rs.getLong("row_count"), rs.getLong("accepted"),
                rs.getLong("rejected"), FileStatus.valueOf(rs.getString("status")), rs.getBigDecimal("payable_total"),
                rs.getString("note"), rs.getString("basis"));
    }

    /** Forgets what an earlier version of the file produced; its new content is ingested afresh. */
    public void resetFile(YearMonth period, String file) {
        for (String delete : List.of(DELETE_STAGED, DELETE_REJECTS, DELETE_FILE)) {
            jdbc.sql(delete).param("period", period.toString()).param("file", file).update();
        }
    }

    public void insertFile(YearMonth period, FileRecord f) {
        jdbc.sql(INSERT_FILE).param("period", period.toString()).param("file", f.file()).param("sha256", f.sha256())
                .param("format", f.format()).param("encoding", f.encoding()).param("generation", f.generation())
                .param("rows", f.rows()).param("accepted", f.accepted()).param("rejected", f.rejected())
                .param("status", f.status().name()).param("payableTotal", f.payableTotal())
                .param("note", truncate(f.note())).param("basis", f.basis()).update();
    }

    public void insertFileReject(YearMonth period, String file, RejectReason reason, String detail, String raw) {
        jdbc.sql(INSERT_FILE_REJECT).param("period", period.toString()).param("file", file).param("reason", reason.name())
                .param("detail", truncate(detail)).param("raw", raw).update();
    }

    /** Adds a chunk's accepted lines to its file's figures (read as the file's own when it is finished). */
    public void addStaged(YearMonth period, String file, long accepted, BigDecimal payable) {
        if (accepted > 0) {
            jdbc.sql(ADD_STAGED).param("accepted", accepted).param("payable", payable).param("period", period.toString())
                    .param("file", file).update();
        }
    }

    /**
     * Decides each file's status once it has been read (R2.6), from the accepted lines its chunks
     * added ({@link #addStaged}) and its rejects. A row-0 reject written while reading (the file's
     * CSV quoting broke) rejects the file whole: none of its rows count, all of them are rejected.
     */
    public void finishFiles(YearMonth period, List<FileRecord> files, BigDecimal maxRejectRatio) {
        for (FileRecord file : files) {
            finishFile(period.toString(), file, maxRejectRatio);
        }
    }

    private void finishFile(String p, FileRecord record, BigDecimal maxRejectRatio) {
        String file = record.file();
        long accepted = record.accepted();
        long rejected = jdbc.sql(ROW_REJECTS).param("period", p).param("file", file).query(Long.class).single();
        boolean rejectedWhole = jdbc.sql(FILE_REJECTS).param("period", p).param("file", file).query(Long.class)
                .single() > 0;
        long rows = accepted + rejected;
        if (rejectedWhole) {
            jdbc.sql(FINISH_REJECTED_WHOLE).param("rows", rows).param("status", FileStatus.REJECTED.name())
                    .param("period", p).param("file", file).update();
            return;
        }
        FileStatus status = QuarantineRule.statusOf(rows, rejected, maxRejectRatio);
        jdbc.sql(FINISH).param("rows", rows).param("rejected", rejected).param("status", status.name())
                .param("period", p).param("file", file).update();
    }

    /** A refund this large without its original is warned of (issue 15; the threshold is ours: docs/decisions.md). */
    public static final BigDecimal LARGE_REFUND = new BigDecimal("10000");

    /** A refund line whose related line id names no billing line of any period (issue 15, warned). */
    public record OrphanRefund(String file, long rowNo, String lineId, String subAccountId, BigDecimal payable,
            String currency, String relatedLineId) {

        /** Issue 15: how the log and the ingest summary say it. */
        public String describe() {
            return file + " row " + rowNo + ": REFUND " + Money.round2(payable).toPlainString() + " "
                    + currency + " of sub-account " + subAccountId + " names no original line ("
                    + (relatedLineId == null ? "no related line id" : relatedLineId + " is not known")
                    + "); check it before settling";
        }
    }

    /** The period's refunds of at least {@code threshold} (as a positive amount) whose original is not known. */
    public List<OrphanRefund> largeRefundsWithoutOriginal(YearMonth period, BigDecimal threshold) {
        return jdbc.sql(LARGE_REFUNDS_WITHOUT_ORIGINAL.formatted(dialect.ordered("b.file")))
                .param("period", period.toString()).param("atMost", threshold.negate())
                .query((rs, i) -> new OrphanRefund(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getString(6), rs.getString(7)))
                .list();
    }

    public record RejectRecord(String file, long rowNo, RejectReason reason, String detail, String raw) {
    }

    /** Streams the period's rejects in (file, row) order. */
    public void forEachReject(YearMonth period, Consumer<RejectRecord> consumer) {
        jdbc.sql(REJECTS.formatted(dialect.ordered("file"))).param("period", period.toString()).query(rs -> {
            consumer.accept(new RejectRecord(rs.getString(1), rs.getLong(2), RejectReason.valueOf(rs.getString(3)),
                    rs.getString(4), rs.getString(5)));
        });
    }

    static String truncate(String detail) {
        return detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 997) + "...";
    }
}
