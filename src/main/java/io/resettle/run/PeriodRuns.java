package io.resettle.run;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The settlement revisions of each period and its closing and reopening (R11). */
@Repository
public class PeriodRuns {

    private final JdbcTemplate jdbc;

    public PeriodRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One settlement revision of a period. */
    public record PeriodRun(YearMonth period, int revision, long jobExecutionId, String status, boolean forced,
            boolean closed) {

        public boolean completed() {
            return status.equals("COMPLETED") || status.equals("COMPLETED_WITH_BREAKS");
        }
    }

    public List<PeriodRun> runs(YearMonth period) {
        return jdbc.query("SELECT * FROM period_run WHERE period = ? ORDER BY revision", (rs, i) -> new PeriodRun(
                YearMonth.parse(rs.getString("period")), rs.getInt("revision"), rs.getLong("job_execution_id"),
                rs.getString("status"), rs.getBoolean("forced"), rs.getBoolean("closed")), period.toString());
    }

    public Optional<PeriodRun> latest(YearMonth period) {
        List<PeriodRun> runs = runs(period);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }

    /** Records a revision when its first execution starts; a restart keeps the original row. */
    public void started(YearMonth period, int revision, long jobExecutionId, boolean forced) {
        Integer existing = jdbc.queryForObject("SELECT COUNT(*) FROM period_run WHERE period = ? AND revision = ?",
                Integer.class, period.toString(), revision);
        if (existing == 0) {
            jdbc.update("INSERT INTO period_run (period, revision, job_execution_id, status, forced, closed, created_at)"
                    + " VALUES (?, ?, ?, 'STARTED', ?, FALSE, ?)", period.toString(), revision, jobExecutionId, forced,
                    LocalDateTime.now(ZoneOffset.UTC));
        } else {
            jdbc.update("UPDATE period_run SET status = 'STARTED' WHERE period = ? AND revision = ?", period.toString(),
                    revision);
        }
    }

    public void finished(YearMonth period, int revision, String status) {
        jdbc.update("UPDATE period_run SET status = ? WHERE period = ? AND revision = ?", status, period.toString(), revision);
    }

    public boolean isClosed(YearMonth period) {
        return lastEvent(period).map("CLOSED"::equals).orElse(false);
    }

    private Optional<String> lastEvent(YearMonth period) {
        return jdbc.query("SELECT event FROM period_event WHERE period = ? ORDER BY event_no DESC",
                (rs, i) -> rs.getString(1), period.toString()).stream().findFirst();
    }

    /** R11.5: records who closed or reopened the period, when and why. */
    public void record(YearMonth period, String event, String user, String reason) {
        Integer next = jdbc.queryForObject("SELECT COALESCE(MAX(event_no), 0) + 1 FROM period_event WHERE period = ?",
                Integer.class, period.toString());
        jdbc.update("INSERT INTO period_event (period, event_no, event, at_time, by_user, reason) VALUES (?, ?, ?, ?, ?, ?)",
                period.toString(), next, event, LocalDateTime.now(ZoneOffset.UTC), user, reason);
        jdbc.update("UPDATE period_run SET closed = ? WHERE period = ?", event.equals("CLOSED"), period.toString());
    }
}
