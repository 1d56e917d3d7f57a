package io.resettle.rebate.batch;

import io.resettle.policy.Policy;
import io.resettle.policy.RebateProgram;
import io.resettle.policy.batch.PolicyStore;
import io.resettle.pricing.InvoiceLine;
import io.resettle.pricing.InvoiceLineKind;
import io.resettle.pricing.batch.InvoiceLineStore;
import io.resettle.pricing.batch.PricingStore;
import io.resettle.rebate.RebateCredit;
import io.resettle.rebate.RebateStages;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.batch.core.configuration.annotation.StepScope;
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
 * {@code creditRebates} (R8.2): last period's CREDIT_NOTE accruals become REBATE_CREDIT lines on
 * this period's invoices, through pricing's {@link InvoiceLineStore}, the one writer of invoice lines.
 */
@Configuration(proxyBeanMethods = false)
class CreditRebatesStepConfig {

    @Bean
    Step creditRebates(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet creditRebatesTasklet) {
        return new StepBuilder("creditRebates", jobRepository).tasklet(creditRebatesTasklet, transactionManager).build();
    }

    /** R8.2: the accrual of P−1 of a CREDIT_NOTE group is a REBATE_CREDIT line on P's PRIMARY invoice. */
    @Bean
    @StepScope
    Tasklet creditRebatesTasklet(RebateStore store, PricingStore pricing, InvoiceLineStore invoiceLines,
            PolicyStore policies,
            @Value("#{jobParameters['period']}") String periodText, @Value("#{jobParameters['revision']}") Long revision) {
        return (contribution, chunkContext) -> {
            YearMonth period = YearMonth.parse(periodText);
            YearMonth accrualPeriod = period.minusMonths(1);
            invoiceLines.deleteInvoiceLines(period, revision.intValue(), InvoiceLineKind.REBATE_CREDIT);
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
            invoiceLines.insertInvoiceLines(period, revision.intValue(), lines);
            contribution.incrementWriteCount(lines.size());
            return RepeatStatus.FINISHED;
        };
    }

    static Map<String, RebateProgram> programsById(Policy policy) {
        Map<String, RebateProgram> programs = new TreeMap<>();
        policy.rebatePrograms().forEach(p -> programs.put(p.id(), p));
        return programs;
    }
}
