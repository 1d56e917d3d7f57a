package io.resettle.pricing.batch;

import io.resettle.billing.BillingLine;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A billing line to price; for a refund, the rate its related line got in an earlier period
 * and the related line if it is of this period (R4.4).
 */
record PeriodLine(BillingLine line, Optional<BillingLine> relatedInPeriod, Optional<BigDecimal> earlierRate) {
}
