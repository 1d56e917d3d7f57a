package io.resettle.policy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Tiers in ascending order of {@code from} (validated when the policy is loaded). */
public record TierTable(List<Tier> tiers) {

    public TierTable {
        tiers = List.copyOf(tiers);
    }

    /** The highest tier whose {@code from} ≤ volume (R4.2); empty below the first tier (R7.1). */
    public Optional<Tier> tierAt(BigDecimal volume) {
        Tier reached = null;
        for (Tier tier : tiers) {
            if (tier.from().compareTo(volume) <= 0) {
                reached = tier;
            }
        }
        return Optional.ofNullable(reached);
    }
}
