package io.resettle.payout.batch;

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
 * {@code settlePayouts}: the CASH stages of P's PAYABLE accruals (R8.3, R8.4), the referral ledger
 * as of P (R9), the retries of FAILED payout returns (R12.4) and the payout run itself (R10, R11.2),
 * in one transaction ({@link PayoutDispatcher}).
 */
@Configuration(proxyBeanMethods = false)
class PayoutStepConfig {

    @Bean
    Step settlePayouts(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet settlePayoutsTasklet) {
        return new StepBuilder("settlePayouts", jobRepository).tasklet(settlePayoutsTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    Tasklet settlePayoutsTasklet(PayoutDispatcher payouts, @Value("#{jobParameters['period']}") String period,
            @Value("#{jobParameters['revision']}") Long revision) {
        return (contribution, chunkContext) -> {
            contribution.incrementWriteCount(payouts.settle(YearMonth.parse(period), revision.intValue()));
            return RepeatStatus.FINISHED;
        };
    }
}
