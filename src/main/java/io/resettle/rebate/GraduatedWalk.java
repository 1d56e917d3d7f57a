package io.resettle.rebate;

import io.resettle.billing.Category;
import io.resettle.money.Money;
import io.resettle.policy.RebateProgram;
import io.resettle.policy.Tier;
import io.resettle.policy.TierTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The marginal (累进) tier walk of R7.3 for ONE (program, scope key) and one fiscal year. Fed the
 * eligible lines in event order (R2.4); each line moves W from W0 to W0 + weight × amount and earns,
 * for every tier segment of that move, the tier's rate on the segment converted back to the line's
 * amount. Negative lines walk back down; volume below zero earns nothing; below the first tier the
 * rate is 0; a line of weight 0 earns the rate of the tier W0 is in.
 *
 * <p>Not thread-safe. Its whole running state is {@link #state()}, which a restarted step hands back
 * to the constructor to continue exactly.
 */
public final class GraduatedWalk {

    private final RebateProgram program;
    private final String scopeId;
    private final TierTable tiers;
    /** Points where the earning tier may change: 0 and every tier's {@code from} above 0. */
    private final List<BigDecimal> boundaries;
    // The running totals, kept mutable: a WalkState per line copied six maps per line (the
    // 1M-line bench spent a tenth of computeRebates there). state() makes the value.
    private final Map<Category, BigDecimal> volume = new EnumMap<>(Category.class);
    private final Map<Category, BigDecimal> weightedVolume = new EnumMap<>(Category.class);
    private final Map<Category, BigDecimal> rebate = new EnumMap<>(Category.class);
    /** W: the sum of {@code weightedVolume}, kept as it moves (sums of BigDecimals are exact). */
    private BigDecimal totalWeightedVolume;

    public GraduatedWalk(RebateProgram program, String scopeId, WalkState state) {
        this.program = Objects.requireNonNull(program);
        this.scopeId = Objects.requireNonNull(scopeId);
        this.tiers = program.tiers();
        Objects.requireNonNull(state);
        this.volume.putAll(state.volume());
        this.weightedVolume.putAll(state.weightedVolume());
        this.rebate.putAll(state.rebate());
        this.totalWeightedVolume = state.totalWeightedVolume();
        TreeSet<BigDecimal> points = new TreeSet<>(BigDecimal::compareTo);
        points.add(BigDecimal.ZERO);
        for (Tier tier : tiers.tiers()) {
            if (tier.from().signum() > 0) {
                points.add(tier.from());
            }
        }
        this.boundaries = List.copyOf(points);
    }

    /** A walk at the start of the fiscal year. */
    public GraduatedWalk(RebateProgram program, String scopeId) {
        this(program, scopeId, WalkState.empty());
    }

    public WalkState state() {
        return new WalkState(volume, weightedVolume, rebate);
    }

    /**
     * Walks one eligible line (the caller has applied R7.2) and returns its slices in walking order:
     * ascending tiers for a positive line, descending for a negative one. A line that does not move
     * W (weight 0 or amount 0) gives one slice at the tier W0 is in.
     */
    public List<RebateSlice> feed(String lineId, Category category, BigDecimal amount) {
        BigDecimal weight = program.weightOf(category);
        BigDecimal w0 = totalWeightedVolume;
        BigDecimal move = weight.multiply(amount);
        List<RebateSlice> slices = new ArrayList<>();
        if (move.signum() == 0) {
            slices.add(slice(lineId, category, earningTier(w0), amount));
        } else if (!boundaryBetween(w0, w0.add(move))) {
            // Most lines move W within one tier: one segment, the tier at its lower end (half-open
            // tiers, as segments() cuts them), the whole amount.
            slices.add(slice(lineId, category, earningTier(move.signum() > 0 ? w0 : w0.add(move)), amount));
        } else {
            List<Segment> segments = segments(w0, w0.add(move));
            BigDecimal assigned = BigDecimal.ZERO;
            for (int i = 0; i < segments.size(); i++) {
                Segment segment = segments.get(i);
                // The last slice takes the remainder so that slices add up to the line exactly.
                BigDecimal part = i == segments.size() - 1
                        ? amount.subtract(assigned)
                        : divide(segment.length(), weight);
                assigned = assigned.add(part);
                slices.add(slice(lineId, category, segment.tier(), part));
            }
        }
        BigDecimal lineRebate = BigDecimal.ZERO;
        for (RebateSlice slice : slices) {
            lineRebate = lineRebate.add(slice.rebate());
        }
        volume.merge(category, amount, BigDecimal::add);
        weightedVolume.merge(category, move, BigDecimal::add);
        rebate.merge(category, lineRebate, BigDecimal::add);
        totalWeightedVolume = totalWeightedVolume.add(move);
        return slices;
    }

    /** The tier W has reached (empty below the first tier or below zero): tier_from of rebates.csv. */
    public Optional<Tier> tierReached() {
        return earningTier(tiers, totalWeightedVolume);
    }

    /** The tier that earns at volume w: none below zero (R7.3), else the highest with from ≤ w. */
    static Optional<Tier> earningTier(TierTable tiers, BigDecimal w) {
        return w.signum() < 0 ? Optional.empty() : tiers.tierAt(w);
    }

    private Optional<Tier> earningTier(BigDecimal w) {
        return earningTier(tiers, w);
    }

    /** Whether a boundary lies strictly between a and b (either way round). */
    private boolean boundaryBetween(BigDecimal a, BigDecimal b) {
        BigDecimal low = a.min(b);
        BigDecimal high = a.max(b);
        for (BigDecimal boundary : boundaries) {
            if (boundary.compareTo(low) > 0 && boundary.compareTo(high) < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The move from a to b cut at the boundaries strictly between them, in walking order, with
     * signed lengths; neighbouring pieces that earn in the same tier are merged.
     */
    private List<Segment> segments(BigDecimal a, BigDecimal b) {
        boolean up = b.compareTo(a) > 0;
        BigDecimal low = up ? a : b;
        BigDecimal high = up ? b : a;
        List<BigDecimal> cuts = new ArrayList<>();
        cuts.add(low);
        for (BigDecimal boundary : boundaries) {
            if (boundary.compareTo(low) > 0 && boundary.compareTo(high) < 0) {
                cuts.add(boundary);
            }
        }
        cuts.add(high);
        List<Segment> ascending = new ArrayList<>();
        for (int i = 0; i < cuts.size() - 1; i++) {
            // Tiers are half-open [from, next): the piece [x, y) earns in the tier at x.
            Optional<Tier> tier = earningTier(cuts.get(i));
            BigDecimal length = cuts.get(i + 1).subtract(cuts.get(i));
            Segment last = ascending.isEmpty() ? null : ascending.get(ascending.size() - 1);
            if (last != null && sameTier(last.tier(), tier)) {
                ascending.set(ascending.size() - 1, new Segment(tier, last.length().add(length)));
            } else {
                ascending.add(new Segment(tier, length));
            }
        }
        if (up) {
            return ascending;
        }
        List<Segment> descending = new ArrayList<>(ascending.size());
        for (int i = ascending.size() - 1; i >= 0; i--) {
            Segment segment = ascending.get(i);
            descending.add(new Segment(segment.tier(), segment.length().negate()));
        }
        return descending;
    }

    private RebateSlice slice(String lineId, Category category, Optional<Tier> tier, BigDecimal amount) {
        BigDecimal rate = tier.map(t -> t.rateFor(category)).orElse(BigDecimal.ZERO);
        return new RebateSlice(program.id(), scopeId, lineId, category, tier.map(Tier::from), amount, rate,
                amount.multiply(rate));
    }

    private static boolean sameTier(Optional<Tier> left, Optional<Tier> right) {
        if (left.isEmpty() || right.isEmpty()) {
            return left.isEmpty() && right.isEmpty();
        }
        return left.get().from().compareTo(right.get().from()) == 0;
    }

    /** Exact when the quotient terminates (weights such as 1, 0.5, 1.25), else at {@link Money#RATIO}. */
    private static BigDecimal divide(BigDecimal length, BigDecimal weight) {
        try {
            return length.divide(weight);
        } catch (ArithmeticException nonTerminating) {
            return length.divide(weight, Money.RATIO);
        }
    }

    private record Segment(Optional<Tier> tier, BigDecimal length) {
    }
}
