package io.resettle.rebate;

import io.resettle.policy.RebateProgram.StageCondition;
import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * One stage of a group's positive CASH accrual (R8.3), due in {@code duePeriod} and paid only if its
 * condition holds then. Negative accruals of later periods may reduce {@code amount} while the stage
 * is pending (R8.4).
 *
 * @param index 1-based stage number within the accrual
 */
public record RebateStage(
        String program,
        String groupId,
        YearMonth accrualPeriod,
        int index,
        BigDecimal amount,
        YearMonth duePeriod,
        StageCondition condition) {

    /** {@code REBATE-{program}-{P}-S{i}} (R8.3). */
    public String reference() {
        return "REBATE-" + program + "-" + accrualPeriod + "-S" + index;
    }

    /** Pending in the run of {@code period}: due after it (R8.4). */
    public boolean isPendingIn(YearMonth period) {
        return duePeriod.isAfter(period);
    }

    public RebateStage withAmount(BigDecimal newAmount) {
        return new RebateStage(program, groupId, accrualPeriod, index, newAmount, duePeriod, condition);
    }
}
