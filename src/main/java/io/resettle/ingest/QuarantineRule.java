package io.resettle.ingest;

import java.math.BigDecimal;

/** R2.6: a file whose rejected share of rows exceeds {@code ingest.max_reject_ratio} is quarantined whole. */
public final class QuarantineRule {

    private QuarantineRule() {
    }

    public static FileStatus statusOf(long rows, long rejected, BigDecimal maxRejectRatio) {
        if (rows == 0) {
            return FileStatus.ACCEPTED;
        }
        boolean tooMany = BigDecimal.valueOf(rejected).compareTo(maxRejectRatio.multiply(BigDecimal.valueOf(rows))) > 0;
        return tooMany ? FileStatus.QUARANTINED : FileStatus.ACCEPTED;
    }
}
