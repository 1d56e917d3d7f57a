package io.resettle.rebate.batch;

import io.resettle.billing.BillingLine;
import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.policy.Policy;
import io.resettle.policy.RebateProgram;
import io.resettle.policy.batch.PolicyStore;
import io.resettle.pricing.batch.PricingStore;
import io.resettle.rebate.FiscalYear;
import io.resettle.support.FaultInjection;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code computeRebates} (R7.3): walks the fiscal year's lines in event order (R2.4) through every
 * GRADUATED program ({@link GraduatedWalkWriter}), its running state in the step's
 * ExecutionContext so a restart continues exactly, writing the slices of the period's lines.
 */
@Configuration(proxyBeanMethods = false)
class ComputeRebatesStepConfig {

    /**
     * Lines per transaction ({@link RebateWalkTasklet} walks each as it is read and keeps only its
     * slices): the walk is one thread, and every commit is a pause in it. Lines come
     * in event order, so every chunk of a GROUP-scope walk touches nearly every group: a chunk
     * appends a block per group to the parts' journal and saves every walk. 50,000 rather than
     * 10,000 took computeRebates from 41 to 26 s at 2,000 groups and 1M lines (docs/performance.md).
     */
    static final int CHUNK_SIZE = 50_000;
    /** Rows of the cursor in memory at a time: fewer rows for the young collections to copy beside priceLines. */
    static final int FETCH_SIZE = 1000;
    static final String STEP = "computeRebates";

    /** A billing line with its group, the scope key of GROUP programs (null when no GRADUATED program is one). */
    record ScopedLine(BillingLine line, String groupId) {
    }

    @Bean
    Step computeRebates(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            RebateWalkTasklet rebateWalkTasklet) {
        return new StepBuilder(STEP, jobRepository)
                .tasklet(rebateWalkTasklet, transactionManager)
                .stream(rebateWalkTasklet)
                .build();
    }

    @Bean
    @StepScope
    RebateWalkTasklet rebateWalkTasklet(DataSource dataSource, PolicyStore policies, FaultInjection faults,
            @Value("#{jobParameters['period']}") String periodText, @Value("#{jobParameters['revision']}") Long revision,
            @Value("#{jobParameters['out']}") String out,
            @Value("${resettle.rebates.chunk-size:" + CHUNK_SIZE + "}") int chunkSize) {
        YearMonth period = YearMonth.parse(periodText);
        Policy policy = policies.inForce(period);
        GraduatedWalkWriter walks = new GraduatedWalkWriter(policy, faults, period,
                RebateSliceFile.partsFolder(Path.of(out), periodText, revision.intValue()));
        return new RebateWalkTasklet(fiscalYearLineReader(dataSource, policy, period), walks, chunkSize);
    }

    /**
     * The volume lines of every fiscal year that contains P, in event order (R2.4), through one
     * server-side cursor (PostgreSQL streams only with autocommit off): the database sorts the year
     * once. A paging reader re-sorted the whole year for every page (quadratic: 192 s of a 200k-line
     * settle, docs/performance.md). A restart re-opens the cursor and skips the lines already walked
     * (the read count is saved with the walks after every chunk); the order is total (event time,
     * line id, period), so the skipped lines are the same ones.
     */
    private static JdbcCursorItemReader<ScopedLine> fiscalYearLineReader(DataSource dataSource, Policy policy,
            YearMonth period) {
        YearMonth from = earliestFiscalYearStart(policy, period);
        String sql = FiscalYearVolumes.lines(policy.rebatePrograms().stream()
                .filter(p -> p.mode() == RebateProgram.Mode.GRADUATED).toList());
        return new JdbcCursorItemReaderBuilder<ScopedLine>()
                .name("fiscalYearLineReader")
                .dataSource(dataSource)
                .sql(NamedParameterUtils.parseSqlStatementIntoString(sql))
                .queryArguments(NamedParameterUtils.buildValueArray(sql,
                        Map.of("from", from.toString(), "period", period.toString())))
                .connectionAutoCommit(false)
                .fetchSize(FETCH_SIZE)
                .rowMapper((rs, i) -> new ScopedLine(walkedLine(rs), rs.getString(8)))
                .build();
    }

    /**
     * The columns of a line that the walks and eligibility read (R7.2, R7.3), and no others: the
     * database sorts the fiscal year before the first row comes back, and sorting only these
     * columns takes a third of the time of whole lines (docs/performance.md). The other fields are
     * null; the line goes nowhere but the walks.
     */
    private static BillingLine walkedLine(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new BillingLine(rs.getString(1), null, PricingStore.period(rs.getString(2)), null, null, rs.getString(3),
                Category.valueOf(rs.getString(4)), BillingMethod.valueOf(rs.getString(5)),
                ChargeType.valueOf(rs.getString(6)), null, rs.getBigDecimal(7), null, null, null, null, null, false);
    }

    static YearMonth earliestFiscalYearStart(Policy policy, YearMonth period) {
        return policy.rebatePrograms().stream().map(p -> FiscalYear.of(period, p.fiscalYearStartMonth()).first())
                .min(YearMonth::compareTo).orElse(period);
    }
}
