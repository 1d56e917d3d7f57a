package io.resettle.referral;

import io.resettle.billing.BillingLine;
import io.resettle.masterdata.Ambassador;
import io.resettle.masterdata.IdentityKeys;
import io.resettle.masterdata.ReferralVisit;
import io.resettle.money.Money;
import io.resettle.payable.ItemType;
import io.resettle.payable.Payee;
import io.resettle.payable.PayoutItem;
import io.resettle.policy.ReferralPolicy.BonusTier;
import io.resettle.policy.ReferralPolicy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Referral commissions (云大使, R9) as of a period P, recomputed from the whole history so that a
 * re-run or a restart gives the same ledger: first purchases and their qualification (R9.2, R9.3),
 * commissions and due dates (R9.4), refunds and clawbacks (R9.5) and quarterly bonuses (R9.6).
 * Held payouts (R9.7) are decided by {@link HoldRule} from the items booked here.
 */
public final class ReferralLedger {

    private static final Comparator<PayoutItem> ITEM_ORDER = Comparator.comparing(PayoutItem::duePeriod)
            .thenComparing(PayoutItem::payee).thenComparing(PayoutItem::itemType)
            .thenComparing(PayoutItem::reference);

    private ReferralLedger() {
    }

    /**
     * @param customers   the customers (sub-accounts) that may be referred
     * @param ambassadors the ambassadors; one missing here has no identity keys to compare
     * @param visits      referral link visits
     * @param lines       the billing lines of the customers for every period up to P (later ones
     *                    are ignored)
     */
    public static ReferralResult asOf(YearMonth period, ReferralPolicy policy, Collection<Customer> customers,
            Collection<Ambassador> ambassadors, List<ReferralVisit> visits, List<BillingLine> lines) {
        return asOf(period, policy, customers, ambassadors, visits, part -> part.accept(lines));
    }

    /**
     * As {@link #asOf(YearMonth, ReferralPolicy, Collection, Collection, List, List)}, the lines
     * handed over a part at a time, so that only one part is in memory: each part holds whole
     * orders with every REFUND line that belongs to them (R9.5), e.g. one customer's lines
     * together with the refunds naming them (a tenth of the accounts visited a link in the bench,
     * a million lines at 10M: too many to hold at once).
     */
    public static ReferralResult asOf(YearMonth period, ReferralPolicy policy, Collection<Customer> customers,
            Collection<Ambassador> ambassadors, List<ReferralVisit> visits,
            Consumer<Consumer<List<BillingLine>>> lineParts) {
        LocalDateTime endOfPeriod = period.plusMonths(1).atDay(1).atStartOfDay();
        Map<String, Ambassador> ambassadorsById = ambassadors.stream()
                .collect(Collectors.toMap(Ambassador::ambassadorId, Function.identity()));
        Map<String, List<ReferralVisit>> visitsByCustomer = visits.stream()
                .filter(visit -> visit.visitedAt().isBefore(endOfPeriod))
                .collect(Collectors.groupingBy(ReferralVisit::subAccountId));
        Map<String, Customer> customersById = new HashMap<>();
        customers.forEach(customer -> customersById.put(customer.subAccountId(), customer));

        List<Commission> commissions = new ArrayList<>();
        List<PayoutItem> items = new ArrayList<>();
        List<Qualified> qualified = new ArrayList<>();
        lineParts.accept(part -> {
            Map<String, List<Order>> ordersByCustomer = Order.fromLines(
                    part.stream().filter(line -> !line.period().isAfter(period)).toList())
                    .stream().collect(Collectors.groupingBy(Order::subAccountId, TreeMap::new, Collectors.toList()));
            for (Map.Entry<String, List<Order>> customerOrders : ordersByCustomer.entrySet()) {
                Customer customer = customersById.get(customerOrders.getKey());
                List<ReferralVisit> customerVisits = visitsByCustomer.getOrDefault(customerOrders.getKey(), List.of());
                if (customer == null || customerVisits.isEmpty()) {
                    continue;
                }
                book(customer, customerVisits, customerOrders.getValue(), period, policy, endOfPeriod, ambassadorsById,
                        commissions, items, qualified);
            }
        });
        bookBonuses(qualified, period, policy, items);
        commissions.sort(Comparator.comparing(Commission::orderId).thenComparing(Commission::subAccountId));
        items.sort(ITEM_ORDER);
        return new ReferralResult(commissions, items);
    }

