package io.resettle.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.resettle.billing.BillingLine;
import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.masterdata.Ambassador;
import io.resettle.masterdata.IdentityKeys;
import io.resettle.masterdata.ManagedBy;
import io.resettle.masterdata.PayeeKind;
import io.resettle.masterdata.ReferralVisit;
import io.resettle.money.Money;
import io.resettle.payable.ItemType;
import io.resettle.payable.Payee;
import io.resettle.payable.PayoutItem;
import io.resettle.payout.Payout;
import io.resettle.payout.PayoutAmounts;
import io.resettle.payout.PayoutRun;
import io.resettle.payout.PayoutRunRequest;
import io.resettle.payout.PayoutRunResult;
import io.resettle.payout.PayoutStatus;
import io.resettle.policy.Policy.TaxBorneBy;
import io.resettle.policy.ReferralPolicy.BonusTier;
import io.resettle.policy.ReferralPolicy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReferralLedgerTest {

    /** The referral section of io-contract §1's sample policy. */
    static final ReferralPolicy POLICY = new ReferralPolicy(30, new BigDecimal("0.25"), 30,
            Set.of(Category.COMPUTE, Category.SECURITY, Category.DATABASE, Category.STORAGE, Category.NETWORK),
            Set.of(), Set.of("domain"), new BigDecimal("0.5"), new BigDecimal("500"),
            List.of(new BonusTier(1, new BigDecimal("50")), new BonusTier(10, new BigDecimal("100"))));

    private static final YearMonth OCT = YearMonth.of(2026, 10);
    private static final YearMonth NOV = YearMonth.of(2026, 11);
    private static final YearMonth DEC = YearMonth.of(2026, 12);
    private static final Ambassador AMB1 = new Ambassador("AMB1", "Ambassador One", PayeeKind.INDIVIDUAL, "acct-1",
            new IdentityKeys("id-a1", "phone-a1", null, null, null));
    private static final Ambassador AMB2 = new Ambassador("AMB2", "Ambassador Two", PayeeKind.INDIVIDUAL, "acct-2",
            new IdentityKeys("id-a2", "phone-a2", "", null, null));
    private static final Customer S9 = new Customer("S9", ManagedBy.AGENT, null,
            new IdentityKeys("id-s9", "phone-s9", "", null, null));
    private static final List<ReferralVisit> E6_VISITS = List.of(
            new ReferralVisit("AMB1", "S9", LocalDateTime.parse("2026-10-01T10:00:00")),
            new ReferralVisit("AMB2", "S9", LocalDateTime.parse("2026-10-05T09:00:00")));
    private static final BillingLine E6_ORDER = line("L1", "O1", "S9", "ecs", Category.COMPUTE, BillingMethod.PREPAID,
            ChargeType.NEW, "4000.00", "2026-10-06T12:00:00", true);

    @Test
    void e6_referralCommission() {
        ReferralResult october = ledger(OCT, S9, List.of(E6_ORDER), AMB1, AMB2);
        assertThat(october.commissions()).singleElement().satisfies(row -> {
            assertThat(row.ambassadorId()).isEqualTo("AMB2");
            assertThat(row.status()).isEqualTo(CommissionStatus.PENDING);
            assertThat(row.commission()).isEqualTo(new BigDecimal("1000.00"));
            assertThat(row.dueDate()).isEqualTo(LocalDate.parse("2026-11-05"));
        });
        assertThat(october.items()).isEmpty();

        ReferralResult november = ledger(NOV, S9, List.of(E6_ORDER), AMB1, AMB2);
        assertThat(november.commissions()).singleElement().isEqualTo(new Commission("O1", "S9", "AMB2",
                LocalDateTime.parse("2026-10-06T12:00:00"), new BigDecimal("4000.00"), BigDecimal.ZERO,
                CommissionStatus.DUE, new BigDecimal("1000.00"), LocalDate.parse("2026-11-05")));
        assertThat(november.itemsBookedIn(NOV)).containsExactly(PayoutItem.open(Payee.ambassador("AMB2"),
                ItemType.COMMISSION, "COMMISSION-O1", NOV, new BigDecimal("1000.00")));

        // ... paid in the 2026-11 run.
        PayoutRunResult run = PayoutRun.settle(PayoutRunRequest.firstRun(NOV, november.itemsBookedIn(NOV),
                Map.of(Payee.ambassador("AMB2"), PayeeKind.INDIVIDUAL), TaxBorneBy.PAYEE, Set.of()));
        assertThat(run.payouts()).containsExactly(new Payout("PO-2026-11-AMBASSADOR-AMB2", Payee.ambassador("AMB2"),
                new PayoutAmounts(new BigDecimal("1000.00"), new BigDecimal("40.00"), new BigDecimal("960.00")), 1,
                PayoutStatus.PAY));
    }

    @Test
    void e6_referralCommission_paidAfterTheWindowIsNotAssociated() {
        BillingLine late = line("L1", "O1", "S9", "ecs", Category.COMPUTE, BillingMethod.PREPAID, ChargeType.NEW,
                "4000.00", "2026-11-05T12:00:00", true);
        assertThat(Association.ambassadorAt(S9, E6_VISITS, LocalDateTime.parse("2026-11-04T08:59:59"), 30))
                .contains("AMB2");
        assertThat(Association.ambassadorAt(S9, E6_VISITS, LocalDateTime.parse("2026-11-04T09:00:00"), 30))
                .isEmpty();

        ReferralResult result = ledger(NOV, S9, List.of(late), AMB1, AMB2);
        assertThat(result.commissions()).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(CommissionStatus.NOT_ASSOCIATED);
            assertThat(row.ambassadorId()).isNull();
            assertThat(row.commission()).isEqualByComparingTo("0");
        });
        assertThat(result.items()).isEmpty();
    }

    @Test
    void e6_referralCommission_refundBeforeDueReducesTheCommission() {
        BillingLine refund = refund("R1", "L1", null, "S9", "-1000.00", "2026-10-20T08:00:00");
        ReferralResult november = ledger(NOV, S9, List.of(E6_ORDER, refund), AMB1, AMB2);

        assertThat(november.commissions()).singleElement().satisfies(row -> {
            assertThat(row.refunded()).isEqualByComparingTo("1000.00");
            assertThat(row.commission()).isEqualTo(new BigDecimal("750.00"));
        });
        assertThat(november.items()).extracting(PayoutItem::itemType, PayoutItem::duePeriod, PayoutItem::amount)
                .containsExactly(tuple(ItemType.COMMISSION, NOV, new BigDecimal("750.00")));
    }

    @Test
    void e6_referralCommission_refundAfterPayoutIsClawedBack() {
        BillingLine first = refund("R1", "L1", null, "S9", "-1000.00", "2026-10-20T08:00:00");
        BillingLine later = refund("R2", null, "O1", "S9", "-2000.00", "2026-12-03T08:00:00");
        ReferralResult december = ledger(DEC, S9, List.of(E6_ORDER, first, later), AMB1, AMB2);

        assertThat(december.itemsBookedIn(DEC)).containsExactly(PayoutItem.open(Payee.ambassador("AMB2"),
                ItemType.CLAWBACK, "CLAWBACK-O1-R2", DEC, new BigDecimal("-500.00")));
        assertThat(december.itemsBookedIn(NOV)).extracting(PayoutItem::amount)
                .containsExactly(new BigDecimal("750.00"));
        assertThat(december.commissions()).singleElement().satisfies(row -> {
            assertThat(row.refunded()).isEqualByComparingTo("3000.00");
            assertThat(row.commission()).isEqualTo(new BigDecimal("250.00"));
        });
    }

    @Test
    void e6_referralCommission_samePerson() {
        Ambassador sharesPhone = new Ambassador("AMB2", "Ambassador Two", PayeeKind.INDIVIDUAL, "acct-2",
                new IdentityKeys("id-a2", "phone-s9", null, null, null));
        ReferralResult result = ledger(NOV, S9, List.of(E6_ORDER), AMB1, sharesPhone);
        assertThat(result.commissions()).singleElement().extracting(Commission::status, Commission::ambassadorId)
                .containsExactly(CommissionStatus.SAME_PERSON, "AMB2");
        assertThat(result.items()).isEmpty();
    }

    @Test
    void emptyIdentityKeysNeverMatch_R9_3() {
        assertThat(new IdentityKeys("", null, " ", null, null).sharesAnyWith(new IdentityKeys("", null, " ", null,
                null))).isFalse();
        assertThat(new IdentityKeys(null, null, null, "dev", null).sharesAnyWith(new IdentityKeys(null, null, null,
                "dev", null))).isTrue();
        assertThat(new IdentityKeys("x", null, null, null, null).sharesAnyWith(new IdentityKeys(null, "x", null,
                null, null))).as("id is compared with id only").isFalse();
    }

    @Test
    void lastTouchAndManagedCustomers_R9_1() {
        Customer managed = new Customer("S9", ManagedBy.PARTNER, null, IdentityKeys.NONE);
        assertThat(Association.ambassadorAt(managed, E6_VISITS, LocalDateTime.parse("2026-10-06T12:00:00"), 30))
                .isEmpty();
        assertThat(Association.ambassadorAt(S9, E6_VISITS, LocalDateTime.parse("2026-10-03T12:00:00"), 30))
                .contains("AMB1");
        assertThat(Association.ambassadorAt(S9, E6_VISITS, LocalDateTime.parse("2026-10-01T09:59:59"), 30))
                .isEmpty();
        ReferralResult result = ledger(NOV, managed, List.of(E6_ORDER), AMB1, AMB2);
        assertThat(result.commissions()).singleElement().extracting(Commission::status)
                .isEqualTo(CommissionStatus.NOT_ASSOCIATED);
    }

    @Test
    void firstPurchaseSkipsDomainsFreeTrialsAndUnpaidOrders_R9_2() {
        BillingLine domain = line("D1", "OD", "S9", "domain", Category.OTHER, BillingMethod.PREPAID, ChargeType.NEW,
                "60.00", "2026-10-06T08:00:00", true);
        BillingLine trial = line("T1", "OT", "S9", "ecs", Category.COMPUTE, BillingMethod.PREPAID, ChargeType.NEW,
                "0.00", "2026-10-06T09:00:00", true);
        BillingLine unpaid = line("U1", "OU", "S9", "rds", Category.DATABASE, BillingMethod.PREPAID, ChargeType.NEW,
                "900.00", "2026-10-06T10:00:00", false);
        BillingLine first = line("F1", "OF", "S9", "waf", Category.SECURITY, BillingMethod.PREPAID, ChargeType.NEW,
                "2000.00", "2026-10-07T10:00:00", true);
        BillingLine second = line("F2", "OS", "S9", "ecs", Category.COMPUTE, BillingMethod.PREPAID, ChargeType.NEW,
                "8000.00", "2026-10-08T10:00:00", true);

        ReferralResult result = ledger(NOV, S9, List.of(second, first, unpaid, trial, domain), AMB1, AMB2);
        assertThat(result.commissions()).singleElement().extracting(Commission::orderId, Commission::commission)
                .containsExactly("OF", new BigDecimal("500.00"));
    }

    @Test
    void anOrderIsTheLinesSharingAnOrderId_R9_2() {
        BillingLine part1 = line("A1", "O7", "S9", "ecs", Category.COMPUTE, BillingMethod.PREPAID, ChargeType.NEW,
                "100.004", "2026-10-06T12:00:00", true);
        BillingLine part2 = line("A2", "O7", "S9", "oss", Category.STORAGE, BillingMethod.PREPAID, ChargeType.NEW,
                "100.004", "2026-10-06T12:00:00", true);
        ReferralResult result = ledger(NOV, S9, List.of(part1, part2), AMB1, AMB2);
        assertThat(result.commissions()).singleElement().satisfies(row -> {
            assertThat(row.orderPayable()).isEqualByComparingTo("200.008");
            assertThat(row.commission()).isEqualTo(new BigDecimal("50.00"));
        });
    }

    @Test
    void failingReasonsInTheRulesOrder_R9_3() {
        Customer notNew = new Customer("S9", ManagedBy.CBM, LocalDate.parse("2025-01-01"), S9.keys());
        assertThat(statusOf(notNew, E6_ORDER)).isEqualTo(CommissionStatus.NOT_NEW);

        BillingLine postpaid = line("L1", "O1", "S9", "ecs", Category.COMPUTE, BillingMethod.POSTPAID,
                ChargeType.USAGE, "4000.00", "2026-10-06T12:00:00", true);
        assertThat(statusOf(S9, postpaid)).isEqualTo(CommissionStatus.NOT_PREPAID);

        BillingLine other = line("L1", "O1", "S9", "sms", Category.OTHER, BillingMethod.PREPAID, ChargeType.NEW,
                "4000.00", "2026-10-06T12:00:00", true);
        assertThat(statusOf(S9, other)).isEqualTo(CommissionStatus.NOT_ELIGIBLE_PRODUCT);

        ReferralPolicy promoting = new ReferralPolicy(30, POLICY.rate(), 30, POLICY.eligibleCategories(),
                Set.of("ecs"), Set.of("domain"), POLICY.holdRatio(), POLICY.bonusMinOrder(), POLICY.bonusTiers());
        ReferralResult promo = ReferralLedger.asOf(NOV, promoting, List.of(S9), List.of(AMB1, AMB2), E6_VISITS,
                List.of(E6_ORDER));
        assertThat(promo.commissions()).singleElement().extracting(Commission::status)
                .isEqualTo(CommissionStatus.NOT_ELIGIBLE_PRODUCT);
    }

    @Test
    void customersWithoutVisitsAreNotInTheLedger() {
        ReferralResult result = ReferralLedger.asOf(NOV, POLICY, List.of(S9), List.of(AMB1, AMB2), List.of(),
                List.of(E6_ORDER));
        assertThat(result.commissions()).isEmpty();
    }

    @Test
    void quarterlyBonusIsJudgedTwoMonthsAfterTheQuarter_R9_6() {
        List<Customer> customers = new ArrayList<>();
        List<ReferralVisit> visits = new ArrayList<>();
        List<BillingLine> lines = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            String id = "C" + i;
            customers.add(new Customer(id, ManagedBy.AGENT, null, IdentityKeys.NONE));
            visits.add(new ReferralVisit("AMB1", id, LocalDateTime.parse("2026-10-02T10:00:00")));
            String amount = i == 11 ? "499.99" : "500.00";
            lines.add(line("L" + i, "O" + i, id, "ecs", Category.COMPUTE, BillingMethod.PREPAID, ChargeType.NEW,
                    amount, "2026-10-%02dT12:00:00".formatted(2 + i), true));
        }
        // O10 is refunded in January: it no longer counts, and the 9 left reach the 50.00 tier.
        lines.add(refund("R10", "L10", null, "C10", "-100.00", "2027-01-15T00:00:00"));

        ReferralResult january = ReferralLedger.asOf(YearMonth.of(2027, 1), POLICY, customers, List.of(AMB1), visits,
                lines);
        assertThat(january.items()).noneMatch(item -> item.itemType() == ItemType.BONUS);

        ReferralResult february = ReferralLedger.asOf(YearMonth.of(2027, 2), POLICY, customers, List.of(AMB1), visits,
                lines);
        assertThat(february.itemsBookedIn(YearMonth.of(2027, 2))).containsExactly(PayoutItem.open(
                Payee.ambassador("AMB1"), ItemType.BONUS, "BONUS-AMB1-2026-Q4", YearMonth.of(2027, 2),
                new BigDecimal("450.00")));

        List<BillingLine> unrefunded = lines.subList(0, 11);
        ReferralResult tenOrders = ReferralLedger.asOf(YearMonth.of(2027, 2), POLICY, customers, List.of(AMB1), visits,
                unrefunded);
        assertThat(tenOrders.itemsBookedIn(YearMonth.of(2027, 2))).extracting(PayoutItem::amount)
                .containsExactly(new BigDecimal("1000.00"));
    }

    @Test
    void e8_nettingAndCarryForward_isNotHeld() {
        Payee amb1 = Payee.ambassador("AMB1");
        List<PayoutItem> booked = List.of(
                PayoutItem.open(amb1, ItemType.COMMISSION, "COMMISSION-O1", DEC, new BigDecimal("300.00")),
                PayoutItem.open(amb1, ItemType.CLAWBACK, "CLAWBACK-O0-R1", DEC, new BigDecimal("-500.00")),
                PayoutItem.open(amb1, ItemType.COMMISSION, "COMMISSION-O2", YearMonth.of(2027, 1),
                        new BigDecimal("1000.00")));
        assertThat(HoldRule.heldAmbassadors(booked, YearMonth.of(2027, 1), POLICY.holdRatio())).isEmpty();
        // In December alone the clawbacks (500.00) exceed half the commissions (300.00): held, but the
        // December gross is negative, so the payout run carries it instead (R9.7 applies to positive grosses).
        assertThat(HoldRule.heldAmbassadors(booked, DEC, POLICY.holdRatio())).containsExactly(amb1);
        // Runs before P−2 no longer count.
        assertThat(HoldRule.heldAmbassadors(booked, YearMonth.of(2027, 3), POLICY.holdRatio())).isEmpty();
    }

    /** Once due, the ledger's commission always equals its COMMISSION item plus its CLAWBACK items. */
    @Test
    void property_dueCommissionEqualsItsItems_R9_4_R9_5() {
        Random random = new Random(905L);
        for (int scenario = 0; scenario < 1000; scenario++) {
            BigDecimal payable = BigDecimal.valueOf(1 + random.nextInt(1_000_000), 2);
            List<BillingLine> lines = new ArrayList<>();
            lines.add(line("L1", "O1", "S9", "ecs", Category.COMPUTE, BillingMethod.PREPAID, ChargeType.NEW,
                    payable.toPlainString(), "2026-10-06T12:00:00", true));
            BigDecimal left = payable;
            int refunds = random.nextInt(5);
            for (int r = 0; r < refunds && left.signum() > 0; r++) {
                BigDecimal amount = BigDecimal.valueOf(random.nextInt(left.movePointRight(2).intValue() + 1), 2);
                left = left.subtract(amount);
                LocalDateTime at = LocalDateTime.parse("2026-10-07T00:00:00").plusHours(random.nextInt(24 * 80));
                lines.add(refund("R" + r, random.nextBoolean() ? "L1" : null, "O1", "S9",
                        amount.negate().toPlainString(), at.toString()));
            }
            for (YearMonth period : List.of(NOV, DEC, YearMonth.of(2027, 1))) {
                ReferralResult result = ledger(period, S9, lines, AMB1, AMB2);
                Commission row = result.commissions().get(0);
                BigDecimal items = Money.sum(result.items().stream().map(PayoutItem::amount).toList());
                assertThat(items).as("scenario %d %s", scenario, period).isEqualByComparingTo(row.commission());
                assertThat(row.commission()).isEqualTo(Money.round2(payable.subtract(row.refunded())
                        .multiply(POLICY.rate())));
                assertThat(result.items()).allMatch(item -> item.itemType() != ItemType.CLAWBACK
                        || item.amount().signum() < 0);
            }
        }
    }

    private static CommissionStatus statusOf(Customer customer, BillingLine line) {
        return ledger(NOV, customer, List.of(line), AMB1, AMB2).commissions().get(0).status();
    }

    private static ReferralResult ledger(YearMonth period, Customer customer, List<BillingLine> lines,
            Ambassador... ambassadors) {
        return ReferralLedger.asOf(period, POLICY, List.of(customer), List.of(ambassadors), E6_VISITS, lines);
    }

    static BillingLine line(String lineId, String orderId, String subAccount, String product, Category category,
            BillingMethod method, ChargeType type, String payable, String paymentTime, boolean paid) {
        LocalDateTime at = LocalDateTime.parse(paymentTime);
        return new BillingLine(lineId, null, YearMonth.from(at), subAccount, orderId, product, category, method, type,
                new BigDecimal(payable), new BigDecimal(payable), new BigDecimal(payable), "CNY", at, at, null, paid);
    }

    static BillingLine refund(String lineId, String relatedLineId, String orderId, String subAccount, String amount,
            String time) {
        LocalDateTime at = LocalDateTime.parse(time);
        return new BillingLine(lineId, relatedLineId, YearMonth.from(at), subAccount, orderId, "ecs",
                Category.COMPUTE, BillingMethod.PREPAID, ChargeType.REFUND, new BigDecimal(amount),
                new BigDecimal(amount), new BigDecimal(amount), "CNY", at, at, null, true);
    }
}
