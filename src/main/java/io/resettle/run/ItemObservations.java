package io.resettle.run;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Batch 6 observes every item read and processed; with millions of lines a period, the
 * timers cost more than pricing a line (docs/performance.md). Job, step and chunk-write
 * observations stay; the steps that process each item as it is read (ingestExportFile,
 * priceLinesRange, computeRebates) are tasklet steps, observed as steps only. The dashboard reads
 * the job repository, not these.
 */
@Configuration(proxyBeanMethods = false)
class ItemObservations {

    @Bean
    ObservationPredicate noPerItemObservations() {
        return (name, context) -> !name.equals("spring.batch.item.read") && !name.equals("spring.batch.item.process");
    }
}
