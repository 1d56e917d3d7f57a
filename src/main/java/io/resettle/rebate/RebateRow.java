package io.resettle.rebate;

import io.resettle.billing.Category;
import io.resettle.policy.RebateProgram;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Optional;

/**
 * One row of rebates.csv (io-contract §3, R7.5): a (program, scope key, category) at period P.
 *
 * @param ytdVolume         year-to-date eligible amount of the category, unrounded
 * @param ytdWeightedVolume year-to-date weight × amount of the category, unrounded
 * @param tierFrom          the {@code from} of the tier W (all categories) reaches; empty below the first
 * @param ytdRebate         round2(R) of the category
 * @param accrual           round2(R) − accruals recorded for earlier periods of the fiscal year
 */
public record RebateRow(
        String program,
        RebateProgram.Direction direction,
        String scopeId,
        Category category,
        YearMonth period,
        BigDecimal ytdVolume,
        BigDecimal ytdWeightedVolume,
        Optional<BigDecimal> tierFrom,
        BigDecimal ytdRebate,
        BigDecimal accrual) {
}
