package io.resettle.support;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * pgjdbc settings for the bulk paths (docs/performance.md): {@code reWriteBatchedInserts} turns a
 * JDBC batch of INSERTs into multi-row INSERTs, where a batch remains (COPY does the large ones).
 * PostgreSQL's JIT compiler (version 11 on) is turned off for Resettle's sessions unless the pool
 * has its own connection-init SQL: the planner's estimates for the per-line look-ups pass the
 * JIT's threshold, and compiling took 0.3-0.9 s of a server core per query against 0.1 s of
 * running it. A statement at connection, not a startup option, which poolers may refuse.
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
                    if (hikari.getConnectionInitSql() == null) {
                        hikari.setConnectionInitSql("SELECT set_config('jit', 'off', false)"
                                + " WHERE current_setting('server_version_num')::int >= 110000");
                    }
                }
                return bean;
            }
        };
    }
}
