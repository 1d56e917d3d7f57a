package io.resettle.reconcile.batch;

import io.resettle.reconcile.Finding;
import io.resettle.reconcile.Invariants;
import io.resettle.reconcile.Reconciliation;
import io.resettle.support.SqlDialect;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
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
 * {@code reconcile}: checks the R12.2 invariants (a violation fails the run) and records the
 * R12.1 breaks and the OVER_LIMIT warnings (R6.1) of the revision.
 */
@Configuration(proxyBeanMethods = false)
class ReconcileStepConfig {

    @Bean
    Step reconcile(JobRepository jobRepository, PlatformTransactionManager transactionManager, Tasklet reconcileTasklet) {
        return new StepBuilder("reconcile", jobRepository).tasklet(reconcileTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    Tasklet reconcileTasklet(ReconciliationStore store, SqlDialect dialect,
            @Value("#{jobParameters['period']}") String periodText, @Value("#{jobParameters['revision']}") Long revisionNumber) {
        return (contribution, chunkContext) -> {
            YearMonth period = YearMonth.parse(periodText);
            int revision = revisionNumber.intValue();
            // invoice_line was analysed by settleCommitments, after priceLines wrote the period's lines;
            // the few lines added since change no plan, and a second pass over a million rows costs a second.
            // On a connection of its own: the checks run on theirs, beside this step's transaction.
            dialect.analyzeCommitted("invoice", "group_statement", "rebate_stage", "rebate_accrual");
            Invariants.expectNone(period.toString(), store.invoiceInvariants(period, revision));
            Invariants.expectNone(period.toString(), store.payoutInvariants(period, revision));
            Map<String, BigDecimal> statement = store.statementPayables(period);
            Map<String, BigDecimal> ingested = statement.isEmpty() ? Map.of() : store.ingestedPayables(period);
            List<Finding> findings = Reconciliation.findings(ingested, statement, store.overLimitGroups(period, revision));
            store.replaceFindingsExcept(period, revision, Reconciliation.CHECKS_OF_OTHER_STEPS, findings);
            contribution.incrementWriteCount(findings.size());
            return RepeatStatus.FINISHED;
        };
    }
}
