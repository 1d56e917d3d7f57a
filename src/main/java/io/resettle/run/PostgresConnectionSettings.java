package io.resettle.run;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * pgjdbc settings for the bulk paths (docs/performance.md): {@code reWriteBatchedInserts} turns a
 * JDBC batch of INSERTs into multi-row INSERTs, where a batch remains (COPY does the large ones).
 * PostgreSQL's JIT compiler is turned off for Resettle's sessions unless the URL or the pool's
 * properties set {@code options}: the planner's estimates for the per-line look-ups pass the JIT's
 * threshold, and compiling took 0.3-0.9 s of a server core per query against 0.1 s of running it.
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
                    if (!hikari.getDataSourceProperties().containsKey("options")
                            && !hikari.getJdbcUrl().contains("options=")) {
                        hikari.addDataSourceProperty("options", "-c jit=off");
                    }
                }
                return bean;
            }
        };
    }
}
