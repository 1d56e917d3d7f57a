package io.resettle.ingest;

import io.resettle.billing.BillingLine;
import io.resettle.support.csv.RejectReason;

/** The outcome for one export row: an accepted {@link BillingLine} or a reject with its reason. */
public record IngestedRow(long rowNo, BillingLine line, RejectReason reason, String detail, String raw) {

    public static IngestedRow accepted(long rowNo, BillingLine line) {
        return new IngestedRow(rowNo, line, null, null, null);
    }

    public static IngestedRow rejected(long rowNo, RejectReason reason, String detail, String raw) {
        return new IngestedRow(rowNo, null, reason, detail, raw);
    }

    public boolean isAccepted() {
        return line != null;
    }
}
