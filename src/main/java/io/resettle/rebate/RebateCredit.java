package io.resettle.rebate;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * A REBATE_CREDIT invoice line of a CREDIT_NOTE group (R8.2): the negative of the group's accrual
 * of {@code accrualPeriod} for a program, on the invoice of {@code invoicePeriod} (the next period)
 * of the group's PRIMARY sub-account. Not staged.
 *
 * @param amount payable = net of the line: negative for a positive accrual
 */
public record RebateCredit(
        String program,
        String groupId,
        String subAccountId,
        YearMonth accrualPeriod,
        YearMonth invoicePeriod,
        BigDecimal amount) {

    /** Line id {@code REBATE-{program}-{accrual period}} (io-contract §3). */
    public String lineId() {
        return "REBATE-" + program + "-" + accrualPeriod;
    }
}
