package io.resettle.run;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Batch 6 observes every item read and processed; with millions of lines a period, the
 * timers cost more than pricing a line (docs/performance.md). Job, step and chunk-write
 * observations stay, so the dashboard's metrics are unchanged.
 */
@Configuration(proxyBeanMethods = false)
class ItemObservations {

    @Bean
    ObservationPredicate noPerItemObservations() {
        return (name, context) -> !name.equals("spring.batch.item.read") && !name.equals("spring.batch.item.process");
    }
}
