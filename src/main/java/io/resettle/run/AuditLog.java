package io.resettle.run;

import java.time.LocalDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The append-only record of every action (issue 5): this class only inserts and reads; nothing
 * in the application updates or deletes a row, and on PostgreSQL a trigger refuses it.
 */
@Repository
public class AuditLog {

    /** How an action ended. */
    public enum Outcome { OK, REFUSED, FAILED, SKIPPED }

    public record Entry(long id, LocalDateTime at, String user, String action, String parameters, Outcome outcome,
            String result) {
    }

    private static final String RECENT = """
            SELECT id, at, username, action, parameters, outcome, result FROM audit_log ORDER BY id DESC
            FETCH FIRST :limit ROWS ONLY
            """;

    private final JdbcClient jdbc;
    private final AuditTrail trail;

    public AuditLog(JdbcTemplate jdbc, AuditTrail trail) {
        this.jdbc = JdbcClient.create(jdbc);
        this.trail = trail;
    }

    /** The writing is run's {@link AuditTrail}, shared with the command line. */
    public void append(String user, String action, String parameters, Outcome outcome, String result) {
        trail.append(user, action, parameters, outcome.name(), result);
    }

    public List<Entry> recent(int limit) {
        return jdbc.sql(RECENT).param("limit", limit).query((rs, i) -> new Entry(rs.getLong(1),
                rs.getTimestamp(2).toLocalDateTime(), rs.getString(3), rs.getString(4), rs.getString(5),
                Outcome.valueOf(rs.getString(6)), rs.getString(7))).list();
    }
}
