package io.resettle.rebate.batch;

import io.resettle.ingest.BillingLine;
import io.resettle.ingest.BillingMethod;
import io.resettle.ingest.ChargeType;
import io.resettle.invoice.InvoiceLine;
import io.resettle.invoice.InvoiceLineKind;
import io.resettle.money.Money;
import io.resettle.output.CsvOutput;
import io.resettle.output.CsvParts;
import io.resettle.policy.Category;
import io.resettle.policy.Policy;
import io.resettle.policy.RebateProgram;
import io.resettle.policy.batch.PolicyStore;
import io.resettle.pricing.batch.PricingStore;
import io.resettle.rebate.Accruals;
import io.resettle.rebate.FiscalYear;
import io.resettle.rebate.RebateCredit;
import io.resettle.rebate.RebateEligibility;
import io.resettle.rebate.RebateRow;
import io.resettle.rebate.RebateSlice;
import io.resettle.rebate.RebateStages;
import io.resettle.rebate.RebateWalk;
import io.resettle.rebate.RecordedAccrual;
import io.resettle.rebate.WalkState;
import io.resettle.run.FaultInjection;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The rebate steps of the settle job (R7, R8.2, R12.3):
 * {@code creditRebates} puts last period's CREDIT_NOTE accruals on this period's invoices;
 * {@code computeRebates} walks the fiscal year's lines in event order (R2.4) through every
 * GRADUATED program, its running state in the step's ExecutionContext so a restart continues
 * exactly, writing the slices of the period's lines; {@code accrueRebates} turns the year-to-date
 * rebate into accruals (R7.5) and reconciles RECEIVABLE ones against the vendor (R12.3).
 */
@Configuration(proxyBeanMethods = false)
class RebateStepsConfig {

    /** Lines per transaction: the walk is one thread, and every commit is a pause in it (docs/performance.md). */
    static final int CHUNK_SIZE = 10000;
    static final int FETCH_SIZE = 10000;
    static final String STEP = "computeRebates";

    /** A billing line with its group: the scope key of GROUP programs. */
    record ScopedLine(BillingLine line, String groupId) {
    }

    @Bean
    Step creditRebates(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet creditRebatesTasklet) {
        return new StepBuilder("creditRebates", jobRepository).tasklet(creditRebatesTasklet, transactionManager).build();
    }

    /** R8.2: the accrual of P−1 of a CREDIT_NOTE group is a REBATE_CREDIT line on P's PRIMARY invoice. */
    @Bean
    @StepScope
    Tasklet creditRebatesTasklet(RebateStore store, PricingStore pricing, PolicyStore policies,
            @Value("#{jobParameters['period']}") String periodText, @Value("#{jobParameters['revision']}") Long revision) {
        return (contribution, chunkContext) -> {
            YearMonth period = YearMonth.parse(periodText);
            YearMonth accrualPeriod = period.minusMonths(1);
            pricing.deleteInvoiceLines(period, revision.intValue(), InvoiceLineKind.REBATE_CREDIT.name());
            Optional<Integer> accrualRevision = store.authoritativeRevision(accrualPeriod);
            if (accrualRevision.isEmpty()) {
                return RepeatStatus.FINISHED;
            }
            Map<String, RebateProgram> programs = programsById(policies.inForce(accrualPeriod));
            List<InvoiceLine> lines = new ArrayList<>();
            store.payableAccruals(accrualPeriod, accrualRevision.get()).forEach((key, accrual) -> {
                RebateProgram program = programs.get(key.get(0));
                String groupId = key.get(1);
                if (program == null || program.scope() != RebateProgram.Scope.GROUP
                        || !"CREDIT_NOTE".equals(store.rebatePayout(groupId))) {
                    return;
                }
                Optional<String> primary = pricing.primarySubAccount(groupId);
                if (primary.isEmpty()) {
                    return;
                }
                Optional<RebateCredit> credit = RebateStages.creditNote(program, groupId, primary.get(), accrualPeriod,
                        accrual);
                credit.ifPresent(c -> lines.add(InvoiceLine.derived("INV-" + period + "-" + c.subAccountId(),
                        c.subAccountId(), c.lineId(), InvoiceLineKind.REBATE_CREDIT, c.amount(),
                        pricing.currencyOf(groupId))));
            });
            pricing.insertInvoiceLines(period, revision.intValue(), lines);
            contribution.incrementWriteCount(lines.size());
            return RepeatStatus.FINISHED;
        };
    }