    /** R9.2–R9.5 for one customer with link visits: its first purchase, whether it qualifies, its commission. */
    private static void book(Customer customer, List<ReferralVisit> customerVisits, List<Order> orders, YearMonth period,
            ReferralPolicy policy, LocalDateTime endOfPeriod, Map<String, Ambassador> ambassadorsById,
            List<Commission> commissions, List<PayoutItem> items, List<Qualified> qualified) {
        Optional<Order> first = firstPurchase(orders, policy, endOfPeriod);
        if (first.isEmpty()) {
            return;
        }
        Order order = first.get();
        Optional<String> ambassadorId = Association.ambassadorAt(customer, customerVisits, order.paymentTime(),
                policy.windowDays());
        CommissionStatus failure = firstFailure(customer, order, ambassadorId, ambassadorsById, policy);
        BigDecimal refunded = order.refunded(refund -> !refund.period().isAfter(period));
        if (failure != null) {
            commissions.add(new Commission(order.orderId(), order.subAccountId(), ambassadorId.orElse(null),
                    order.paymentTime(), order.payable(), refunded, failure, Money.ZERO, null));
            return;
        }
        Payee payee = Payee.ambassador(ambassadorId.get());
        LocalDate dueDate = order.paymentTime().toLocalDate().plusDays(policy.holdDays());
        YearMonth dueMonth = YearMonth.from(dueDate);
        BigDecimal current = level(order, refunded, policy);
        CommissionStatus status = CommissionStatus.PENDING;
        if (!dueMonth.isAfter(period)) {
            status = CommissionStatus.DUE;
            current = bookCommission(order, payee, dueDate, period, policy, items);
        }
        commissions.add(new Commission(order.orderId(), order.subAccountId(), payee.id(), order.paymentTime(),
                order.payable(), refunded, status, current, dueDate));
        qualified.add(new Qualified(payee, order));
    }

    /**
     * R9.2: the earliest paid order with a positive payable, paid before {@code paidBy}; unpaid
     * orders, zero-amount orders (free trials) and orders of not-first-purchase products only
     * (domains) are skipped.
     */
    static Optional<Order> firstPurchase(List<Order> orders, ReferralPolicy policy, LocalDateTime paidBy) {
        return orders.stream()
                .filter(Order::paid)
                .filter(order -> order.paymentTime().isBefore(paidBy))
                .filter(order -> order.payable().signum() > 0)
                .filter(order -> !order.allLines(line -> Order.productCodeOf(line)
                        .filter(policy.notFirstPurchaseProducts()::contains).isPresent()))
                .min(Comparator.comparing(Order::paymentTime).thenComparing(Order::orderId));
    }

    /** R9.3: the first failing reason, in the rule's order; {@code null} when the order qualifies. */
    private static CommissionStatus firstFailure(Customer customer, Order order, Optional<String> ambassadorId,
            Map<String, Ambassador> ambassadors, ReferralPolicy policy) {
        if (!customer.isNew()) {
            return CommissionStatus.NOT_NEW;
        }
        if (ambassadorId.isEmpty()) {
            return CommissionStatus.NOT_ASSOCIATED;
        }
        IdentityKeys ambassadorKeys = Optional.ofNullable(ambassadors.get(ambassadorId.get()))
                .map(Ambassador::identity).orElse(IdentityKeys.NONE);
        if (ambassadorKeys.sharesAnyWith(customer.keys())) {
            return CommissionStatus.SAME_PERSON;
        }
        if (!order.prepaid()) {
            return CommissionStatus.NOT_PREPAID;
        }
        boolean eligible = order.allLines(line -> policy.eligibleCategories().contains(line.category())
                && Order.productCodeOf(line).filter(policy.promotionalProducts()::contains).isEmpty());
        return eligible ? null : CommissionStatus.NOT_ELIGIBLE_PRODUCT;
    }

