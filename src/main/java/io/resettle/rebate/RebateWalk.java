package io.resettle.rebate;

import io.resettle.billing.BillingLine;
import io.resettle.billing.Category;
import io.resettle.policy.RebateProgram;
import io.resettle.policy.Tier;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The year-to-date walk of one (program, scope key) whatever the program's mode (R7.2–R7.4): the
 * one object a rebate step feeds with the scope's lines of the fiscal year in event order (R2.4).
 * GRADUATED walks return each line's slices (R7.3); RETROACTIVE walks only add up volumes and work
 * out R from the tier W reaches (R7.4). Ineligible lines are skipped.
 *
 * <p>Not thread-safe. Save {@link #state()} after every chunk; a walk rebuilt from it continues
 * exactly.
 */
public final class RebateWalk {

    private final RebateProgram program;
    private final String scopeId;
    private final GraduatedWalk graduated;
    private WalkState retroactiveState;

    public RebateWalk(RebateProgram program, String scopeId, WalkState state) {
        this.program = Objects.requireNonNull(program);
        this.scopeId = Objects.requireNonNull(scopeId);
        if (program.mode() == RebateProgram.Mode.GRADUATED) {
            this.graduated = new GraduatedWalk(program, scopeId, state);
        } else {
            this.graduated = null;
            this.retroactiveState = Objects.requireNonNull(state);
        }
    }

    /** A walk at the start of the fiscal year. */
    public RebateWalk(RebateProgram program, String scopeId) {
        this(program, scopeId, WalkState.empty());
    }

    public RebateProgram program() {
        return program;
    }

    public String scopeId() {
        return scopeId;
    }

    /**
     * Feeds one line of the scope. Returns its slices for a GRADUATED program, nothing for a
     * RETROACTIVE one or for a line the program does not admit (R7.2).
     */
    public List<RebateSlice> feed(BillingLine line) {
        if (!RebateEligibility.admits(program, line)) {
            return List.of();
        }
        return feed(line.lineId(), line.category(), line.payableAmount());
    }

    /** Feeds one line already known to be eligible. */
    public List<RebateSlice> feed(String lineId, Category category, BigDecimal amount) {
        if (graduated != null) {
            return graduated.feed(lineId, category, amount);
        }
        retroactiveState = retroactiveState.plus(category, amount,
                program.weightOf(category).multiply(amount), null);
        return List.of();
    }

    public WalkState state() {
        return graduated != null ? graduated.state() : retroactiveState;
    }

    /** Year-to-date rebate R per category, unrounded. */
    public Map<Category, BigDecimal> ytdRebate() {
        return ytdRebate(program, state());
    }

    /** The tier reached by W, empty below the first tier (tier_from of rebates.csv). */
    public Optional<Tier> tierReached() {
        return tierReached(program, state());
    }

    /** R per category of a walk state: summed slices (GRADUATED) or all-units (RETROACTIVE). */
    public static Map<Category, BigDecimal> ytdRebate(RebateProgram program, WalkState state) {
        return program.mode() == RebateProgram.Mode.GRADUATED
                ? state.rebate()
                : RetroactiveRebate.of(program.tiers(), state);
    }

    /** The tier W reaches for a walk state, as {@link #tierReached()}. */
    public static Optional<Tier> tierReached(RebateProgram program, WalkState state) {
        return program.mode() == RebateProgram.Mode.GRADUATED
                ? GraduatedWalk.earningTier(program.tiers(), state.totalWeightedVolume())
                : RetroactiveRebate.tierReached(program.tiers(), state);
    }
}