    @Bean
    Step computeRebates(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            JdbcCursorItemReader<ScopedLine> fiscalYearLineReader, GraduatedWalkWriter graduatedWalkWriter,
            @Value("${resettle.rebates.chunk-size:" + CHUNK_SIZE + "}") int chunkSize) {
        return new StepBuilder(STEP, jobRepository)
                .<ScopedLine, ScopedLine>chunk(chunkSize)
                .transactionManager(transactionManager)
                .reader(fiscalYearLineReader)
                .writer(graduatedWalkWriter)
                .build();
    }

    /**
     * The volume lines of every fiscal year that contains P, in event order (R2.4), through one
     * server-side cursor (PostgreSQL streams only with autocommit off): the database sorts the year
     * once. A paging reader re-sorted the whole year for every page (quadratic: 192 s of a 200k-line
     * settle, docs/performance.md). A restart re-opens the cursor and skips the lines already walked
     * (the read count is saved with the walks after every chunk); the order is total (event time,
     * line id, period), so the skipped lines are the same ones.
     */
    @Bean
    @StepScope
    JdbcCursorItemReader<ScopedLine> fiscalYearLineReader(DataSource dataSource, PolicyStore policies,
            @Value("#{jobParameters['period']}") String periodText) {
        YearMonth period = YearMonth.parse(periodText);
        YearMonth from = earliestFiscalYearStart(policies.inForce(period), period);
        return new JdbcCursorItemReaderBuilder<ScopedLine>()
                .name("fiscalYearLineReader")
                .dataSource(dataSource)
                .sql("SELECT b.line_id, b.period, b.product_code, b.category, b.billing_method, b.charge_type,"
                        + " b.payable_amount, a.group_id"
                        + " FROM billing_line b JOIN sub_account a ON a.sub_account_id = b.sub_account_id"
                        + " WHERE b.period >= ? AND b.period <= ? AND b.charge_type IN " + PricingStore.VOLUME_TYPES
                        + " ORDER BY " + RebateStore.EVENT_TIME + ", b.line_id, b.period")
                .queryArguments(from.toString(), period.toString())
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

    @Bean
    @StepScope
    GraduatedWalkWriter graduatedWalkWriter(PolicyStore policies, FaultInjection faults,
            @Value("#{jobParameters['period']}") String period, @Value("#{jobParameters['revision']}") Long revision,
            @Value("#{jobParameters['out']}") String out) {
        YearMonth p = YearMonth.parse(period);
        return new GraduatedWalkWriter(policies.inForce(p), faults, p,
                RebateSliceFile.partsFolder(Path.of(out), period, revision.intValue()));
    }

    /**
     * Feeds each line to the GRADUATED walk of every program whose fiscal year (the one holding P)
     * contains it, writing the slices of P's lines to the parts of rebate-slices.csv
     * ({@link RebateSliceFile}). The walks, the line counter and the parts' lengths are saved in the
     * step's ExecutionContext after every chunk (R11.4); a restart cuts the parts back to them.
     */
    static class GraduatedWalkWriter implements ItemStreamWriter<ScopedLine> {
        static final String LINE_NO = "rebates.lineNo";
        static final String WALKS = "rebates.walks";
        private static final String WALK_PREFIX = "rebates.walk.";

        private final List<RebateProgram> programs;
        private final FaultInjection faults;
        private final YearMonth period;
        private final Path partsFolder;
        private final Map<String, RebateWalk> walks = new TreeMap<>();
        private CsvParts slices;
        private long lineNo;

        GraduatedWalkWriter(Policy policy, FaultInjection faults, YearMonth period, Path partsFolder) {
            this.programs = policy.rebatePrograms().stream()
                    .filter(p -> p.mode() == RebateProgram.Mode.GRADUATED).toList();
            this.faults = faults;
            this.period = period;
            this.partsFolder = partsFolder;
        }

        @Override
        public void open(ExecutionContext context) {
            walks.clear();
            boolean resumed = context.containsKey(LINE_NO);
            lineNo = resumed ? context.getLong(LINE_NO) : 0;
            walks.putAll(restore(programs, context));
            slices = resumed
                    ? CsvParts.restore(partsFolder, RebateSliceFile.TOTALS, RebateSliceFile.state(context))
                    : CsvParts.empty(partsFolder, RebateSliceFile.TOTALS);
        }

        /** The walks saved in a step ExecutionContext. */
        static Map<String, RebateWalk> restore(List<RebateProgram> programs, ExecutionContext context) {
            Map<String, RebateWalk> restored = new TreeMap<>();
            if (!context.containsKey(WALKS)) {
                return restored;
            }
            // The values of each walk apart (by the number after the prefix), so that reading a walk looks
            // at its own values only: every value per walk grew with the square of the walks (issue 20).
            Map<String, Map<String, String>> valuesByWalk = new HashMap<>();
            for (Map.Entry<String, Object> e : context.entrySet()) {
                String key = e.getKey();
                if (key.startsWith(WALK_PREFIX)) {
                    int end = key.indexOf('.', WALK_PREFIX.length());
                    String walk = end < 0 ? key : key.substring(0, end + 1);
                    valuesByWalk.computeIfAbsent(walk, k -> new HashMap<>()).put(key, String.valueOf(e.getValue()));
                }
            }
            String[] keys = context.getString(WALKS).split("\n");
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].isEmpty()) {
                    continue;
                }
                String[] programAndScope = keys[i].split("\t", 2);
                Optional<RebateProgram> program = programs.stream()
                        .filter(p -> p.id().equals(programAndScope[0])).findFirst();
                if (program.isPresent()) {
                    String prefix = WALK_PREFIX + i + ".";
                    restored.put(keys[i], new RebateWalk(program.get(), programAndScope[1],
                            WalkState.fromMap(prefix, valuesByWalk.getOrDefault(prefix, Map.of()))));
                }
            }
            return restored;
        }

        @Override
        public void update(ExecutionContext context) {
            context.putLong(LINE_NO, lineNo);
            List<String> keys = new ArrayList<>(walks.keySet());
            context.putString(WALKS, String.join("\n", keys));
            for (int i = 0; i < keys.size(); i++) {
                walks.get(keys.get(i)).state().toMap(WALK_PREFIX + i + ".").forEach(context::putString);
            }
            RebateSliceFile.save(slices, context);
        }

        @Override
        public void write(Chunk<? extends ScopedLine> chunk) {
            faults.beforeWriting(RebateSliceFile.NAME, lineNo + 1, lineNo + chunk.size());
            // This chunk's rows of each part, with their totals (amount, rebate).
            Map<String, CsvOutput.Rows> rows = new HashMap<>();
            Map<String, BigDecimal[]> totals = new HashMap<>();
            for (ScopedLine scoped : chunk.getItems()) {
                lineNo++;
                BillingLine line = scoped.line();
                for (RebateProgram program : programs) {
                    if (!FiscalYear.of(period, program.fiscalYearStartMonth()).contains(line.period())
                            || !RebateEligibility.admits(program, line)) {
                        continue;
                    }
                    String scopeId = RebateEligibility.scopeId(program, scoped.groupId());
                    String key = RebateSliceFile.partKey(program.id(), scopeId);
                    List<RebateSlice> lineSlices = walks.computeIfAbsent(key,
                            k -> new RebateWalk(program, scopeId)).feed(line);
                    if (!line.period().equals(period) || lineSlices.isEmpty()) {
                        continue;
                    }
                    List<RebateSlice> ordered = new ArrayList<>(lineSlices);
                    ordered.sort(RebateSliceFile.WITHIN_A_LINE);
                    CsvOutput.Rows partRows = rows.computeIfAbsent(key, k -> new CsvOutput.Rows());
                    BigDecimal[] partTotals = totals.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO,
                            BigDecimal.ZERO});
                    for (RebateSlice slice : ordered) {
                        RebateSliceFile.print(slice, partRows, partTotals);
                    }
                }
            }
            // Parts in a fixed order, so a part's file name (its place) is the same in every run.
            slices.appendAll(new TreeMap<>(rows), totals);
            faults.afterChunkWritten();
        }
    }

    @Bean
    Step accrueRebates(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet accrueRebatesTasklet) {
        return new StepBuilder("accrueRebates", jobRepository).tasklet(accrueRebatesTasklet, transactionManager).build();
    }

    /**
     * R7.5 accruals of every program and scope key, from the GRADUATED walks left by
     * {@code computeRebates} and a RETROACTIVE pass over the fiscal year's lines; then R12.3.
     */
    @Bean
    @StepScope
    Tasklet accrueRebatesTasklet(RebateStore store, PolicyStore policies, JobRepository jobRepository,
            @Value("#{jobParameters['period']}") String periodText, @Value("#{jobParameters['revision']}") Long revision) {
        return (contribution, chunkContext) -> {
            YearMonth period = YearMonth.parse(periodText);
            Policy policy = policies.inForce(period);
            StepExecution walked = jobRepository.getLastStepExecution(
                    chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance(), STEP);
            Map<String, RebateWalk> walks = new TreeMap<>(GraduatedWalkWriter.restore(policy.rebatePrograms(),
                    walked == null ? new ExecutionContext() : walked.getExecutionContext()));
            walks.putAll(retroactiveWalks(store, policy, period));
            List<RebateRow> rows = new ArrayList<>();
            for (RebateProgram program : policy.rebatePrograms()) {
                FiscalYear year = FiscalYear.of(period, program.fiscalYearStartMonth());
                Map<String, List<RecordedAccrual>> recorded = store.recordedAccruals(program.id(), year.first(), period);
                TreeSet<String> scopes = new TreeSet<>(recorded.keySet());
                walks.keySet().stream().filter(k -> k.startsWith(program.id() + "\t"))
                        .forEach(k -> scopes.add(k.substring(program.id().length() + 1)));
                for (String scopeId : scopes) {
                    RebateWalk walk = walks.get(program.id() + "\t" + scopeId);
                    WalkState state = walk == null ? WalkState.empty() : walk.state();
                    rows.addAll(Accruals.rows(program, scopeId, period, state, recorded.getOrDefault(scopeId, List.of())));
                }
            }
            store.replaceAccruals(period, revision.intValue(), rows);
            store.replaceFindings(period, revision.intValue(), "vendor_rebate",
                    vendorRebateFindings(store, period, revision.intValue(), rows));
            contribution.incrementWriteCount(rows.size());
            return RepeatStatus.FINISHED;
        };
    }

    /**
     * RETROACTIVE programs need only year-to-date sums per scope and category (R7.4), so the
     * database sums the fiscal year by what eligibility looks at (R7.2) and the walks are fed the
     * sums: exact, since sums of BigDecimals do not depend on their order, and a few thousand rows
     * instead of every line of the year.
     */
    private static Map<String, RebateWalk> retroactiveWalks(RebateStore store, Policy policy, YearMonth period) {
        List<RebateProgram> programs = policy.rebatePrograms().stream()
                .filter(p -> p.mode() == RebateProgram.Mode.RETROACTIVE).toList();
        Map<String, RebateWalk> walks = new TreeMap<>();
        if (programs.isEmpty()) {
            return walks;
        }
        store.jdbc().query("SELECT a.group_id, b.period, b.billing_method, b.category, b.product_code,"
                + " SUM(b.payable_amount) AS amount FROM billing_line b JOIN sub_account a ON a.sub_account_id ="
                + " b.sub_account_id WHERE b.period >= ? AND b.period <= ? AND b.charge_type IN " + PricingStore.VOLUME_TYPES
                + " GROUP BY a.group_id, b.period, b.billing_method, b.category, b.product_code", rs -> {
                    YearMonth linePeriod = YearMonth.parse(rs.getString("period"));
                    BillingMethod method = BillingMethod.valueOf(rs.getString("billing_method"));
                    Category category = Category.valueOf(rs.getString("category"));
                    String productCode = rs.getString("product_code");
                    for (RebateProgram program : programs) {
                        if (FiscalYear.of(period, program.fiscalYearStartMonth()).contains(linePeriod)
                                && program.eligibility().admits(method, category, productCode)) {
                            String scopeId = RebateEligibility.scopeId(program, rs.getString("group_id"));
                            walks.computeIfAbsent(program.id() + "\t" + scopeId, k -> new RebateWalk(program, scopeId))
                                    .feed(null, category, rs.getBigDecimal("amount"));
                        }
                    }
                }, earliestFiscalYearStart(policy, period).toString(), period.toString());
        return walks;
    }

    /** R12.3: per RECEIVABLE program and category, our accrual vs the vendor's statement of P (when it has one). */
    private static List<Object[]> vendorRebateFindings(RebateStore store, YearMonth period, int revision,
            List<RebateRow> rows) {
        Map<List<String>, BigDecimal> vendor = store.vendorRebates(period);
        List<Object[]> findings = new ArrayList<>();
        if (vendor.isEmpty()) {
            return findings;
        }
        TreeMap<List<String>, BigDecimal> ours = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        for (RebateRow row : rows) {
            if (row.direction() == RebateProgram.Direction.RECEIVABLE) {
                ours.merge(List.of(row.program(), row.category().name()), row.accrual(), BigDecimal::add);
            }
        }
        TreeSet<List<String>> keys = new TreeSet<>(ours.comparator());
        keys.addAll(ours.keySet());
        keys.addAll(vendor.keySet());
        for (List<String> key : keys) {
            BigDecimal expected = Money.round2(vendor.getOrDefault(key, BigDecimal.ZERO));
            BigDecimal actual = ours.getOrDefault(key, BigDecimal.ZERO);
            BigDecimal difference = actual.subtract(expected);
            if (difference.abs().compareTo(new BigDecimal("0.01")) >= 0) {
                findings.add(new Object[] {period.toString(), revision, "vendor_rebate", key.get(0) + "/" + key.get(1),
                        expected, actual, difference, "BREAK"});
            }
        }
        return findings;
    }

    static Map<String, RebateProgram> programsById(Policy policy) {
        Map<String, RebateProgram> programs = new TreeMap<>();
        policy.rebatePrograms().forEach(p -> programs.put(p.id(), p));
        return programs;
    }
}
