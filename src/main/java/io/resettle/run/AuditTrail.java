package io.resettle.run;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Appends to the append-only {@code audit_log} (V20): who did what, with which parameters, and what
 * came of it. The dashboard, the scheduler and the command line all write through here.
 */
@Repository
public class AuditTrail {

    private static final String APPEND = """
            INSERT INTO audit_log (at, username, action, parameters, outcome, result)
            VALUES (:at, :user, :action, :parameters, :outcome, :result)
            """;

    private final JdbcClient jdbc;

    public AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
    }

    /** {@code outcome}: OK, REFUSED, FAILED or SKIPPED. */
    public void append(String user, String action, String parameters, String outcome, String result) {
        jdbc.sql(APPEND).param("at", LocalDateTime.now(ZoneOffset.UTC)).param("user", cut(user, 100))
                .param("action", action).param("parameters", cut(parameters, 1000)).param("outcome", outcome)
                .param("result", cut(result, 2000)).update();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
