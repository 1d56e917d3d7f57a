package io.resettle.payout;

import io.resettle.money.Money;
import io.resettle.payable.ItemType;
import io.resettle.payable.PayoutItem;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * R12.4: the payout returns received with P's data. A FAILED return that matches its payout (id and
 * net) is retried in P's run as a RETRY item of that net; a return that names no payout, or another
 * amount, is a break.
 */
public final class PayoutReturns {

    private PayoutReturns() {
    }

    /**
     * A return that matches no payout, or not its amount (reconciliation check {@code payout_return}).
     *
     * @param expected   the named payout's net; {@code null} when there is no such payout
     * @param actual     the returned amount, rounded to cents
     * @param difference actual − expected; {@code null} without a payout
     */
    public record ReturnBreak(String payoutId, BigDecimal expected, BigDecimal actual, BigDecimal difference) {
    }

    /**
     * @param retries RETRY items due in P, in the order of the returns
     * @param breaks  the breaks, in the order of the returns
     */
    public record Checked(List<PayoutItem> retries, List<ReturnBreak> breaks) {

        public Checked {
            retries = List.copyOf(retries);
            breaks = List.copyOf(breaks);
        }
    }

    public static Checked check(List<PayoutReturn> returns, YearMonth period) {
        List<PayoutItem> retries = new ArrayList<>();
        List<ReturnBreak> breaks = new ArrayList<>();
        for (PayoutReturn r : returns) {
            BigDecimal net = r.net();
            // A pain.002 status without OrgnlTxRef/Amt returns the payout's own net (issue 18).
            BigDecimal amount = r.amount() == null ? net : Money.round2(r.amount());
            if (net == null || net.compareTo(amount) != 0) {
                breaks.add(new ReturnBreak(r.payoutId(), net, amount, net == null ? null : amount.subtract(net)));
            } else if ("FAILED".equals(r.status())) {
                retries.add(PayoutItem.open(r.payee(), ItemType.RETRY, r.payoutId(), period, net));
            }
        }
        return new Checked(retries, breaks);
    }
}
