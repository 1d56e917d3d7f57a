package io.resettle.rebate;

import io.resettle.billing.Category;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The part of one eligible line that falls inside one tier of a GRADUATED walk (R7.3): a row of
 * rebate-slices.csv. Amount and rebate are unrounded; amounts of a line's slices add up to the line's
 * payable amount.
 *
 * @param tierFrom the {@code from} of the tier, empty below the first tier and below zero volume
 * @param amount   the slice converted back to the line's amount (volume segment ÷ weight)
 * @param rate     the tier's rate for the category, 0 where nothing is earned
 * @param rebate   amount × rate
 */
public record RebateSlice(
        String program,
        String scopeId,
        String lineId,
        Category category,
        Optional<BigDecimal> tierFrom,
        BigDecimal amount,
        BigDecimal rate,
        BigDecimal rebate) {
}
