package io.resettle.pricing.batch;

import io.resettle.masterdata.Agreement;
import io.resettle.policy.Policy;
import io.resettle.policy.batch.PolicyStore;
import io.resettle.pricing.DiscountPricer;
import io.resettle.pricing.InvoiceLine;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Hands each line to its group's {@link DiscountPricer}; refunds take the rate their original line got (R4.4). */
class LinePricer implements ItemProcessor<PeriodLine, InvoiceLine> {
    private final YearMonth period;
    private final Policy policy;
    private final Map<String, String> groupOf;
    private final Map<String, BigDecimal> volumes;
    private final Map<String, List<Agreement>> agreements;
    private final Map<String, DiscountPricer> pricers = new HashMap<>();
    /** The pricer by sub-account as well: one lookup a line instead of two. */
    private final Map<String, DiscountPricer> pricerBySubAccount = new HashMap<>();

    LinePricer(PricingStore store, GroupVolumeStore groupVolumes, PolicyStore policies, YearMonth period, int revision) {
        this.period = period;
        this.policy = policies.inForce(period);
        this.groupOf = store.groupOfSubAccount();
        // The volumes computeGroupVolumes recorded, not summed again: every partition makes a
        // LinePricer, and each sum was a scan of the whole period (eight at 10M lines).
        this.volumes = groupVolumes.recordedGroupVolumes(period, revision);
        this.agreements = Agreement.byGroup(store.agreements());
    }

    /** The rate of an earlier period's invoice line, else of the related line in this same period. */
    @Override
    public InvoiceLine process(PeriodLine item) {
        return pricerOf(item.line().subAccountId()).price(item.line(), relatedLineId -> item.earlierRate()
                .or(() -> item.relatedInPeriod().map(related -> pricerOf(related.subAccountId())
                        .rateOf(related, id -> Optional.empty()))));
    }

    private DiscountPricer pricerOf(String subAccountId) {
        DiscountPricer known = pricerBySubAccount.get(subAccountId);
        if (known != null) {
            return known;
        }
        DiscountPricer pricer = groupPricer(subAccountId);
        pricerBySubAccount.put(subAccountId, pricer);
        return pricer;
    }

    private DiscountPricer groupPricer(String subAccountId) {
        return pricers.computeIfAbsent(groupOf.get(subAccountId), group -> DiscountPricer.forGroup(group, period,
                volumes.getOrDefault(group, BigDecimal.ZERO), Agreement.inForceFor(agreements.getOrDefault(group, List.of()), group, period),
                policy.discountTables()));
    }
}
