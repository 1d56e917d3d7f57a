package io.resettle.pricing.batch;

import io.resettle.billing.BillingLine;
import io.resettle.masterdata.Agreement;
import io.resettle.money.Money;
import io.resettle.policy.Policy;
import io.resettle.policy.batch.PolicyStore;
import io.resettle.pricing.CommitmentSettlement;
import io.resettle.pricing.DiscountPricer;
import io.resettle.pricing.InvoiceLine;
import io.resettle.pricing.InvoiceLineKind;
import io.resettle.remote.Partitioning;
import io.resettle.support.ConsoleProgress;
import io.resettle.support.FaultInjection;
import io.resettle.support.SqlDialect;
import io.resettle.support.WorkerThreads;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The pricing steps of the settle job: {@code computeGroupVolumes} (R4.1, tier per group),
 * {@code priceLines} (partitioned by line id range, chunk-oriented: every billing line of the
 * period becomes a CHARGE invoice line, R4.2–R4.6) and {@code settleCommitments} (R5.2–R5.3 at an
 * agreement's closing period).
 * Each replaces its own rows of (period, revision), so re-running it after a crash duplicates nothing.
 */
@Configuration(proxyBeanMethods = false)
class PricingStepsConfig {

    static final int CHUNK_SIZE = 5000;
    /** More ranges than threads, so a thread that finishes a small range takes the next one. */
    static final int RANGES_PER_CORE = 4;

    @Bean
    Step computeGroupVolumes(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet computeGroupVolumesTasklet) {
        return new StepBuilder("computeGroupVolumes", jobRepository)
                .tasklet(computeGroupVolumesTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    Tasklet computeGroupVolumesTasklet(PricingStore store, PolicyStore policies,
            @Value("#{jobParameters['period']}") String periodText, @Value("#{jobParameters['revision']}") Long revision) {
        return (contribution, chunkContext) -> {
            YearMonth period = YearMonth.parse(periodText);
            Policy policy = policies.inForce(period);
            Map<String, BigDecimal> volumes = store.groupVolumes(period);
            Map<String, List<Agreement>> agreements = Agreement.byGroup(store.agreements());
            List<Object[]> rows = new ArrayList<>();
            for (PricingStore.GroupRow group : store.groupsOf(period)) {
                BigDecimal volume = volumes.getOrDefault(group.groupId(), BigDecimal.ZERO);
                DiscountPricer pricer = DiscountPricer.forGroup(group.groupId(), period, volume,
                        Agreement.inForceFor(agreements.getOrDefault(group.groupId(), List.of()), group.groupId(), period),
                        policy.discountTables());
                rows.add(new Object[] {period.toString(), revision.intValue(), group.groupId(), volume,
                        pricer.tierFrom().orElse(null), pricer.agreement().map(Agreement::agreementId).orElse(null),
                        group.creditLimit()});
            }
            store.replaceGroupVolumes(period, revision.intValue(), rows);
            contribution.incrementWriteCount(rows.size());
            return RepeatStatus.FINISHED;
        };
    }

    /**
     * {@code priceLines} runs one partition per range of line ids, as many at once as there are
     * cores (four ranges per core): pricing a line needs only its group's tier, computed before,
     * so ranges are independent. Ranges of line ids rather than of sub-accounts: they are even
     * whatever the sizes of the sub-accounts, and each reads its part of the table in the table's
     * own order (docs/performance.md). Each partition restarts on its own from its committed chunks.
     */
    @Bean
    Step priceLines(Partitioning partitioning, Partitioner lineIdRangePartitioner, Step priceLinesRange,
            DataSource dataSource) {
        int cores = Runtime.getRuntime().availableProcessors();
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("price-");
        // A partition holds two connections: its cursor's and its chunk transaction's.
        threads.setConcurrencyLimit(WorkerThreads.forConnections(dataSource, 2));
        // Local threads by default; with --partitions remote, one message per range to the workers (docs/scaling.md).
        return partitioning.partitionStep("priceLines", "priceLinesRange", lineIdRangePartitioner, priceLinesRange,
                cores * RANGES_PER_CORE, threads);
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
        return partitioning.workerStep("priceLinesRange")
                .<PeriodLine, InvoiceLine>chunk(CHUNK_SIZE)
                .transactionManager(transactionManager)
                .reader(periodLineReader)
                .processor(linePricer)
                .writer(invoiceLineWriter)
                .listener(invoiceLineWriter)
                .listener(priceLinesProgress)
                .build();
    }

    /**
     * The partition's billing lines in line id order, through one server-side
     * cursor: a fetch size of rows in memory at a time (PostgreSQL streams only with autocommit
     * off). A restart re-opens the cursor and skips the lines already priced.
     */
    @Bean
    @StepScope
    JdbcCursorItemReader<PeriodLine> periodLineReader(DataSource dataSource, SqlDialect dialect,
            @Value("#{jobParameters['period']}") String period,
            @Value("#{stepExecutionContext['" + PriceLinesRangeContext.FIRST_LINE_ID + "']}") String first,
            @Value("#{stepExecutionContext['" + PriceLinesRangeContext.LAST_LINE_ID + "']}") String last) {
        return new JdbcCursorItemReaderBuilder<PeriodLine>()
                .name("periodLineReader")
                .dataSource(dataSource)
                .sql(PricingStore.periodLinesQuery(dialect.isPostgres()))
                .queryArguments(period, first, last)
                .connectionAutoCommit(false)
                .fetchSize(CHUNK_SIZE)
                .rowMapper((rs, i) -> new PeriodLine(PricingStore.pricedLine(rs, 1),
                        Optional.ofNullable(PricingStore.pricedLine(rs, PricingStore.RELATED_FIRST_COLUMN)),
                        Optional.ofNullable(rs.getBigDecimal(PricingStore.EARLIER_RATE_COLUMN))))
                .build();
    }

    /**
     * A billing line to price; for a refund, the rate its related line got in an earlier period
     * and the related line if it is of this period (R4.4).
     */
    record PeriodLine(BillingLine line, Optional<BillingLine> relatedInPeriod, Optional<BigDecimal> earlierRate) {
    }

    @Bean
    @StepScope
    LinePricer linePricer(PricingStore store, PolicyStore policies, @Value("#{jobParameters['period']}") String period,
            @Value("#{jobParameters['revision']}") Long revision) {
        return new LinePricer(store, policies, YearMonth.parse(period), revision.intValue());
    }

    /** Hands each line to its group's {@link DiscountPricer}; refunds take the rate their original line got (R4.4). */
    static class LinePricer implements ItemProcessor<PeriodLine, InvoiceLine> {
        private final YearMonth period;
        private final Policy policy;
        private final Map<String, String> groupOf;
        private final Map<String, BigDecimal> volumes;
        private final Map<String, List<Agreement>> agreements;
        private final Map<String, DiscountPricer> pricers = new HashMap<>();

        LinePricer(PricingStore store, PolicyStore policies, YearMonth period, int revision) {
            this.period = period;
            this.policy = policies.inForce(period);
            this.groupOf = store.groupOfSubAccount();
            // The volumes computeGroupVolumes recorded, not summed again: every partition makes a
            // LinePricer, and each sum was a scan of the whole period (eight at 10M lines).
            this.volumes = store.recordedGroupVolumes(period, revision);
            this.agreements = Agreement.byGroup(store.agreements());
        }

        /** The rate of an earlier period's invoice line, else of the related line in this same period. */
        @Override
        public InvoiceLine process(PeriodLine item) {
            return pricerOf(item.line().subAccountId()).price(item.line(), relatedLineId -> item.earlierRate()
                    .or(() -> item.relatedInPeriod().map(related -> pricerOf(related.subAccountId())
                            .rateOf(related, id -> Optional.empty()))));
        }

        private DiscountPricer pricerOf(String subAccountId) {
            return pricers.computeIfAbsent(groupOf.get(subAccountId), group -> DiscountPricer.forGroup(group, period,
                    volumes.getOrDefault(group, BigDecimal.ZERO), Agreement.inForceFor(agreements.getOrDefault(group, List.of()), group, period),
                    policy.discountTables()));
        }
    }

    @Bean
    @StepScope
    InvoiceLineWriter invoiceLineWriter(PricingStore store, FaultInjection faults,
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

    /**
     * Writes a partition's CHARGE invoice lines; a fresh (not restarted) partition first removes
     * those an earlier attempt left in its range.
     */
    static class InvoiceLineWriter implements org.springframework.batch.infrastructure.item.ItemWriter<InvoiceLine>,
            StepExecutionListener {
        private final PricingStore store;
        private final FaultInjection faults;
        private final YearMonth period;
        private final int revision;
        private final String firstLineId;
        private final String lastLineId;

        InvoiceLineWriter(PricingStore store, FaultInjection faults, YearMonth period, int revision,
                String firstLineId, String lastLineId) {
            this.store = store;
            this.faults = faults;
            this.period = period;
            this.revision = revision;
            this.firstLineId = firstLineId;
            this.lastLineId = lastLineId;
        }

        @Override
        public void beforeStep(StepExecution stepExecution) {
            if (firstLineId == null || lastLineId == null) {
                // A partition cut by an older build (ranges of sub-accounts): its lines cannot be found again.
                throw new IllegalStateException("priceLines partition " + stepExecution.getStepName() + " has no"
                        + " line-id range: it was started by an older version of Resettle and cannot be resumed;"
                        + " settle the period again with --rerun");
            }
            boolean restarted = stepExecution.getExecutionContext().containsKey("periodLineReader.read.count");
            if (!restarted) {
                store.deleteChargeLines(period, revision, firstLineId, lastLineId);
            }
        }

        @Override
        public void write(org.springframework.batch.infrastructure.item.Chunk<? extends InvoiceLine> chunk) {
            store.insertInvoiceLines(period, revision, chunk.getItems());
            faults.afterChunkWritten();
        }
    }

    @Bean
    Step settleCommitments(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet settleCommitmentsTasklet) {
        return new StepBuilder("settleCommitments", jobRepository)
                .tasklet(settleCommitmentsTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    Tasklet settleCommitmentsTasklet(PricingStore store, SqlDialect dialect,
            @Value("#{jobParameters['period']}") String periodText, @Value("#{jobParameters['revision']}") Long revision) {
        return (contribution, chunkContext) -> {
            dialect.analyze("invoice_line");
            YearMonth period = YearMonth.parse(periodText);
            store.deleteInvoiceLines(period, revision.intValue(), InvoiceLineKind.CLAWBACK.name(),
                    InvoiceLineKind.PENALTY.name());
            for (Agreement agreement : store.agreements()) {
                if (!agreement.closesIn(period)) {
                    continue;
                }
                CommitmentSettlement settlement = CommitmentSettlement.settle(agreement, period,
                        store.termVolumes(agreement.groupId(), agreement.termStart(), period),
                        store.termDiscounts(agreement.groupId(), agreement.termStart(), period, revision.intValue()),
                        store.primarySubAccount(agreement.groupId()).orElse(null),
                        store.currencyOf(agreement.groupId()));
                store.insertInvoiceLines(period, revision.intValue(), settlement.lines());
                contribution.incrementWriteCount(settlement.lines().size());
                if (settlement.shortfall().signum() > 0) {
                    System.out.printf("  agreement %s of %s: achieved %s of %s, shortfall %s, clawback %s, penalty %s%n",
                            agreement.agreementId(), agreement.groupId(), Money.round2(settlement.achieved()),
                            Money.round2(agreement.minCommitment()), Money.round2(settlement.shortfall()),
                            settlement.clawback(), settlement.penalty());
                }
            }
            return RepeatStatus.FINISHED;
        };
    }
}
