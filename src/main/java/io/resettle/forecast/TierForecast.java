package io.resettle.forecast;

import io.resettle.billing.Category;
import io.resettle.money.Money;
import io.resettle.policy.Tier;
import io.resettle.policy.TierTable;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of {@code resettle forecast}: a group against its discount table (month to date, R4.2)
 * or a rebate program's scope key (year-to-date weighted volume W, R7.1), the tier reached, the
 * next tier edge, the volume still needed to cross it and what crossing it is worth.
 * <p>
 * Worth = Σ over categories of amount(c) × (next tier's rate(c) − current rate(c)), the current
 * rate 0 below the first tier, rounded once (round2). For a discount table that is the extra
 * discount the group's month-to-date lines would get (R4.2 gives one rate to the whole month); for a
 * rebate program it is the tier engine's rate difference on the year-to-date eligible amounts
 * (exactly the RETROACTIVE true-up; for GRADUATED an indication, see docs/decisions.md).
 *
 * @param kind           DISCOUNT_TABLE or PROGRAM
 * @param programOrTable the discount table's name or the program id
 * @param scope          the group id, or a program's scope key (R7.1)
 * @param volume         V(G,P) month to date, or W year to date
 * @param tierFrom       the {@code from} of the tier reached; empty below the first tier
 * @param nextTierFrom   the next tier edge above the volume; empty at the top tier
 * @param needed         nextTierFrom − volume; empty at the top tier
 * @param worth          what crossing is worth; empty at the top tier
 */
public record TierForecast(
        Kind kind,
        String programOrTable,
        String scope,
        BigDecimal volume,
        Optional<BigDecimal> tierFrom,
        Optional<BigDecimal> nextTierFrom,
        Optional<BigDecimal> needed,
        Optional<BigDecimal> worth) {

    /** Closest first: the smallest volume still needed, then the highest worth; top tiers last. */
    public static final Comparator<TierForecast> CLOSEST_FIRST = Comparator
            .comparing((TierForecast f) -> f.needed().orElse(null), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(f -> f.worth().orElse(BigDecimal.ZERO), Comparator.reverseOrder())
            .thenComparing(TierForecast::kind).thenComparing(TierForecast::programOrTable)
            .thenComparing(TierForecast::scope);

    /** The order of forecast.csv and of the forecast table's natural key. */
    public static final Comparator<TierForecast> FILE_ORDER = Comparator.comparing(TierForecast::kind)
            .thenComparing(TierForecast::programOrTable).thenComparing(TierForecast::scope);

    public enum Kind { DISCOUNT_TABLE, PROGRAM }

    public TierForecast {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(programOrTable, "programOrTable");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(volume, "volume");
    }

    /**
     * The forecast of one tier table.
     *
     * @param tierVolume the volume that picks the tier (V(G,P) or W)
     * @param amounts    per category, the amounts the rates apply to (month-to-date volume lines, or
     *                   year-to-date eligible amounts)
     */
    public static TierForecast of(Kind kind, String programOrTable, String scope, TierTable tiers,
            BigDecimal tierVolume, Map<Category, BigDecimal> amounts) {
        Optional<Tier> current = tiers.tierAt(tierVolume);
        Optional<Tier> next = tiers.tiers().stream().filter(t -> t.from().compareTo(tierVolume) > 0).findFirst();
        if (next.isEmpty()) {
            return new TierForecast(kind, programOrTable, scope, tierVolume, current.map(Tier::from), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
        BigDecimal worth = BigDecimal.ZERO;
        for (Map.Entry<Category, BigDecimal> e : amounts.entrySet()) {
            BigDecimal currentRate = current.map(t -> t.rateFor(e.getKey())).orElse(BigDecimal.ZERO);
            worth = worth.add(e.getValue().multiply(next.get().rateFor(e.getKey()).subtract(currentRate)));
        }
        return new TierForecast(kind, programOrTable, scope, tierVolume, current.map(Tier::from),
                Optional.of(next.get().from()), Optional.of(next.get().from().subtract(tierVolume)),
                Optional.of(Money.round2(worth)));
    }
}
