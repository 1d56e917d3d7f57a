package io.resettle.rebate.batch;

import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import io.resettle.policy.Policy;
import io.resettle.policy.RebateProgram;
import io.resettle.policy.batch.PolicyStore;
import io.resettle.rebate.Accruals;
import io.resettle.rebate.FiscalYear;
import io.resettle.rebate.RebateEligibility;
import io.resettle.rebate.RebateRow;
import io.resettle.rebate.RebateWalk;
import io.resettle.rebate.RecordedAccrual;
import io.resettle.rebate.VendorRebateCheck;
import io.resettle.rebate.WalkState;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code accrueRebates} (R7.5, R12.3): turns the year-to-date rebate of every program and scope
 * key into accruals, and reconciles RECEIVABLE ones against the vendor's statement.
 */
@Configuration(proxyBeanMethods = false)
class AccrueRebatesStepConfig {

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
                    chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance(),
                    ComputeRebatesStepConfig.STEP);
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
        store.fiscalYearSums(programs, ComputeRebatesStepConfig.earliestFiscalYearStart(policy, period), period, rs -> {
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
                });
        return walks;
    }

    /** R12.3 ({@link VendorRebateCheck}) as rows of {@code reconciliation}. */
    private static List<Object[]> vendorRebateFindings(RebateStore store, YearMonth period, int revision,
            List<RebateRow> rows) {
        return VendorRebateCheck.breaks(store.vendorRebates(period), rows).stream()
                .map(b -> new Object[] {period.toString(), revision, "vendor_rebate", b.key(), b.expected(), b.actual(),
                        b.difference(), "BREAK"})
                .toList();
    }
}
