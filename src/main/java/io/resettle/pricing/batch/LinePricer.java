package io.resettle.pricing.batch;

import io.resettle.pricing.InvoiceLine;
import java.util.Optional;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Hands each line to its group's {@link io.resettle.pricing.DiscountPricer}; refunds take the rate
 * their original line got (R4.4).
 */
class LinePricer implements ItemProcessor<PeriodLine, InvoiceLine> {

    private final RunPricers.Pricers pricers;

    /** {@code pricers}: the run's, shared with its other partitions ({@link RunPricers}). */
    LinePricer(RunPricers.Pricers pricers) {
        this.pricers = pricers;
    }

    /** The rate of an earlier period's invoice line, else of the related line in this same period. */
    @Override
    public InvoiceLine process(PeriodLine item) {
        return pricers.of(item.line().subAccountId()).price(item.line(), relatedLineId -> item.earlierRate()
                .or(() -> item.relatedInPeriod().map(related -> pricers.of(related.subAccountId())
                        .rateOf(related, id -> Optional.empty()))));
    }
}
