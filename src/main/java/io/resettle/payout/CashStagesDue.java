package io.resettle.payout;

import io.resettle.billing.BillingLine;
import io.resettle.payable.Payee;
import io.resettle.payable.PayoutItem;
import io.resettle.policy.RebateProgram;
import io.resettle.rebate.RebateEligibility;
import io.resettle.rebate.RebatePayoutItem;
import io.resettle.rebate.RebateStage;
import io.resettle.rebate.RebateStages;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * R8.3, R8.4 in the payout run of P: the CASH groups' accruals of P become stages or reduce pending
 * ones (a remainder is clawed back), and the stages due by P fall due, paid or FORFEITED by their
 * condition. In two steps, because a condition needs the eligible volume of the stages that fall due:
 * {@link #advance}, then {@link #itemsDue} once those volumes are known.
 */
public final class CashStagesDue {

    private CashStagesDue() {
    }

    /** A group's PAYABLE accrual of P for a program, summed over categories (R8.2). */
    public record Accrual(String program, String groupId, BigDecimal amount) {
    }

    /**
     * The stages after P's accruals.
     *
     * @param clawbacks CLAWBACK items of negative accruals no pending stage absorbed, in accrual order
     * @param due       stages due by P, to be paid or forfeited now
     * @param pending   stages due after P: what P hands to the next run
     */
    public record Advance(List<PayoutItem> clawbacks, List<RebateStage> due, List<RebateStage> pending) {

        public Advance {
            clawbacks = List.copyOf(clawbacks);
            due = List.copyOf(due);
            pending = List.copyOf(pending);
        }
    }

    /**
     * R8.3, R8.4: applies P's accruals to the stages the previous settled run handed on. A program
     * missing from the policy, an AGENT-scope program or a group that is not CASH is left alone. The
     * stages of each (program, group) are found by key, so the work grows with the number of stages,
     * not with groups × stages (issue 20). Stages an accrual touched follow the untouched ones, in
     * accrual order: each group's earlier stages (reduced where a negative accrual cut them, E5), then
     * its new ones.
     *
     * @param accruals in (program, group) order; one per (program, group)
     * @param paysCash whether a group takes its rebates as CASH (R8.1)
     */
    public static Advance advance(YearMonth period, Map<String, RebateProgram> programs, List<RebateStage> handedOn,
            List<Accrual> accruals, Predicate<String> paysCash) {
        Map<List<String>, List<RebateStage>> byKey = new HashMap<>();
        for (RebateStage stage : handedOn) {
            byKey.computeIfAbsent(key(stage.program(), stage.groupId()), k -> new ArrayList<>()).add(stage);
        }
        Set<List<String>> touched = new HashSet<>();
        List<RebateStage> afterAccruals = new ArrayList<>();
        List<PayoutItem> clawbacks = new ArrayList<>();
        for (Accrual accrual : accruals) {
            RebateProgram program = programs.get(accrual.program());
            if (program == null || program.scope() != RebateProgram.Scope.GROUP || !paysCash.test(accrual.groupId())) {
                continue;
            }
            List<String> key = key(program.id(), accrual.groupId());
            List<RebateStage> existing = byKey.getOrDefault(key, List.of());
            RebateStages.CashAccrual cash = RebateStages.cash(program, accrual.groupId(), period, accrual.amount(),
                    existing);
            touched.add(key);
            Map<String, RebateStage> reduced = new HashMap<>();
            cash.reducedStages().forEach(stage -> reduced.putIfAbsent(stage.reference(), stage));
            // reducedStages holds only the stages a negative accrual cut; the others stay as they were (E5).
            existing.forEach(stage -> afterAccruals.add(reduced.getOrDefault(stage.reference(), stage)));
            afterAccruals.addAll(cash.newStages());
            cash.clawback().ifPresent(clawback -> clawbacks.add(item(clawback)));
        }
        List<RebateStage> stages = new ArrayList<>();
        handedOn.stream().filter(stage -> !touched.contains(key(stage.program(), stage.groupId()))).forEach(stages::add);
        stages.addAll(afterAccruals);
        List<RebateStage> due = new ArrayList<>();
        List<RebateStage> pending = new ArrayList<>();
        for (RebateStage stage : stages) {
            (stage.isPendingIn(period) ? pending : due).add(stage);
        }
        return new Advance(clawbacks, due, pending);
    }

    /**
     * R8.3: the items of the run, the clawbacks first, then each due stage as REBATE_STAGE when its
     * condition holds, else FORFEITED. A stage of a program no longer in the policy has no eligible
     * volume.
     *
     * @param volumes  the eligible volumes of the due stages ({@link #eligibleVolumes})
     * @param renewals per group, the periods with a RENEWAL line; needed for RENEWED stages only
     */
    public static List<PayoutItem> itemsDue(Advance advance, EligibleVolumes volumes,
            Map<String, ? extends Collection<YearMonth>> renewals) {
        List<PayoutItem> items = new ArrayList<>(advance.clawbacks());
        for (RebateStage stage : advance.due()) {
            items.add(item(RebateStages.fallDue(stage, volumes.of(stage),
                    renewals.containsKey(stage.groupId()) ? renewals.get(stage.groupId()) : List.of())));
        }
        return items;
    }

    /** An empty tally of the due stages' eligible volumes: feed it the lines of their groups and due periods. */
    public static EligibleVolumes eligibleVolumes(Collection<RebateStage> due, Map<String, RebateProgram> programs) {
        return new EligibleVolumes(due, programs);
    }

    static PayoutItem item(RebatePayoutItem item) {
        return PayoutItem.open(Payee.group(item.groupId()), item.itemType(), item.reference(), item.duePeriod(),
                item.amount());
    }

    private static List<String> key(String program, String groupId) {
        return List.of(program, groupId);
    }

    /**
     * R8.3's ACTIVE condition: per due stage, the group's volume in the due period of the lines its
     * program admits ({@link RebateEligibility#admits}). Lines are added one at a time, so a caller
     * can stream them.
     */
    public static final class EligibleVolumes {

        private final Map<String, RebateProgram> programs;
        /** Per (group, due period), the programs with a stage due then. */
        private final Map<List<Object>, Set<String>> wanted = new HashMap<>();
        private final Map<List<Object>, BigDecimal> volumes = new HashMap<>();

        private EligibleVolumes(Collection<RebateStage> due, Map<String, RebateProgram> programs) {
            this.programs = programs;
            for (RebateStage stage : due) {
                if (programs.containsKey(stage.program())) {
                    wanted.computeIfAbsent(List.of(stage.groupId(), stage.duePeriod()), k -> new HashSet<>())
                            .add(stage.program());
                }
            }
        }

        /** Per due period, the groups whose lines of that period are needed. */
        public Map<YearMonth, Set<String>> groupsByPeriod() {
            Map<YearMonth, Set<String>> byPeriod = new TreeMap<>();
            wanted.keySet().forEach(key -> byPeriod.computeIfAbsent((YearMonth) key.get(1), p -> new TreeSet<>())
                    .add((String) key.get(0)));
            return byPeriod;
        }

        /** Adds a billing line of the group in its period. */
        public void add(String groupId, BillingLine line) {
            for (String program : wanted.getOrDefault(List.of(groupId, line.period()), Set.of())) {
                if (RebateEligibility.admits(programs.get(program), line)) {
                    volumes.merge(List.of(program, groupId, line.period()), line.payableAmount(), BigDecimal::add);
                }
            }
        }

        /** The stage's eligible volume in its due period; 0 without lines or when its program is gone. */
        public BigDecimal of(RebateStage stage) {
            return volumes.getOrDefault(List.of(stage.program(), stage.groupId(), stage.duePeriod()), BigDecimal.ZERO);
        }
    }
}
