package io.resettle.remote;

import io.resettle.run.RunLiveness;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.context.IntegrationFlowContext;

/**
 * Spring Integration and the broker, only when partitions run remotely (a manager with
 * {@code resettle.partitioning=remote}, or a worker): a local run starts neither.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RemotePartitioningConfig.NotLocal.class)
@EnableIntegration
class RemotePartitioningConfig {

    @Bean(destroyMethod = "close")
    RemoteChannels remoteChannels(@Value("${" + RemoteSettings.BROKER_PROPERTY + ":" + RemoteSettings.DEFAULT_BROKER + "}")
            String brokerUrl, @Value("${resettle.broker.queue-prefix:resettle.}") String queuePrefix,
            @Value("${resettle.worker.threads:1}") int workerThreads,
            @Value("${resettle.remote.poll-interval-ms:1000}") long pollIntervalMillis,
            @Value("${resettle.remote.claim-timeout-seconds:60}") long claimTimeoutSeconds,
            @Value("${spring.datasource.url:}") String databaseUrl,
            IntegrationFlowContext flows, JobRepository jobRepository, BeanFactory beanFactory, DataSource dataSource,
            RunLiveness runLiveness) {
        // Also when the mode came from a property rather than the command line's checks.
        RemoteSettings.refuseUnlessShared(databaseUrl, RemoteSettings.MODE_PROPERTY + " remote");
        return new RemoteChannels(brokerUrl, queuePrefix, workerThreads, Duration.ofMillis(pollIntervalMillis),
                Duration.ofSeconds(claimTimeoutSeconds), flows, jobRepository, beanFactory, dataSource, runLiveness);
    }

    static class NotLocal implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !"local".equals(context.getEnvironment().getProperty(RemoteSettings.MODE_PROPERTY, "local"));
        }
    }
}
