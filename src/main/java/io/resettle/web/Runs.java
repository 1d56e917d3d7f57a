package io.resettle.web;

import io.resettle.run.RunLiveness;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Job executions as the Runs page lists them, read with plain SQL over the BATCH_* tables. */
@Repository
class Runs {

    /** One job execution with its period, revision and the item counts of its top-level steps. */
    record Run(long id, String job, String period, String revision, String status, String exitCode,
            LocalDateTime start, LocalDateTime end, long read, long written, long skipped, LocalDateTime lastUpdated,
            Long restartedAs, Long restartOf, Boolean alive) {

        Run withAlive(boolean isAlive) {
            return new Run(id, job, period, revision, status, exitCode, start, end, read, written, skipped, lastUpdated,
                    restartedAs, restartOf, isAlive);
        }

        /** The status a badge shows: a completed settle with breaks shows COMPLETED_WITH_BREAKS, not a green COMPLETED. */
        public String displayStatus() {
            return ExitMessages.displayStatus(status, exitCode);
        }

        /** A run left STARTED by a process that died: no process is running it any more. */
        public boolean dead() {
            return running() && Boolean.FALSE.equals(alive);
        }

        /** How long ago the job repository last heard of it. */
        public Duration sinceUpdate() {
            return lastUpdated == null ? null : Duration.between(lastUpdated, LocalDateTime.now());
        }

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
                       WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND s.STEP_NAME NOT LIKE '%:%') AS skip_count,
                     COALESCE((SELECT MAX(s.LAST_UPDATED) FROM BATCH_STEP_EXECUTION s
                       WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND s.LAST_UPDATED > e.LAST_UPDATED), e.LAST_UPDATED)
                       AS last_updated,
                     (SELECT MIN(n.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION n WHERE n.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                       AND n.JOB_EXECUTION_ID > e.JOB_EXECUTION_ID) AS restarted_as,
                     (SELECT MAX(n.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION n WHERE n.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                       AND n.JOB_EXECUTION_ID < e.JOB_EXECUTION_ID) AS restart_of
              FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
            ) r
            """;

    private static final String JOB_NAMES = """
            SELECT DISTINCT JOB_NAME FROM BATCH_JOB_INSTANCE ORDER BY JOB_NAME
            """;
    private static final String PERIODS = """
            SELECT DISTINCT period FROM (SELECT PARAMETER_VALUE AS period FROM BATCH_JOB_EXECUTION_PARAMS
                                          WHERE PARAMETER_NAME = 'period' UNION SELECT period FROM ingest_file) p
             ORDER BY period DESC
            """;

    private final JdbcClient jdbc;
    private final JobRepository jobRepository;
    private final RunLiveness liveness;

    Runs(JdbcTemplate jdbc, JobRepository jobRepository, RunLiveness liveness) {
        this.jdbc = JdbcClient.create(jdbc);
        this.jobRepository = jobRepository;
        this.liveness = liveness;
    }

    /** Newest first; a blank filter matches everything. */
    List<Run> find(String job, String period, String status, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        Map<String, Object> filters = new LinkedHashMap<>();
        filter(sql, filters, "job", job);
        filter(sql, filters, "period", period);
        filter(sql, filters, "status", status);
        sql.append(" ORDER BY r.id DESC FETCH FIRST :limit ROWS ONLY");
        List<Run> found = jdbc.sql(sql.toString()).params(filters).param("limit", limit).query((rs, i) -> new Run(rs.getLong("id"), rs.getString("job"),
                rs.getString("period"), rs.getString("revision"), rs.getString("status"), rs.getString("exit_code"),
                time(rs.getTimestamp("start_time")), time(rs.getTimestamp("end_time")), rs.getLong("read_count"),
                rs.getLong("write_count"), rs.getLong("skip_count"), time(rs.getTimestamp("last_updated")),
                (Long) rs.getObject("restarted_as", Long.class), (Long) rs.getObject("restart_of", Long.class), null))
                .list();
        // Only the few runs still marked running are asked whether a process still runs them.
        return found.stream().map(r -> r.running() ? r.withAlive(alive(r.id())) : r).toList();
    }

    /** {@code AND r.<column> = :<column>} when the filter is not blank. */
    private static void filter(StringBuilder sql, Map<String, Object> filters, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" AND r.").append(column).append(" = :").append(column);
            filters.put(column, value);
        }
    }

    private boolean alive(long executionId) {
        JobExecution execution = jobRepository.getJobExecution(executionId);
        return execution != null && liveness.isAlive(execution);
    }

    List<String> jobNames() {
        return jdbc.sql(JOB_NAMES).query(String.class).list();
    }

    /** Every period a run or an ingested file mentions, newest first. */
    List<String> periods() {
        return jdbc.sql(PERIODS).query(String.class).list();
    }

    private static LocalDateTime time(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime();
    }
}
