package io.resettle.run;

import io.resettle.support.RunStatus;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The settlement revisions of each period and its closing and reopening (R11). */
@Repository
public class PeriodRuns {

    private static final String RUNS = """
            SELECT * FROM period_run WHERE period = :period ORDER BY revision
            """;
    private static final String COUNT_REVISION = """
            SELECT COUNT(*) FROM period_run WHERE period = :period AND revision = :revision
            """;
    private static final String INSERT_REVISION = """
            INSERT INTO period_run (period, revision, job_execution_id, status, forced, closed, created_at)
            VALUES (:period, :revision, :jobExecutionId, 'STARTED', :forced, FALSE, :createdAt)
            """;
    private static final String RESTARTED = """
            UPDATE period_run SET status = 'STARTED' WHERE period = :period AND revision = :revision
            """;
    private static final String FINISHED = """
            UPDATE period_run SET status = :status WHERE period = :period AND revision = :revision
            """;
    private static final String EVENTS_NEWEST_FIRST = """
            SELECT event FROM period_event WHERE period = :period ORDER BY event_no DESC
            """;
    private static final String NEXT_EVENT_NO = """
            SELECT COALESCE(MAX(event_no), 0) + 1 FROM period_event WHERE period = :period
            """;
    private static final String INSERT_EVENT = """
            INSERT INTO period_event (period, event_no, event, at_time, by_user, reason)
            VALUES (:period, :eventNo, :event, :at, :user, :reason)
            """;
    private static final String SET_CLOSED = """
            UPDATE period_run SET closed = :closed WHERE period = :period
            """;

    private final JdbcClient jdbc;

    public PeriodRuns(JdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
    }

    /** One settlement revision of a period. */
    public record PeriodRun(YearMonth period, int revision, long jobExecutionId, String status, boolean forced,
            boolean closed) {

        public boolean completed() {
            return status.equals(RunStatus.COMPLETED) || status.equals(RunStatus.COMPLETED_WITH_BREAKS);
        }
    }

    public List<PeriodRun> runs(YearMonth period) {
        return jdbc.sql(RUNS).param("period", period.toString()).query((rs, i) -> new PeriodRun(
                YearMonth.parse(rs.getString("period")), rs.getInt("revision"), rs.getLong("job_execution_id"),
                rs.getString("status"), rs.getBoolean("forced"), rs.getBoolean("closed"))).list();
    }

    public Optional<PeriodRun> latest(YearMonth period) {
        List<PeriodRun> runs = runs(period);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }

    /** Records a revision when its first execution starts; a restart keeps the original row. */
    public void started(YearMonth period, int revision, long jobExecutionId, boolean forced) {
        Integer existing = jdbc.sql(COUNT_REVISION).param("period", period.toString()).param("revision", revision)
                .query(Integer.class).single();
        if (existing == 0) {
            jdbc.sql(INSERT_REVISION).param("period", period.toString()).param("revision", revision)
                    .param("jobExecutionId", jobExecutionId).param("forced", forced)
                    .param("createdAt", LocalDateTime.now(ZoneOffset.UTC)).update();
        } else {
            jdbc.sql(RESTARTED).param("period", period.toString()).param("revision", revision).update();
        }
    }

    public void finished(YearMonth period, int revision, String status) {
        jdbc.sql(FINISHED).param("status", status).param("period", period.toString()).param("revision", revision).update();
    }

    public boolean isClosed(YearMonth period) {
        return lastEvent(period).map("CLOSED"::equals).orElse(false);
    }

    private Optional<String> lastEvent(YearMonth period) {
        return jdbc.sql(EVENTS_NEWEST_FIRST).param("period", period.toString()).query(String.class).list().stream()
                .findFirst();
    }

    /** R11.5: records who closed or reopened the period, when and why. */
    public void record(YearMonth period, String event, String user, String reason) {
        Integer next = jdbc.sql(NEXT_EVENT_NO).param("period", period.toString()).query(Integer.class).single();
        jdbc.sql(INSERT_EVENT).param("period", period.toString()).param("eventNo", next).param("event", event)
                .param("at", LocalDateTime.now(ZoneOffset.UTC)).param("user", user).param("reason", reason).update();
        jdbc.sql(SET_CLOSED).param("closed", event.equals("CLOSED")).param("period", period.toString()).update();
    }
}
