package io.resettle.pricing.batch;

import io.resettle.masterdata.Agreement;
import io.resettle.policy.Policy;
import io.resettle.policy.batch.PolicyStore;
import io.resettle.pricing.DiscountPricer;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * The pricers of one settle run, built once in this JVM and shared by the run's priceLines
 * partitions. Every partition prices lines of nearly every sub-account: when each built its own
 * map of the sub-accounts' groups and its own pricers, 200,000 sub-accounts meant eight maps of
 * 200,000 entries a run, each of which outlived the young generation and was copied and promoted
 * (issue 20, docs/performance.md). A {@link DiscountPricer} is immutable, so threads share them.
 *
 * <p>Holds one run's pricers at a time, keyed by its job execution (its id and when it was
 * created, since a database recreated under a long-lived worker issues the same ids again) and its
 * period and revision: a partition of another run (another period, or the restart of this one)
 * builds its own and replaces them. The priceLines step drops them when it ends
 * ({@link #releaseWhenStepEnds()}); a remote worker, which sees only partitions, keeps the last
 * run's until the next.
 */
@Component
class RunPricers {

    private final PricingStore store;
    private final GroupVolumeStore groupVolumes;
    private final PolicyStore policies;
    /** Whose pricers are held: null when none are. */
    private Run run;
    private Pricers pricers;

    /** One settle run's pricing: its job execution, and the period and revision it prices. */
    record Run(long jobExecutionId, LocalDateTime created, YearMonth period, int revision) {
    }

    RunPricers(PricingStore store, GroupVolumeStore groupVolumes, PolicyStore policies) {
        this.store = store;
        this.groupVolumes = groupVolumes;
        this.policies = policies;
    }

    /** The run's pricers, built by the first partition that asks (the others wait for it). */
    synchronized Pricers of(Run run) {
        if (!run.equals(this.run)) {
            YearMonth period = run.period();
            pricers = new Pricers(period, policies.inForce(period), store.groupOfSubAccount(),
                    // The volumes computeGroupVolumes recorded, not summed again: each sum was a
                    // scan of the whole period.
                    groupVolumes.recordedGroupVolumes(period, run.revision()), Agreement.byGroup(store.agreements()));
            this.run = run;
        }
        return pricers;
    }

    /** Whether a run's pricers are held. */
    synchronized boolean holdsAny() {
        return run != null;
    }

    /** Forgets the run's pricers once its priceLines step has ended, however it ended. */
    StepExecutionListener releaseWhenStepEnds() {
        return new StepExecutionListener() {
            @Override
            public ExitStatus afterStep(StepExecution stepExecution) {
                release(stepExecution.getJobExecutionId());
                return null;
            }
        };
    }

    synchronized void release(long jobExecutionId) {
        if (run != null && run.jobExecutionId() == jobExecutionId) {
            pricers = null;
            run = null;
        }
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
