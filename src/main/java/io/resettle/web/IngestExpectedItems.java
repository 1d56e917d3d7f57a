package io.resettle.web;

import java.util.OptionalLong;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** An ingest partition expects its file's row count, once ingest_file knows it (0 while the file is PENDING). */
@Component
class IngestExpectedItems implements ExpectedItems {

    private static final String ROW_COUNT = """
            SELECT row_count FROM ingest_file WHERE period = :period AND file = :file
            """;

    private final JdbcClient jdbc;

    IngestExpectedItems(JdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
    }

    @Override
    public OptionalLong expected(StepExecution step) {
        String file = step.getExecutionContext().containsKey("file") ? step.getExecutionContext().getString("file") : null;
        String period = step.getJobExecution().getJobParameters().getString("period");
        if (file == null || period == null || !step.getStepName().startsWith("ingestExportFile:")) {
            return OptionalLong.empty();
        }
        Long rows = jdbc.sql(ROW_COUNT).param("period", period).param("file", file)
                .query((ResultSetExtractor<Long>) rs -> rs.next() ? rs.getLong(1) : null);
        return rows == null || rows <= 0 ? OptionalLong.empty() : OptionalLong.of(rows);
    }
}
