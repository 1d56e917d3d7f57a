package io.resettle.web;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Job executions as the Runs page lists them, read with plain SQL over the BATCH_* tables. */
@Repository
class Runs {

    /** One job execution with its period, revision and the item counts of its top-level steps. */
    record Run(long id, String job, String period, String revision, String status, String exitCode,
            LocalDateTime start, LocalDateTime end, long read, long written, long skipped) {

        public Duration duration() {
            if (start == null) {
                return null;
            }
            return Duration.between(start, end != null ? end : LocalDateTime.now(ZoneOffset.UTC));
        }

        public boolean running() {
            return "STARTING".equals(status) || "STARTED".equals(status) || "STOPPING".equals(status);
        }
    }

    /** Counts summed over top-level steps only: a partition manager step already aggregates its workers ("name:partition"). */
    private static final String SELECT = """
            SELECT * FROM (
              SELECT e.JOB_EXECUTION_ID AS id, i.JOB_NAME AS job, e.STATUS AS status, e.EXIT_CODE AS exit_code,
                     e.START_TIME AS start_time, e.END_TIME AS end_time,
                     (SELECT MAX(p.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION_PARAMS p
                       WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'period') AS period,
                     (SELECT MAX(p.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION_PARAMS p
                       WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'revision') AS revision,
                     (SELECT COALESCE(SUM(s.READ_COUNT), 0) FROM BATCH_STEP_EXECUTION s
                       WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND s.STEP_NAME NOT LIKE '%:%') AS read_count,
                     (SELECT COALESCE(SUM(s.WRITE_COUNT), 0) FROM BATCH_STEP_EXECUTION s
                       WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND s.STEP_NAME NOT LIKE '%:%') AS write_count,
                     (SELECT COALESCE(SUM(s.READ_SKIP_COUNT + s.PROCESS_SKIP_COUNT + s.WRITE_SKIP_COUNT), 0)
                       FROM BATCH_STEP_EXECUTION s
                       WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND s.STEP_NAME NOT LIKE '%:%') AS skip_count
              FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
            ) r
            """;

    private final JdbcTemplate jdbc;

    Runs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first; a blank filter matches everything. */
    List<Run> find(String job, String period, String status, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (job != null && !job.isBlank()) {
            sql.append(" AND r.job = ?");
            args.add(job);
        }
        if (period != null && !period.isBlank()) {
            sql.append(" AND r.period = ?");
            args.add(period);
        }
        if (status != null && !status.isBlank()) {
            sql.append(" AND r.status = ?");
            args.add(status);
        }
        sql.append(" ORDER BY r.id DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), (rs, i) -> new Run(rs.getLong("id"), rs.getString("job"),
                rs.getString("period"), rs.getString("revision"), rs.getString("status"), rs.getString("exit_code"),
                time(rs.getTimestamp("start_time")), time(rs.getTimestamp("end_time")), rs.getLong("read_count"),
                rs.getLong("write_count"), rs.getLong("skip_count")), args.toArray());
    }

    List<String> jobNames() {
        return jdbc.queryForList("SELECT DISTINCT JOB_NAME FROM BATCH_JOB_INSTANCE ORDER BY JOB_NAME", String.class);
    }

    /** Every period a run or an ingested file mentions, newest first. */
    List<String> periods() {
        return jdbc.queryForList("SELECT DISTINCT period FROM (SELECT PARAMETER_VALUE AS period FROM BATCH_JOB_EXECUTION_PARAMS"
                + " WHERE PARAMETER_NAME = 'period' UNION SELECT period FROM ingest_file) p ORDER BY period DESC", String.class);
    }

    private static LocalDateTime time(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime();
    }
}
