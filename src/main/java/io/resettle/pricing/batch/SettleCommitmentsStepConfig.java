package io.resettle.pricing.batch;

import io.resettle.masterdata.Agreement;
import io.resettle.money.Money;
import io.resettle.pricing.CommitmentSettlement;
import io.resettle.pricing.InvoiceLineKind;
import io.resettle.support.SqlDialect;
import java.time.YearMonth;
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
 * {@code settleCommitments} (R5.2–R5.3): at an agreement's closing period, the shortfall's
 * CLAWBACK and PENALTY invoice lines from {@link CommitmentSettlement}. Replaces its own lines of
 * (period, revision), so re-running it after a crash duplicates nothing.
 */
@Configuration(proxyBeanMethods = false)
class SettleCommitmentsStepConfig {

    @Bean
    Step settleCommitments(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet settleCommitmentsTasklet) {
        return new StepBuilder("settleCommitments", jobRepository)
                .tasklet(settleCommitmentsTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    Tasklet settleCommitmentsTasklet(PricingStore store, InvoiceLineStore invoiceLines, SqlDialect dialect,
            @Value("#{jobParameters['period']}") String periodText, @Value("#{jobParameters['revision']}") Long revision) {
        return (contribution, chunkContext) -> {
            dialect.analyze("invoice_line");
            YearMonth period = YearMonth.parse(periodText);
            invoiceLines.deleteInvoiceLines(period, revision.intValue(), InvoiceLineKind.CLAWBACK,
                    InvoiceLineKind.PENALTY);
            for (Agreement agreement : store.agreements()) {
                if (!agreement.closesIn(period)) {
                    continue;
                }
                CommitmentSettlement settlement = CommitmentSettlement.settle(agreement, period,
                        store.termVolumes(agreement.groupId(), agreement.termStart(), period),
                        invoiceLines.termDiscounts(agreement.groupId(), agreement.termStart(), period, revision.intValue()),
                        store.primarySubAccount(agreement.groupId()).orElse(null),
                        store.currencyOf(agreement.groupId()));
                invoiceLines.insertInvoiceLines(period, revision.intValue(), settlement.lines());
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
