package io.resettle.forecast.batch;

import io.resettle.billing.Category;
import io.resettle.forecast.TierForecast;
import io.resettle.masterdata.Agreement;
import io.resettle.policy.Policy;
import io.resettle.policy.RebateProgram;
import io.resettle.policy.TierTable;
import io.resettle.policy.batch.PolicyStore;
import io.resettle.pricing.batch.PricingStore;
import io.resettle.rebate.FiscalYear;
import io.resettle.rebate.RebateEligibility;
import io.resettle.rebate.WalkState;
import io.resettle.support.csv.CsvOutput;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The nightly {@code forecast} job: one step, {@code computeForecast}. Per group with an agreement
 * in force, its month-to-date volume against its discount table (R4.2); per rebate program and
 * scope key, the year-to-date weighted volume W (R7.1). Writes the {@code forecast} table and
 * {@code <out>/<P>/forecast.csv}. Identifying parameters: {@code period} and {@code run} (a fresh
 * number per launch, like ingest's generation, so it can run every night).
 */
@Configuration(proxyBeanMethods = false)
class ForecastJobConfig {

    static final String JOB_NAME = "forecast";

    @Bean
    Job forecastJob(JobRepository jobRepository, Step computeForecast) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(new DefaultJobParametersValidator(new String[] {"period", "run"}, new String[] {"out"}))
                .start(computeForecast)
                .build();
    }

    @Bean
    Step computeForecast(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet computeForecastTasklet) {
        return new StepBuilder("computeForecast", jobRepository).tasklet(computeForecastTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    Tasklet computeForecastTasklet(ForecastStore store, PricingStore pricing, PolicyStore policies,
            @Value("#{jobParameters['period']}") String periodText, @Value("#{jobParameters['run']}") Long run,
            @Value("#{jobParameters['out']}") String outDir) {
        return (contribution, chunkContext) -> {
            YearMonth period = YearMonth.parse(periodText);
            Policy policy = policies.inForce(period);
            List<TierForecast> rows = new ArrayList<>();
            rows.addAll(discountTables(store, pricing.agreements(), policy, period));
            rows.addAll(programs(store, policy, period));
            rows.sort(TierForecast.FILE_ORDER);
            store.replace(period, run, rows);
            if (outDir != null) {
                write(Path.of(outDir).resolve(period.toString()).resolve("forecast.csv"), period, rows);
            }
            contribution.incrementWriteCount(rows.size());
            return RepeatStatus.FINISHED;
        };
    }

    /** Every group with an agreement in force in P, even without lines yet (volume 0). */
    private static List<TierForecast> discountTables(ForecastStore store, List<Agreement> agreements, Policy policy,
            YearMonth period) {
        Map<String, Map<Category, BigDecimal>> volumes = store.groupVolumesByCategory(period);
        List<TierForecast> rows = new ArrayList<>();
        Map<String, List<Agreement>> byGroup = Agreement.byGroup(agreements);
        byGroup.keySet().stream().sorted().forEach(groupId -> {
            Optional<Agreement> agreement = Agreement.inForceFor(byGroup.get(groupId), groupId, period);
            if (agreement.isEmpty()) {
                return;
            }
            TierTable table = policy.discountTables().get(agreement.get().discountTable());
            if (table == null) {
                throw new IllegalStateException("agreement " + agreement.get().agreementId() + " names discount table '"
                        + agreement.get().discountTable() + "', which the policy in force in " + period + " lacks");
            }
            Map<Category, BigDecimal> byCategory = volumes.getOrDefault(groupId, Map.of());
            BigDecimal volume = byCategory.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            rows.add(TierForecast.of(TierForecast.Kind.DISCOUNT_TABLE, agreement.get().discountTable(), groupId, table,
                    volume, byCategory));
        });
        return rows;
    }

    /** Every program and scope key with eligible lines in the fiscal year up to P (R7.1, R7.2). */
    private static List<TierForecast> programs(ForecastStore store, Policy policy, YearMonth period) {
        List<RebateProgram> programs = policy.rebatePrograms();
        if (programs.isEmpty()) {
            return List.of();
        }
        YearMonth from = programs.stream().map(p -> FiscalYear.of(period, p.fiscalYearStartMonth()).first())
                .min(YearMonth::compareTo).orElse(period);
        Map<String, WalkState> states = new TreeMap<>();
        store.forEachVolumeLine(from, period, (line, groupId) -> {
            for (RebateProgram program : programs) {
                if (FiscalYear.of(period, program.fiscalYearStartMonth()).contains(line.period())
                        && RebateEligibility.admits(program, line)) {
                    String key = program.id() + "\t" + RebateEligibility.scopeId(program, groupId);
                    BigDecimal amount = line.payableAmount();
                    states.put(key, states.getOrDefault(key, WalkState.empty()).plus(line.category(), amount,
                            program.weightOf(line.category()).multiply(amount), null));
                }
            }
        });
        Map<String, RebateProgram> byId = new HashMap<>();
        programs.forEach(p -> byId.put(p.id(), p));
        List<TierForecast> rows = new ArrayList<>();
        states.forEach((key, state) -> {
            String[] programAndScope = key.split("\t", 2);
            RebateProgram program = byId.get(programAndScope[0]);
            rows.add(TierForecast.of(TierForecast.Kind.PROGRAM, program.id(), programAndScope[1], program.tiers(),
                    state.totalWeightedVolume(), state.volume()));
        });
        return rows;
    }

    private static void write(Path file, YearMonth period, List<TierForecast> rows) {
        try (CsvOutput csv = CsvOutput.create(file, "period", "kind", "program_or_table", "scope", "volume", "tier_from",
                "next_tier_from", "needed", "worth")) {
            for (TierForecast f : rows) {
                csv.row(period.toString(), f.kind().name(), f.programOrTable(), f.scope(), f.volume(),
                        f.tierFrom().orElse(null), f.nextTierFrom().orElse(null), f.needed().orElse(null),
                        f.worth().orElse(null));
            }
            csv.commit();
        }
    }
}
