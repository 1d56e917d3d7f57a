package io.resettle.support.csv;


/** Thrown while normalising a row: the row is rejected with this reason and detail. */
public class RowRejectedException extends RuntimeException {

    private final RejectReason reason;

    public RowRejectedException(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
