package io.resettle.pricing.batch;

import io.resettle.masterdata.Agreement;
import io.resettle.policy.Policy;
import io.resettle.policy.batch.PolicyStore;
import io.resettle.pricing.DiscountPricer;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
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
 * {@code computeGroupVolumes} (R4.1, R4.2): V(G,P) of every group of the period, summed by the
 * database, and the tier its {@link DiscountPricer} reaches. Replaces the rows of (period,
 * revision), so re-running it after a crash duplicates nothing.
 */
@Configuration(proxyBeanMethods = false)
class GroupVolumesStepConfig {

    @Bean
    Step computeGroupVolumes(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet computeGroupVolumesTasklet) {
        return new StepBuilder("computeGroupVolumes", jobRepository)
                .tasklet(computeGroupVolumesTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    Tasklet computeGroupVolumesTasklet(GroupVolumeStore store, PricingStore pricing, PolicyStore policies,
            @Value("#{jobParameters['period']}") String periodText, @Value("#{jobParameters['revision']}") Long revision) {
        return (contribution, chunkContext) -> {
            YearMonth period = YearMonth.parse(periodText);
            Policy policy = policies.inForce(period);
            Map<String, List<Agreement>> agreements = Agreement.byGroup(pricing.agreements());
            List<GroupVolumeStore.GroupVolume> rows = new ArrayList<>();
            for (GroupVolumeStore.GroupRow group : store.groupsOf(period)) {
                BigDecimal volume = group.volume();
                DiscountPricer pricer = DiscountPricer.forGroup(group.groupId(), period, volume,
                        Agreement.inForceFor(agreements.getOrDefault(group.groupId(), List.of()), group.groupId(), period),
                        policy.discountTables());
                rows.add(new GroupVolumeStore.GroupVolume(group.groupId(), volume, pricer.tierFrom().orElse(null),
                        pricer.agreement().map(Agreement::agreementId).orElse(null), group.creditLimit()));
            }
            store.replaceGroupVolumes(period, revision.intValue(), rows);
            contribution.incrementWriteCount(rows.size());
            return RepeatStatus.FINISHED;
        };
    }
}
