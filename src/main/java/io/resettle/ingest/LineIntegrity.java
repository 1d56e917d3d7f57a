package io.resettle.ingest;

import io.resettle.billing.BillingLine;
import io.resettle.support.csv.RejectReason;
import io.resettle.support.csv.RowRejectedException;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * The last checks on a normalised line before it is stored (issue 15: one bad cell never fails the
 * period): every text fits the column that stores it (VALUE_TOO_LONG), every time lies in years
 * 1900-9999 (BAD_DATE: the databases cannot all store the rest, and no bill is dated there), and the
 * currency is written in capitals, as ISO 4217 has it ({@code cny} is CNY).
 */
public final class LineIntegrity {

    /** Widths of the staged_line / billing_line columns (db/migration V2). */
    public static final int ID_LENGTH = 200;
    public static final int SUB_ACCOUNT_LENGTH = 100;
    public static final int CURRENCY_LENGTH = 3;

    private static final LocalDateTime EARLIEST = LocalDateTime.of(1900, 1, 1, 0, 0);
    private static final LocalDateTime LATEST = LocalDateTime.of(9999, 12, 31, 23, 59, 59);

    private LineIntegrity() {
    }

    public static BillingLine checked(BillingLine line) {
        fits("line id", line.lineId(), ID_LENGTH);
        fits("related line id", line.relatedLineId(), ID_LENGTH);
        fits("sub-account", line.subAccountId(), SUB_ACCOUNT_LENGTH);
        fits("order id", line.orderId(), ID_LENGTH);
        fits("product code", line.productCode(), ID_LENGTH);
        inRange("payment time", line.paymentTime());
        inRange("usage start", line.usageStart());
        inRange("usage end", line.usageEnd());
        String currency = line.currency() == null ? null : line.currency().toUpperCase(Locale.ROOT);
        fits("currency", currency, CURRENCY_LENGTH);
        if (currency == null || currency.equals(line.currency())) {
            return line;
        }
        return new BillingLine(line.lineId(), line.relatedLineId(), line.period(), line.subAccountId(), line.orderId(),
                line.productCode(), line.category(), line.billingMethod(), line.chargeType(), line.listAmount(),
                line.payableAmount(), line.paidAmount(), currency, line.paymentTime(), line.usageStart(),
                line.usageEnd(), line.paid());
    }

    private static void fits(String what, String value, int max) {
        if (value != null && value.length() > max) {
            throw new RowRejectedException(RejectReason.VALUE_TOO_LONG, what + " is " + value.length()
                    + " characters long; at most " + max + " are stored (it begins '" + value.substring(0, Math.min(20, value.length())) + "…')");
        }
    }

    private static void inRange(String what, LocalDateTime time) {
        if (time != null && (time.isBefore(EARLIEST) || time.isAfter(LATEST))) {
            throw new RowRejectedException(RejectReason.BAD_DATE, what + " " + time + " is outside the years 1900-9999");
        }
    }
}
