package io.resettle.rebate;

import io.resettle.billing.Category;
import java.math.BigDecimal;
import java.time.YearMonth;

/** An accrual already recorded by the settlement of an earlier period (R7.5), for one scope key. */
public record RecordedAccrual(YearMonth period, Category category, BigDecimal amount) {
}
