package io.resettle.web;

import io.resettle.pricing.batch.PriceLinesRangeContext;
import java.util.OptionalLong;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The settle job's {@code priceLines} step reads every billing line of the period, each of its
 * partitions ({@code priceLinesRange:range…}) the lines of its sub-account range: that is their volume.
 */
@Component
class SettleExpectedItems implements ExpectedItems {

    private static final String BILLING_LINES = """
            SELECT COUNT(*) FROM billing_line WHERE period = :period
            """;

    private final JdbcClient jdbc;

    SettleExpectedItems(JdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
    }

    @Override
    public OptionalLong expected(StepExecution step) {
        String period = step.getJobExecution().getJobParameters().getString("period");
        if (period == null) {
            return OptionalLong.empty();
        }
        if (step.getStepName().startsWith("priceLinesRange:")
                && step.getExecutionContext().containsKey(PriceLinesRangeContext.LINES)) {
            return OptionalLong.of(step.getExecutionContext().getLong(PriceLinesRangeContext.LINES));
        }
        if (!step.getStepName().equals("priceLines")) {
            return OptionalLong.empty();
        }
        Long lines = jdbc.sql(BILLING_LINES).param("period", period).query(Long.class).single();
        return lines == null || lines <= 0 ? OptionalLong.empty() : OptionalLong.of(lines);
    }
}
