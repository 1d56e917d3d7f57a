package io.resettle.masterdata.batch;

import io.resettle.policy.batch.PolicyStore;
import io.resettle.support.SqlDialect;
import java.nio.file.Path;
import java.time.YearMonth;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The {@code loadMasterData} step of the ingest job: one transaction, all or nothing. */
@Configuration(proxyBeanMethods = false)
class LoadMasterDataStepConfig {

    @Bean
    Step loadMasterData(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            LoadMasterDataTasklet loadMasterDataTasklet) {
        return new StepBuilder("loadMasterData", jobRepository).tasklet(loadMasterDataTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    LoadMasterDataTasklet loadMasterDataTasklet(MasterDataStore store, PolicyStore policies, SqlDialect dialect,
            @Value("#{jobParameters['data']}") String data, @Value("#{jobParameters['period']}") String period) {
        return new LoadMasterDataTasklet(store, policies, dialect, Path.of(data), YearMonth.parse(period));
    }
}
