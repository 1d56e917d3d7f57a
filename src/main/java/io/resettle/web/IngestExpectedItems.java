package io.resettle.web;

import java.util.OptionalLong;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** An ingest partition expects its file's row count, once ingest_file knows it (0 while the file is PENDING). */
@Component
class IngestExpectedItems implements ExpectedItems {

    private final JdbcTemplate jdbc;

    IngestExpectedItems(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OptionalLong expected(StepExecution step) {
        String file = step.getExecutionContext().containsKey("file") ? step.getExecutionContext().getString("file") : null;
        String period = step.getJobExecution().getJobParameters().getString("period");
        if (file == null || period == null || !step.getStepName().startsWith("ingestExportFile:")) {
            return OptionalLong.empty();
        }
        Long rows = jdbc.query("SELECT row_count FROM ingest_file WHERE period = ? AND file = ?",
                rs -> rs.next() ? rs.getLong(1) : null, period, file);
        return rows == null || rows <= 0 ? OptionalLong.empty() : OptionalLong.of(rows);
    }
}
