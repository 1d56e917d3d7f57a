package io.resettle.invoice.batch;

import io.resettle.invoice.GroupStatement;
import io.resettle.invoice.PrepaidBalance;
import io.resettle.money.Money;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * {@code buildInvoices} (invoice totals from their lines) and {@code buildStatements} (R6: CREDIT
 * group statements with OVER_LIMIT, PREPAID running balances with TOP_UP_REQUIRED).
 */
@Configuration(proxyBeanMethods = false)
class InvoiceStepsConfig {

    @Bean
    Step buildInvoices(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet buildInvoicesTasklet) {
        return new StepBuilder("buildInvoices", jobRepository).tasklet(buildInvoicesTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    Tasklet buildInvoicesTasklet(InvoiceStore store, @Value("#{jobParameters['period']}") String period,
            @Value("#{jobParameters['revision']}") Long revision) {
        return (contribution, chunkContext) -> {
            contribution.incrementWriteCount(store.rebuildInvoices(YearMonth.parse(period), revision.intValue()));
            return RepeatStatus.FINISHED;
        };
    }

    @Bean
    Step buildStatements(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet buildStatementsTasklet) {
        return new StepBuilder("buildStatements", jobRepository).tasklet(buildStatementsTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    Tasklet buildStatementsTasklet(InvoiceStore store, @Value("#{jobParameters['period']}") String periodText,
            @Value("#{jobParameters['revision']}") Long revisionNumber) {
        return (contribution, chunkContext) -> {
            YearMonth period = YearMonth.parse(periodText);
            int revision = revisionNumber.intValue();
            Map<String, List<io.resettle.invoice.Invoice>> creditInvoices = store.creditInvoicesByGroup(period, revision);
            List<GroupStatement> statements = new ArrayList<>();
            for (InvoiceStore.VolumeRow row : store.volumeRows(period, revision)) {
                statements.add(GroupStatement.of(row.groupId(), period, row.volume(),
                        Optional.ofNullable(row.tierFrom()), row.creditLimit(),
                        creditInvoices.getOrDefault(row.groupId(), List.of())));
            }
            store.updateStatements(period, revision, statements);
            Map<String, BigDecimal> opening = store.openingBalances(period);
            Map<String, List<BigDecimal>> allocations = store.allocations(period);
            Map<String, BigDecimal> nets = store.invoiceNets(period, revision);
            List<PrepaidBalance> balances = new ArrayList<>();
            for (String subAccount : store.prepaidSubAccounts(period)) {
                balances.add(PrepaidBalance.of(subAccount, period, opening.getOrDefault(subAccount, Money.ZERO),
                        allocations.getOrDefault(subAccount, List.of()), nets.getOrDefault(subAccount, Money.ZERO)));
            }
            store.replaceBalances(period, revision, balances);
            contribution.incrementWriteCount(balances.size());
            return RepeatStatus.FINISHED;
        };
    }
}
