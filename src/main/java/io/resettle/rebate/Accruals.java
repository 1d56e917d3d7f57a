package io.resettle.rebate;

import io.resettle.billing.Category;
import io.resettle.money.Money;
import io.resettle.policy.RebateProgram;
import io.resettle.policy.Tier;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Accruals of R7.5: for period P, per scope key and category, round2(R up to P) minus the accruals
 * already recorded for earlier periods of the same fiscal year. Late or corrected data thus lands as
 * a true-up, and the accruals of a fiscal year always add up to round2 of its year-to-date rebate.
 */
public final class Accruals {

    private Accruals() {
    }

    /**
     * Accrual per category for {@code period}. Recorded accruals of other fiscal years, and of
     * {@code period} itself or later (an earlier revision of a re-run), are ignored. A category with
     * earlier accruals but no rebate left (its lines were corrected away) accrues their reversal.
     */
    public static Map<Category, BigDecimal> accrue(RebateProgram program, YearMonth period,
            Map<Category, BigDecimal> ytdRebate, Collection<RecordedAccrual> recorded) {
        Map<Category, BigDecimal> before = accruedBefore(program, period, recorded);
        Set<Category> categories = EnumSet.noneOf(Category.class);
        categories.addAll(ytdRebate.keySet());
        categories.addAll(before.keySet());
        Map<Category, BigDecimal> accruals = new EnumMap<>(Category.class);
        for (Category category : categories) {
            BigDecimal rebate = Money.round2(ytdRebate.getOrDefault(category, BigDecimal.ZERO));
            accruals.put(category, rebate.subtract(before.getOrDefault(category, Money.ZERO)));
        }
        return Collections.unmodifiableMap(accruals);
    }

    /** Sum per category of the accruals recorded for earlier periods of the fiscal year of {@code period}. */
    public static Map<Category, BigDecimal> accruedBefore(RebateProgram program, YearMonth period,
            Collection<RecordedAccrual> recorded) {
        FiscalYear year = FiscalYear.of(period, program.fiscalYearStartMonth());
        Map<Category, BigDecimal> before = new EnumMap<>(Category.class);
        for (RecordedAccrual accrual : recorded) {
            if (year.contains(accrual.period()) && accrual.period().isBefore(period)) {
                before.merge(accrual.category(), accrual.amount(), BigDecimal::add);
            }
        }
        return before;
    }

    /**
     * The rows of rebates.csv for one (program, scope key) at {@code period}, one per category with
     * eligible lines in the fiscal year so far or with earlier accruals to reverse, in category order.
     */
    public static List<RebateRow> rows(RebateProgram program, String scopeId, YearMonth period, WalkState state,
            Collection<RecordedAccrual> recorded) {
        Map<Category, BigDecimal> ytdRebate = RebateWalk.ytdRebate(program, state);
        Map<Category, BigDecimal> accruals = accrue(program, period, ytdRebate, recorded);
        Optional<BigDecimal> tierFrom = RebateWalk.tierReached(program, state).map(Tier::from);
        List<RebateRow> rows = new ArrayList<>();
        for (Map.Entry<Category, BigDecimal> accrual : accruals.entrySet()) {
            Category category = accrual.getKey();
            rows.add(new RebateRow(program.id(), program.direction(), scopeId, category, period,
                    state.volumeOf(category), state.weightedVolumeOf(category), tierFrom,
                    Money.round2(ytdRebate.getOrDefault(category, BigDecimal.ZERO)), accrual.getValue()));
        }
        return rows;
    }

    /** A group's accrual of P for a program, summed over categories (R8.2). */
    public static BigDecimal total(Map<Category, BigDecimal> accruals) {
        return Money.round2(Money.sum(accruals.values()));
    }
}
