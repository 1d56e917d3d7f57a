package io.resettle.run;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * pgjdbc settings for the bulk paths (docs/performance.md): {@code reWriteBatchedInserts} turns a
 * JDBC batch of INSERTs into multi-row INSERTs, where a batch remains (COPY does the large ones).
 */
@Configuration(proxyBeanMethods = false)
class PostgresConnectionSettings {

    @Bean
    static BeanPostProcessor postgresDataSourceSettings() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
                        && hikari.getJdbcUrl().startsWith("jdbc:postgresql:")) {
                    hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
                }
                return bean;
            }
        };
    }
}
