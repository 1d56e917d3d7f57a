package io.resettle.masterdata;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A PREPAID quota allocation, allocations.csv (R6.2); reference is empty text when the file has none. */
public record Allocation(String subAccountId, LocalDate date, BigDecimal amount, String reference) {
}
