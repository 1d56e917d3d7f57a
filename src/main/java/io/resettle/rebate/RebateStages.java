package io.resettle.rebate;

import io.resettle.money.Money;
import io.resettle.payable.ItemType;
import io.resettle.policy.RebateProgram;
import io.resettle.policy.RebateProgram.Stage;
import io.resettle.policy.RebateProgram.StageCondition;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Paying a PAYABLE program's accruals to a group (R8): credit notes (R8.2), staged cash payouts with
 * conditions checked when due (R8.3), and negative accruals that first reduce pending stages, then
 * claw back (R8.4). The group's accrual is its accrual of the period summed over categories
 * ({@link Accruals#total}).
 */
public final class RebateStages {

    /** What a PAYABLE program without stages pays: one stage of share 1, due the month after (io-contract §1). */
    public static final Stage DEFAULT_STAGE = new Stage(BigDecimal.ONE, 1, StageCondition.NONE);

    /** Latest due first; among stages due together, the latest accrual and the last stage first. */
    private static final Comparator<RebateStage> REDUCTION_ORDER = Comparator
            .comparing(RebateStage::duePeriod)
            .thenComparing(RebateStage::accrualPeriod)
            .thenComparingInt(RebateStage::index)
            .reversed();

    private RebateStages() {
    }

    /**
     * Splits a positive accrual of {@code accrualPeriod} into the program's stages (R8.3, R1.3):
     * every stage but the last is round2 of its share, the last takes the remainder. Zero gives no
     * stages.
     */
    public static List<RebateStage> split(RebateProgram program, String groupId, YearMonth accrualPeriod,
            BigDecimal accrual) {
        requirePayable(program);
        if (accrual.signum() < 0) {
            throw new IllegalArgumentException("negative accruals reduce stages, they are not split: " + accrual);
        }
        if (accrual.signum() == 0) {
            return List.of();
        }
        List<Stage> stages = program.stages().isEmpty() ? List.of(DEFAULT_STAGE) : program.stages();
        List<BigDecimal> amounts = Money.instalments(accrual, stages.stream().map(Stage::share).toList());
        List<RebateStage> split = new ArrayList<>(stages.size());
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            split.add(new RebateStage(program.id(), groupId, accrualPeriod, i + 1, amounts.get(i),
                    accrualPeriod.plusMonths(stage.dueAfterMonths()), stage.condition()));
        }
        return List.copyOf(split);
    }

    /**
     * A negative accrual booked in the run of {@code period} (R8.4): it first reduces the group's
     * pending stages of the same program (due after {@code period}), latest due first, each down to
     * 0 at most; what remains becomes a CLAWBACK item of the run. Stages of other programs or groups,
     * and stages not pending, are left alone.
     */
    public static Reduction reduce(RebateProgram program, String groupId, YearMonth period, BigDecimal accrual,
            Collection<RebateStage> stages) {
        requirePayable(program);
        if (accrual.signum() > 0) {
            throw new IllegalArgumentException("only a negative accrual reduces stages: " + accrual);
        }
        List<RebateStage> pending = stages.stream()
                .filter(stage -> stage.program().equals(program.id()) && stage.groupId().equals(groupId))
                .filter(stage -> stage.isPendingIn(period) && stage.amount().signum() > 0)
                .sorted(REDUCTION_ORDER)
                .toList();
        BigDecimal open = Money.round2(accrual).negate();
        List<RebateStage> reduced = new ArrayList<>();
        for (RebateStage stage : pending) {
            if (open.signum() == 0) {
                break;
            }
            BigDecimal cut = stage.amount().min(open);
            reduced.add(stage.withAmount(stage.amount().subtract(cut)));
            open = open.subtract(cut);
        }
        Optional<RebatePayoutItem> clawback = open.signum() == 0 ? Optional.empty()
                : Optional.of(new RebatePayoutItem(groupId, ItemType.CLAWBACK,
                        clawbackReference(program.id(), period), period, open.negate()));
        return new Reduction(List.copyOf(reduced), clawback);
    }

    /**
     * A CASH group's accrual of {@code period} for a program (R8.3, R8.4): a positive one is split
     * into new stages, a negative one reduces {@code existingStages} and may claw back.
     */
    public static CashAccrual cash(RebateProgram program, String groupId, YearMonth period, BigDecimal accrual,
            Collection<RebateStage> existingStages) {
        if (accrual.signum() >= 0) {
            return new CashAccrual(split(program, groupId, period, accrual), List.of(), Optional.empty());
        }
        Reduction reduction = reduce(program, groupId, period, accrual, existingStages);
        return new CashAccrual(List.of(), reduction.reducedStages(), reduction.clawback());
    }

    /**
     * A CREDIT_NOTE group's accrual of {@code accrualPeriod} (R8.2): one REBATE_CREDIT line of minus
     * the accrual on the next period's invoice of the PRIMARY sub-account; nothing for a zero accrual.
     */
    public static Optional<RebateCredit> creditNote(RebateProgram program, String groupId, String primarySubAccountId,
            YearMonth accrualPeriod, BigDecimal accrual) {
        requirePayable(program);
        BigDecimal amount = Money.round2(accrual);
        if (amount.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(new RebateCredit(program.id(), groupId, primarySubAccountId, accrualPeriod,
                accrualPeriod.plusMonths(1), amount.negate()));
    }

    /**
     * Whether a stage's condition holds when it falls due (R8.3): NONE always; ACTIVE when the group's
     * eligible volume in the due period is positive; RENEWED when the group has a RENEWAL line in a
     * period after the accrual period, up to and including the due period.
     *
     * @param eligibleVolumeInDuePeriod the group's eligible volume for the program in the due period
     * @param renewalPeriods            periods in which the group has at least one RENEWAL line
     */
    public static boolean conditionHolds(RebateStage stage, BigDecimal eligibleVolumeInDuePeriod,
            Collection<YearMonth> renewalPeriods) {
        return switch (stage.condition()) {
            case NONE -> true;
            case ACTIVE -> eligibleVolumeInDuePeriod.signum() > 0;
            case RENEWED -> renewalPeriods.stream().anyMatch(renewal ->
                    renewal.isAfter(stage.accrualPeriod()) && !renewal.isAfter(stage.duePeriod()));
        };
    }

    /**
     * The payout item of a stage that has fallen due (R8.3): REBATE_STAGE when its condition holds,
     * else FORFEITED (recorded, never paid).
     */
    public static RebatePayoutItem fallDue(RebateStage stage, BigDecimal eligibleVolumeInDuePeriod,
            Collection<YearMonth> renewalPeriods) {
        ItemType type = conditionHolds(stage, eligibleVolumeInDuePeriod, renewalPeriods)
                ? ItemType.REBATE_STAGE
                : ItemType.FORFEITED;
        return new RebatePayoutItem(stage.groupId(), type, stage.reference(), stage.duePeriod(), stage.amount());
    }

    /** Reference of the CLAWBACK item of a negative accrual: {@code REBATE-{program}-{P}-CLAWBACK}. */
    public static String clawbackReference(String program, YearMonth period) {
        return "REBATE-" + program + "-" + period + "-CLAWBACK";
    }

    private static void requirePayable(RebateProgram program) {
        if (program.direction() != RebateProgram.Direction.PAYABLE) {
            throw new IllegalArgumentException("program " + program.id() + " is RECEIVABLE: never paid out (R7.6)");
        }
    }

    /**
     * Result of {@link #reduce}.
     *
     * @param reducedStages the stages whose amount changed, with their new amount
     * @param clawback      the CLAWBACK item (negative) of what no pending stage absorbed, if any
     */
    public record Reduction(List<RebateStage> reducedStages, Optional<RebatePayoutItem> clawback) {
    }

    /**
     * Result of {@link #cash}.
     *
     * @param newStages     stages of a positive accrual
     * @param reducedStages pending stages reduced by a negative accrual, with their new amount
     * @param clawback      the CLAWBACK item of a negative accrual, if any
     */
    public record CashAccrual(List<RebateStage> newStages, List<RebateStage> reducedStages,
            Optional<RebatePayoutItem> clawback) {
    }
}
