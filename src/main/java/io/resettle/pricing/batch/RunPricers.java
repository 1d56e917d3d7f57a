package io.resettle.pricing.batch;

import io.resettle.masterdata.Agreement;
import io.resettle.policy.Policy;
import io.resettle.policy.batch.PolicyStore;
import io.resettle.pricing.DiscountPricer;
import io.resettle.support.HeldForOneRun;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The pricers of one settle run, built once in this JVM and shared by the run's priceLines
 * partitions ({@link HeldForOneRun}). Every partition prices lines of nearly every sub-account:
 * when each built its own map of the sub-accounts' groups and its own pricers, 200,000
 * sub-accounts meant eight maps of 200,000 entries a run, each of which outlived the young
 * generation and was copied and promoted (issue 20, docs/performance.md). A {@link DiscountPricer}
 * is immutable, so threads share them. A run is also keyed by the period and revision it prices;
 * the priceLines step drops its pricers when it ends ({@link #releaseWhenStepEnds()}).
 */
@Component
class RunPricers extends HeldForOneRun<RunPricers.Run, RunPricers.Pricers> {

    private final PricingStore store;
    private final GroupVolumeStore groupVolumes;
    private final PolicyStore policies;

    /** One settle run's pricing: its job execution, and the period and revision it prices. */
    record Run(long jobExecutionId, LocalDateTime created, YearMonth period, int revision) implements HeldForOneRun.Run {
    }

    RunPricers(PricingStore store, GroupVolumeStore groupVolumes, PolicyStore policies) {
        this.store = store;
        this.groupVolumes = groupVolumes;
        this.policies = policies;
    }

    /** The run's pricers, built by the first partition that asks (the others wait for it). */
    Pricers of(Run run) {
        return of(run, r -> new Pricers(r.period(), policies.inForce(r.period()), store.groupOfSubAccount(),
                // The volumes computeGroupVolumes recorded, not summed again: each sum was a scan
                // of the whole period.
                groupVolumes.recordedGroupVolumes(r.period(), r.revision()), Agreement.byGroup(store.agreements())));
    }

    /** A run's pricer of each group, found by sub-account. */
    static final class Pricers {
        private final YearMonth period;
        private final Policy policy;
        private final Map<String, String> groupOf;
        private final Map<String, BigDecimal> volumes;
        private final Map<String, List<Agreement>> agreements;
        private final Map<String, DiscountPricer> byGroup = new ConcurrentHashMap<>();
        /** The pricer by sub-account as well: one lookup a line instead of two. */
        private final Map<String, DiscountPricer> bySubAccount = new ConcurrentHashMap<>();

        Pricers(YearMonth period, Policy policy, Map<String, String> groupOf, Map<String, BigDecimal> volumes,
                Map<String, List<Agreement>> agreements) {
            this.period = period;
            this.policy = policy;
            this.groupOf = groupOf;
            this.volumes = volumes;
            this.agreements = agreements;
        }

        DiscountPricer of(String subAccountId) {
            DiscountPricer known = bySubAccount.get(subAccountId);
            if (known != null) {
                return known;
            }
            String group = groupOf.get(subAccountId);
            // No group (master data never leaves one without): fails in forGroup's look-ups, as it
            // did before the pricers were shared, rather than in the concurrent map, which refuses
            // a null key.
            DiscountPricer pricer = group == null ? forGroup(null) : byGroup.computeIfAbsent(group, this::forGroup);
            bySubAccount.put(subAccountId, pricer);
            return pricer;
        }

        private DiscountPricer forGroup(String group) {
            return DiscountPricer.forGroup(group, period, volumes.getOrDefault(group, BigDecimal.ZERO),
                    Agreement.inForceFor(agreements.getOrDefault(group, List.of()), group, period),
                    policy.discountTables());
        }
    }
}
