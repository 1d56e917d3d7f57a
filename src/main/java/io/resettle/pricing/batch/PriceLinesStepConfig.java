package io.resettle.pricing.batch;

import io.resettle.pricing.InvoiceLine;
import io.resettle.remote.Partitioning;
import io.resettle.support.ConsoleProgress;
import io.resettle.support.FaultInjection;
import io.resettle.support.ProcessedAsReadTasklet;
import io.resettle.support.SqlDialect;
import io.resettle.support.StepScopedTargets;
import io.resettle.support.WorkerThreads;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code priceLines} (R4.2–R4.6): partitioned by line id range, a transaction every
 * {@value #CHUNK_SIZE} lines, each priced as it is read ({@link ProcessedAsReadTasklet}); every
 * billing line of the period becomes a CHARGE invoice line. Each partition replaces its own lines of
 * (period, revision), so re-running it after a crash duplicates nothing.
 */
@Configuration(proxyBeanMethods = false)
class PriceLinesStepConfig {

    static final int CHUNK_SIZE = 5000;
    /**
     * Rows of the cursor in memory at a time. A row is a byte array per column (a line and its
     * related line: over thirty), so 5,000 of them on each partition's thread were a large part
     * of what each young collection copied (issue 20); a fetch is one round trip either way.
     */
    static final int FETCH_SIZE = 1000;
    /** More ranges than threads, so a thread that finishes a small range takes the next one. */
    static final int RANGES_PER_CORE = 4;

    /**
     * {@code priceLines} runs one partition per range of line ids, as many at once as there are
     * cores (four ranges per core): pricing a line needs only its group's tier, computed before,
     * so ranges are independent. Ranges of line ids rather than of sub-accounts: they are even
     * whatever the sizes of the sub-accounts, and each reads its part of the table in the table's
     * own order (docs/performance.md). Each partition restarts on its own from its committed chunks.
     */
    @Bean
    Step priceLines(Partitioning partitioning, Partitioner lineIdRangePartitioner, Step priceLinesRange,
            DataSource dataSource, RunPricers runPricers) {
        int cores = Runtime.getRuntime().availableProcessors();
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("price-");
        // A partition holds two connections: its cursor's and its chunk transaction's.
        threads.setConcurrencyLimit(WorkerThreads.forConnections(dataSource, 2));
        // Local threads by default; with --partitions remote, one message per range to the workers (docs/scaling.md).
        Step step = partitioning.partitionStep("priceLines", "priceLinesRange", lineIdRangePartitioner,
                priceLinesRange, cores * RANGES_PER_CORE, threads);
        if (!(step instanceof AbstractStep listening)) {
            throw new IllegalStateException("priceLines is a " + step.getClass().getName()
                    + ", which takes no listener: the run's pricers would never be dropped");
        }
        listening.registerStepExecutionListener(runPricers.releaseWhenStepEnds());
        return step;
    }

    /**
     * Partitions named {@code priceLinesRange:range1…n}; a restart finds the same names and, in their
     * saved contexts, the same bounds.
     */
    @Bean
    @StepScope
    Partitioner lineIdRangePartitioner(PricingStore store, @Value("#{jobParameters['period']}") String period) {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            List<LineIdRange> ranges = store.lineIdRanges(YearMonth.parse(period), gridSize);
            for (int i = 0; i < ranges.size(); i++) {
                ExecutionContext context = new ExecutionContext();
                context.putString(PriceLinesRangeContext.FIRST_LINE_ID, ranges.get(i).first());
                context.putString(PriceLinesRangeContext.LAST_LINE_ID, ranges.get(i).last());
                context.putLong(PriceLinesRangeContext.LINES, ranges.get(i).lines());
                context.putString(PriceLinesRangeContext.LABEL, (i + 1) + "/" + ranges.size());
                partitions.put("range" + (i + 1), context);
            }
            return partitions;
        };
    }

    @Bean
    Step priceLinesRange(Partitioning partitioning, PlatformTransactionManager transactionManager,
            JdbcCursorItemReader<PeriodLine> periodLineReader, LinePricer linePricer,
            InvoiceLineWriter invoiceLineWriter, ConsoleProgress priceLinesProgress) {
        StepScopedTargets.Processor<PeriodLine, InvoiceLine> pricer = StepScopedTargets.processor(linePricer);
        // Only the invoice lines wait for the write, not the billing lines they came from.
        ProcessedAsReadTasklet<PeriodLine, InvoiceLine> tasklet = new ProcessedAsReadTasklet<>(
                StepScopedTargets.reader(periodLineReader), pricer, invoiceLineWriter, CHUNK_SIZE);
        return partitioning.workerStep("priceLinesRange")
                .tasklet(tasklet, transactionManager)
                .stream(tasklet)
                .listener((StepExecutionListener) pricer)
                .listener((StepExecutionListener) invoiceLineWriter)
                .listener((StepExecutionListener) priceLinesProgress)
                .listener((ChunkListener<?, ?>) priceLinesProgress)
                .build();
    }

    /**
     * The partition's billing lines in line id order, through one server-side
     * cursor: {@value #FETCH_SIZE} rows in memory at a time (PostgreSQL streams only with autocommit
     * off). A restart re-opens the cursor and skips the lines already priced.
     */
    @Bean
    @StepScope
    JdbcCursorItemReader<PeriodLine> periodLineReader(DataSource dataSource, SqlDialect dialect,
            @Value("#{jobParameters['period']}") String period,
            @Value("#{stepExecutionContext['" + PriceLinesRangeContext.FIRST_LINE_ID + "']}") String first,
            @Value("#{stepExecutionContext['" + PriceLinesRangeContext.LAST_LINE_ID + "']}") String last) {
        String query = PricingStore.periodLinesQuery(dialect.isPostgres());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("period", period);
        parameters.put("first", first);
        parameters.put("last", last);
        // A cursor reader binds by position: the named query's parameters in their order.
        return new JdbcCursorItemReaderBuilder<PeriodLine>()
                .name("periodLineReader")
                .dataSource(dataSource)
                .sql(NamedParameterUtils.parseSqlStatementIntoString(query))
                .queryArguments(NamedParameterUtils.buildValueArray(query, parameters))
                .connectionAutoCommit(false)
                .fetchSize(FETCH_SIZE)
                .rowMapper((rs, i) -> new PeriodLine(PricingStore.pricedLine(rs, 1),
                        Optional.ofNullable(PricingStore.pricedLine(rs, PricingStore.RELATED_FIRST_COLUMN)),
                        Optional.ofNullable(rs.getBigDecimal(PricingStore.EARLIER_RATE_COLUMN))))
                .build();
    }

    @Bean
    @StepScope
    LinePricer linePricer(RunPricers runPricers, @Value("#{stepExecution.jobExecution}") JobExecution run,
            @Value("#{jobParameters['period']}") String period, @Value("#{jobParameters['revision']}") Long revision) {
        return new LinePricer(runPricers.of(new RunPricers.Run(run.getId(), run.getCreateTime(),
                YearMonth.parse(period), revision.intValue())));
    }

    @Bean
    @StepScope
    InvoiceLineWriter invoiceLineWriter(InvoiceLineStore store, FaultInjection faults,
            @Value("#{jobParameters['period']}") String period, @Value("#{jobParameters['revision']}") Long revision,
            @Value("#{stepExecutionContext['" + PriceLinesRangeContext.FIRST_LINE_ID + "']}") String first,
            @Value("#{stepExecutionContext['" + PriceLinesRangeContext.LAST_LINE_ID + "']}") String last) {
        return new InvoiceLineWriter(store, faults, YearMonth.parse(period), revision.intValue(), first, last);
    }

    @Bean
    @StepScope
    ConsoleProgress priceLinesProgress(@Value("#{jobParameters['period']}") String period,
            @Value("#{stepExecutionContext['" + PriceLinesRangeContext.LABEL + "']}") String range) {
        return new ConsoleProgress("priceLines " + period + " range " + range, 250_000);
    }
}
