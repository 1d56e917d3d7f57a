package io.resettle.referral;

import io.resettle.billing.BillingLine;
import io.resettle.billing.BillingMethod;
import io.resettle.billing.ChargeType;
import io.resettle.money.Money;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An order of R9.2: the lines of a sub-account sharing an order id (a line without one is its own
 * order, keyed by its line id), with the REFUND lines that belong to it (R9.5).
 *
 * @param lines   the order's lines other than refunds, in event order
 * @param refunds its refunds (negative amounts), in event order
 */
public record Order(String orderId, String subAccountId, List<BillingLine> lines, List<BillingLine> refunds) {

    private static final Comparator<BillingLine> EVENT_ORDER = Comparator.comparing(BillingLine::eventTime)
            .thenComparing(BillingLine::lineId);

    public Order {
        lines = List.copyOf(lines);
        refunds = List.copyOf(refunds);
    }

    /**
     * Groups lines into orders (R9.2) and attaches each REFUND line to the order of its related
     * line, else to the order with its order id (R9.5). A refund that belongs to no order is left
     * out: it has no commission to reduce.
     *
     * @return the orders sorted by sub-account, payment time, order id
     */
    public static List<Order> fromLines(List<BillingLine> billingLines) {
        Map<String, List<BillingLine>> linesByKey = new LinkedHashMap<>();
        Map<String, String> keyByLineId = new HashMap<>();
        List<BillingLine> refundLines = new ArrayList<>();
        for (BillingLine line : billingLines) {
            if (line.chargeType() == ChargeType.REFUND) {
                refundLines.add(line);
                continue;
            }
            String key = key(line.subAccountId(), orderIdOf(line));
            linesByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
            keyByLineId.put(line.lineId(), key);
        }
        Map<String, List<BillingLine>> refundsByKey = new HashMap<>();
        for (BillingLine refund : refundLines) {
            String key = refund.relatedLineId() == null ? null : keyByLineId.get(refund.relatedLineId());
            if (key == null && refund.orderId() != null && !refund.orderId().isBlank()) {
                key = key(refund.subAccountId(), refund.orderId());
            }
            if (key != null && linesByKey.containsKey(key)) {
                refundsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(refund);
            }
        }
        List<Order> orders = new ArrayList<>();
        linesByKey.forEach((key, lines) -> {
            BillingLine first = lines.get(0);
            List<BillingLine> sorted = lines.stream().sorted(EVENT_ORDER).toList();
            List<BillingLine> refunds = refundsByKey.getOrDefault(key, List.of()).stream().sorted(EVENT_ORDER).toList();
            orders.add(new Order(orderIdOf(first), first.subAccountId(), sorted, refunds));
        });
        orders.sort(Comparator.comparing(Order::subAccountId).thenComparing(Order::paymentTime)
                .thenComparing(Order::orderId));
        return orders;
    }

    /** R9.2: the sum of the lines' payable amounts, full precision. */
    public BigDecimal payable() {
        return Money.sum(lines.stream().map(BillingLine::payableAmount).toList());
    }

    /** Paid when every line is paid (R2.8, R9.2). */
    public boolean paid() {
        return lines.stream().allMatch(BillingLine::paid);
    }

    /** The event time of the order's last line (R2.4): the order is paid when all of it is. */
    public LocalDateTime paymentTime() {
        return lines.get(lines.size() - 1).eventTime();
    }

    /** R9.3: every line was billed PREPAID. */
    public boolean prepaid() {
        return lines.stream().allMatch(line -> line.billingMethod() == BillingMethod.PREPAID);
    }

    /** Every line satisfies the predicate. */
    public boolean allLines(Predicate<BillingLine> predicate) {
        return lines.stream().allMatch(predicate);
    }

    /** The refunded amount (positive) of the refunds accepted by {@code filter}. */
    public BigDecimal refunded(Predicate<BillingLine> filter) {
        return Money.sum(refunds.stream().filter(filter).map(BillingLine::payableAmount).toList()).negate();
    }

    /** Product code in lower case, as the policy's product sets hold them; empty when absent. */
    public static Optional<String> productCodeOf(BillingLine line) {
        return Optional.ofNullable(line.productCode()).map(code -> code.trim().toLowerCase(Locale.ROOT))
                .filter(code -> !code.isEmpty());
    }

    private static String orderIdOf(BillingLine line) {
        return line.orderId() == null || line.orderId().isBlank() ? line.lineId() : line.orderId();
    }

    private static String key(String subAccountId, String orderId) {
        return subAccountId + '\u0000' + orderId;
    }
}
