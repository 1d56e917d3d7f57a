package io.resettle.masterdata;

import java.math.BigDecimal;
import java.time.YearMonth;

/** A discount agreement of a group, agreements.csv (R5.1). {@code terminatedOn} is {@code null} unless ended early. */
public record AgreementTerms(String agreementId, String groupId, String discountTable, YearMonth termStart,
        YearMonth termEnd, BigDecimal minCommitment, ClawbackMode clawbackMode, BigDecimal penaltyRate,
        YearMonth terminatedOn) {

    public enum ClawbackMode { NONE, PRORATED, FULL }

    /** The last month the agreement is in force: terminated_on if set, else term_end (R5.2's closing period). */
    public YearMonth closingPeriod() {
        return terminatedOn != null ? terminatedOn : termEnd;
    }

    public boolean inForce(YearMonth period) {
        return !period.isBefore(termStart) && !period.isAfter(closingPeriod());
    }
}