    /**
     * R9.4, R9.5: the COMMISSION item in the run of the due month, reduced by the refunds before
     * the due date (00:00 UTC) booked by then; every later refund books a CLAWBACK of the
     * difference in the run of its period. Returns the commission as of {@code period}.
     */
    private static BigDecimal bookCommission(Order order, Payee payee, LocalDate dueDate, YearMonth period,
            ReferralPolicy policy, List<PayoutItem> items) {
        LocalDateTime dueInstant = dueDate.atStartOfDay();
        YearMonth dueMonth = YearMonth.from(dueDate);
        Predicate<BillingLine> beforeDue = refund -> refund.eventTime().isBefore(dueInstant)
                && !refund.period().isAfter(dueMonth);
        BigDecimal refunded = order.refunded(beforeDue);
        BigDecimal booked = level(order, refunded, policy);
        if (booked.signum() != 0) {
            items.add(PayoutItem.open(payee, ItemType.COMMISSION, "COMMISSION-" + order.orderId(), dueMonth, booked));
        }
        for (BillingLine refund : order.refunds()) {
            if (beforeDue.test(refund) || refund.period().isAfter(period)) {
                continue;
            }
            refunded = refunded.subtract(refund.payableAmount());
            BigDecimal now = level(order, refunded, policy);
            BigDecimal difference = now.subtract(booked);
            if (difference.signum() != 0) {
                YearMonth run = refund.period().isBefore(dueMonth) ? dueMonth : refund.period();
                items.add(PayoutItem.open(payee, ItemType.CLAWBACK,
                        "CLAWBACK-" + order.orderId() + "-" + refund.lineId(), run, difference));
            }
            booked = now;
        }
        return booked;
    }

    /** round2((payable − refunded) × rate), never below zero: a refund never takes back more than was earned. */
    private static BigDecimal level(Order order, BigDecimal refunded, ReferralPolicy policy) {
        return Money.round2(order.payable().subtract(refunded).max(BigDecimal.ZERO).multiply(policy.rate()));
    }

    /**
     * R9.6: per ambassador and calendar quarter, judged and booked in the run of the second month
     * after the quarter: n = qualifying orders of the quarter with payable ≥ min_order and no refund
     * booked by then; bonus = n × the per-order amount of the highest tier n reaches.
     */
    private static void bookBonuses(List<Qualified> qualified, YearMonth period, ReferralPolicy policy,
            List<PayoutItem> items) {
        Map<Payee, Map<YearMonth, Integer>> counts = new TreeMap<>();
        for (Qualified q : qualified) {
            YearMonth month = YearMonth.from(q.order().paymentTime());
            YearMonth quarterStart = month.withMonth(month.getMonthValue() - (month.getMonthValue() - 1) % 3);
            YearMonth judged = quarterStart.plusMonths(4);
            boolean counted = !judged.isAfter(period)
                    && q.order().payable().compareTo(policy.bonusMinOrder()) >= 0
                    && q.order().refunded(refund -> !refund.period().isAfter(judged)).signum() == 0;
            if (counted) {
                counts.computeIfAbsent(q.payee(), p -> new TreeMap<>()).merge(quarterStart, 1, Integer::sum);
            }
        }
        counts.forEach((payee, byQuarter) -> byQuarter.forEach((quarterStart, n) -> {
            Optional<BonusTier> tier = policy.bonusTiers().stream().filter(t -> t.from() <= n)
                    .max(Comparator.comparingInt(BonusTier::from));
            tier.ifPresent(t -> items.add(PayoutItem.open(payee, ItemType.BONUS,
                    "BONUS-" + payee.id() + "-" + quarterStart.getYear() + "-Q" + ((quarterStart.getMonthValue() + 2) / 3),
                    quarterStart.plusMonths(4), Money.round2(t.perOrder().multiply(BigDecimal.valueOf(n))))));
        }));
    }

    private record Qualified(Payee payee, Order order) {
    }
}
