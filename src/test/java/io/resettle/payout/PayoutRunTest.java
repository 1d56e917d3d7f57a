package io.resettle.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.masterdata.PayeeKind;
import io.resettle.money.Money;
import io.resettle.payable.ItemStatus;
import io.resettle.payable.ItemType;
import io.resettle.payable.Payee;
import io.resettle.payable.PayeeType;
import io.resettle.payable.PayoutItem;
import io.resettle.policy.Policy.TaxBorneBy;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PayoutRunTest {

    private static final Payee AMB1 = Payee.ambassador("AMB1");
    private static final Payee AMB2 = Payee.ambassador("AMB2");
    private static final Payee G1 = Payee.group("G1");
    private static final YearMonth NOV = YearMonth.of(2026, 11);
    private static final YearMonth DEC = YearMonth.of(2026, 12);
    private static final YearMonth JAN = YearMonth.of(2027, 1);
    private static final Map<Payee, PayeeKind> INDIVIDUALS = Map.of(AMB1, PayeeKind.INDIVIDUAL, AMB2,
            PayeeKind.INDIVIDUAL);

    @Test
    void e8_nettingAndCarryForward() {
        List<PayoutItem> december = List.of(
                PayoutItem.open(AMB1, ItemType.COMMISSION, "COMMISSION-O1", DEC, new BigDecimal("300.00")),
                PayoutItem.open(AMB1, ItemType.CLAWBACK, "CLAWBACK-O0-R1", DEC, new BigDecimal("-500.00")));
        PayoutRunResult decRun = PayoutRun.settle(
                PayoutRunRequest.firstRun(DEC, december, INDIVIDUALS, TaxBorneBy.PAYEE, Set.of()));

        assertThat(decRun.payouts()).isEmpty();
        assertThat(decRun.items()).extracting(PayoutItem::payoutId, PayoutItem::status).containsOnly(
                org.assertj.core.groups.Tuple.tuple("PO-2026-12-AMBASSADOR-AMB1", ItemStatus.CARRIED));
        assertThat(decRun.openAfterRun()).containsExactly(PayoutItem.open(AMB1, ItemType.CARRY_FORWARD,
                "PO-2026-12-AMBASSADOR-AMB1", JAN, new BigDecimal("-200.00")));

        List<PayoutItem> january = new ArrayList<>(decRun.openAfterRun());
        january.add(PayoutItem.open(AMB1, ItemType.COMMISSION, "COMMISSION-O2", JAN, new BigDecimal("1000.00")));
        PayoutRunResult janRun = PayoutRun.settle(
                PayoutRunRequest.firstRun(JAN, january, INDIVIDUALS, TaxBorneBy.PAYEE, Set.of()));

        assertThat(janRun.payouts()).containsExactly(new Payout("PO-2027-01-AMBASSADOR-AMB1", AMB1,
                amounts("800.00", "0.00", "800.00"), 2, PayoutStatus.PAY));
        assertThat(janRun.items()).allMatch(item -> item.status() == ItemStatus.PAID);
        assertThat(janRun.openAfterRun()).isEmpty();
    }

    @Test
    void e9_rerunFindsAFurtherCommission() {
        PayoutRunResult r1 = PayoutRun.settle(PayoutRunRequest.firstRun(NOV,
                List.of(commission(AMB2, "O1", NOV, "1000.00")), INDIVIDUALS, TaxBorneBy.PAYEE, Set.of()));
        assertThat(r1.payouts()).containsExactly(new Payout("PO-2026-11-AMBASSADOR-AMB2", AMB2,
                amounts("1000.00", "40.00", "960.00"), 1, PayoutStatus.PAY));

        PayoutRunResult r2 = PayoutRun.settle(new PayoutRunRequest(NOV, 2,
                List.of(commission(AMB2, "O1", NOV, "1000.00"), commission(AMB2, "O2", NOV, "400.00")),
                INDIVIDUALS, TaxBorneBy.PAYEE, Set.of(), r1.issued()));

        assertThat(r2.payouts()).containsExactly(new Payout("PO-2026-11-AMBASSADOR-AMB2-A2", AMB2,
                amounts("400.00", "80.00", "320.00"), 2, PayoutStatus.PAY));
        assertThat(r2.openAfterRun()).isEmpty();
        assertThat(r1.issued().get(AMB2).plus(r2.issued().get(AMB2)))
                .isEqualTo(amounts("1400.00", "120.00", "1280.00"));
    }

    @Test
    void e9_rerunFindsALowerCommission() {
        PayoutRunResult r1 = PayoutRun.settle(PayoutRunRequest.firstRun(NOV,
                List.of(commission(AMB2, "O1", NOV, "1000.00")), INDIVIDUALS, TaxBorneBy.PAYEE, Set.of()));

        PayoutRunResult r2 = PayoutRun.settle(new PayoutRunRequest(NOV, 2,
                List.of(commission(AMB2, "O1", NOV, "750.00")), INDIVIDUALS, TaxBorneBy.PAYEE, Set.of(),
                r1.issued()));

        assertThat(r2.payouts()).isEmpty();
        assertThat(r2.issued().get(AMB2)).isEqualTo(amounts("-250.00", "-40.00", "-210.00"));
        assertThat(r2.openAfterRun()).containsExactly(PayoutItem.open(AMB2, ItemType.CARRY_FORWARD,
                "PO-2026-11-AMBASSADOR-AMB2-A2", DEC, new BigDecimal("-210.00")));
        // The payee got 960.00 and is owed 750.00.
        assertThat(new BigDecimal("960.00").add(r2.issued().get(AMB2).net())).isEqualTo(new BigDecimal("750.00"));
    }

    /** What revision n − 1 of November left: its sums, listings, payout rows and own carries. */
    private static EarlierRevisions earlier(PayoutRunResult... revisions) {
        Map<Payee, PayoutAmounts> issued = new HashMap<>();
        List<PayoutItem> listed = new ArrayList<>();
        List<Payout> payouts = new ArrayList<>();
        List<PayoutItem> carries = new ArrayList<>();
        for (int r = 0; r < revisions.length; r++) {
            PayoutRunResult result = revisions[r];
            result.issued().forEach((payee, amounts) -> issued.merge(payee, amounts, PayoutAmounts::plus));
            listed.addAll(result.items());
            payouts.addAll(result.payouts());
            int revision = r + 1;
            result.openAfterRun().stream().filter(item -> item.itemType() == ItemType.CARRY_FORWARD
                    && item.reference().equals(item.payee().payoutId(NOV, revision))).forEach(carries::add);
        }
        return new EarlierRevisions(issued, listed, payouts, carries);
    }

    @Test
    void unchangedRerunOfACarriedClawback_issuesNothingAndHandsOnRevision1sCarry_issue19() {
        List<PayoutItem> open = List.of(PayoutItem.open(AMB1, ItemType.CLAWBACK, "CLAWBACK-O1-R1", NOV,
                new BigDecimal("-1135.74")));
        PayoutRunResult r1 = PayoutRun.settle(PayoutRunRequest.firstRun(NOV, open, INDIVIDUALS, TaxBorneBy.PAYEE, Set.of()));
        PayoutRunResult r2 = PayoutRun.settle(new PayoutRunRequest(NOV, 2, open, INDIVIDUALS, TaxBorneBy.PAYEE,
                Set.of(), earlier(r1)));

        assertThat(r2.payouts()).isEmpty();
        assertThat(r2.issued()).isEmpty();
        assertThat(r2.items()).isEqualTo(r1.items());
        assertThat(r2.openAfterRun()).isEqualTo(r1.openAfterRun()).containsExactly(PayoutItem.open(AMB1,
                ItemType.CARRY_FORWARD, "PO-2026-11-AMBASSADOR-AMB1", DEC, new BigDecimal("-1135.74")));
    }

    @Test
    void rerunListsItemsUnderThePayoutThatPaidThem_issue14_2() {
        PayoutItem o1 = commission(AMB2, "O1", NOV, "1000.00");
        PayoutRunResult r1 = PayoutRun.settle(PayoutRunRequest.firstRun(NOV, List.of(o1), INDIVIDUALS,
                TaxBorneBy.PAYEE, Set.of()));
        // Unchanged: the commission stays under r1's payout; no -A2 row, no carry.
        PayoutRunResult unchanged = PayoutRun.settle(new PayoutRunRequest(NOV, 2, List.of(o1), INDIVIDUALS,
                TaxBorneBy.PAYEE, Set.of(), earlier(r1)));
        assertThat(unchanged.items()).isEqualTo(r1.items());
        assertThat(unchanged.payouts()).isEmpty();
        assertThat(unchanged.openAfterRun()).isEmpty();

        // Lower (E9): PAID by r1's payout, the overpayment carried under -A2.
        PayoutRunResult lower = PayoutRun.settle(new PayoutRunRequest(NOV, 2, List.of(commission(AMB2, "O1", NOV,
                "750.00")), INDIVIDUALS, TaxBorneBy.PAYEE, Set.of(), earlier(r1)));
        assertThat(lower.items()).extracting(PayoutItem::payoutId).containsExactly("PO-2026-11-AMBASSADOR-AMB2");
        assertThat(lower.openAfterRun()).extracting(PayoutItem::reference).containsExactly("PO-2026-11-AMBASSADOR-AMB2-A2");

        // r3 back at 1,000.00: pays the 210.00 again under -A3; r2's carry of −210.00 still stands.
        PayoutRunResult back = PayoutRun.settle(new PayoutRunRequest(NOV, 3, List.of(o1), INDIVIDUALS,
                TaxBorneBy.PAYEE, Set.of(), earlier(r1, lower)));
        assertThat(back.payouts()).singleElement().satisfies(payout -> {
            assertThat(payout.payoutId()).isEqualTo("PO-2026-11-AMBASSADOR-AMB2-A3");
            assertThat(payout.amounts()).isEqualTo(amounts("250.00", "40.00", "210.00"));
        });
        assertThat(back.items()).extracting(PayoutItem::payoutId).containsExactly("PO-2026-11-AMBASSADOR-AMB2");
        assertThat(back.openAfterRun()).extracting(PayoutItem::amount).containsExactly(new BigDecimal("-210.00"));
    }

    @Test
    void unchangedRerunOfAHeldPayeeKeepsItsHeldRow() {
        List<PayoutItem> open = List.of(commission(AMB1, "O1", NOV, "1000.00"));
        PayoutRunResult r1 = PayoutRun.settle(PayoutRunRequest.firstRun(NOV, open, INDIVIDUALS, TaxBorneBy.PAYEE,
                Set.of(AMB1)));
        PayoutRunResult r2 = PayoutRun.settle(new PayoutRunRequest(NOV, 2, open, INDIVIDUALS, TaxBorneBy.PAYEE,
                Set.of(AMB1), earlier(r1)));
        assertThat(r2.payouts()).isEqualTo(r1.payouts());
        assertThat(r2.items()).isEqualTo(r1.items());
        assertThat(r2.openAfterRun()).isEqualTo(r1.openAfterRun());
    }

    @Test
    void e5_stageAndClawbackInTheSameRunNetToZero() {
        YearMonth march = YearMonth.of(2026, 3);
        PayoutRunResult run = PayoutRun.settle(PayoutRunRequest.firstRun(march, List.of(
                PayoutItem.open(G1, ItemType.REBATE_STAGE, "REBATE-customer-share-2026-02-S1", march,
                        new BigDecimal("220.00")),
                PayoutItem.open(G1, ItemType.CLAWBACK, "REBATE-customer-share-2026-03", march,
                        new BigDecimal("-220.00"))),
                Map.of(), TaxBorneBy.PAYEE, Set.of()));

        assertThat(run.payouts()).isEmpty();
        assertThat(run.openAfterRun()).containsExactly(PayoutItem.open(G1, ItemType.CARRY_FORWARD,
                "PO-2026-03-GROUP-G1", YearMonth.of(2026, 4), new BigDecimal("0.00")));
    }

    @Test
    void payerBorneTaxIsPaidOnTopAndRerunsCompareNets_R10_4_R11_2() {
        PayoutRunResult r1 = PayoutRun.settle(PayoutRunRequest.firstRun(NOV,
                List.of(commission(AMB1, "O1", NOV, "10000.00")), INDIVIDUALS, TaxBorneBy.PAYER, Set.of()));
        assertThat(r1.payouts()).singleElement().extracting(Payout::amounts)
                .isEqualTo(amounts("11904.76", "1904.76", "10000.00"));

        PayoutRunResult r2 = PayoutRun.settle(new PayoutRunRequest(NOV, 2,
                List.of(commission(AMB1, "O1", NOV, "30000.00")), INDIVIDUALS, TaxBorneBy.PAYER, Set.of(),
                r1.issued()));
        // Net difference 20,000.00 is paid; the platform tops up the tax difference 6,842.11 − 1,904.76.
        assertThat(r2.payouts()).singleElement().extracting(Payout::amounts)
                .isEqualTo(amounts("24937.35", "4937.35", "20000.00"));

        PayoutRunResult r3 = PayoutRun.settle(new PayoutRunRequest(NOV, 3,
                List.of(commission(AMB1, "O1", NOV, "3360.00")), INDIVIDUALS, TaxBorneBy.PAYER, Set.of(),
                Map.of(AMB1, r1.issued().get(AMB1).plus(r2.issued().get(AMB1)))));
        assertThat(r3.payouts()).isEmpty();
        assertThat(r3.openAfterRun()).singleElement().extracting(PayoutItem::amount)
                .isEqualTo(new BigDecimal("-26640.00"));
    }

    @Test
    void heldPayeeKeepsItsItemsOpenAndGetsAHeldRow_R9_7() {
        List<PayoutItem> open = List.of(commission(AMB1, "O1", NOV, "1000.00"),
                PayoutItem.open(AMB1, ItemType.CLAWBACK, "CLAWBACK-O0-R1", NOV, new BigDecimal("-100.00")));
        PayoutRunResult run = PayoutRun.settle(
                PayoutRunRequest.firstRun(NOV, open, INDIVIDUALS, TaxBorneBy.PAYEE, Set.of(AMB1)));

        assertThat(run.payouts()).containsExactly(new Payout("PO-2026-11-AMBASSADOR-AMB1", AMB1,
                amounts("900.00", "20.00", "880.00"), 2, PayoutStatus.HELD));
        assertThat(run.items()).allMatch(item -> item.status() == ItemStatus.HELD);
        assertThat(run.openAfterRun()).containsExactlyInAnyOrderElementsOf(open);
        assertThat(run.issued()).isEmpty();
    }

    @Test
    void heldPayeeWithANonPositiveGrossIsCarriedNormally_R9_7() {
        PayoutRunResult run = PayoutRun.settle(PayoutRunRequest.firstRun(NOV,
                List.of(PayoutItem.open(AMB1, ItemType.CLAWBACK, "CLAWBACK-O0-R1", NOV, new BigDecimal("-100.00"))),
                INDIVIDUALS, TaxBorneBy.PAYEE, Set.of(AMB1)));
        assertThat(run.payouts()).isEmpty();
        assertThat(run.items()).singleElement().extracting(PayoutItem::status).isEqualTo(ItemStatus.CARRIED);
        assertThat(run.openAfterRun()).singleElement().extracting(PayoutItem::itemType)
                .isEqualTo(ItemType.CARRY_FORWARD);
    }

    @Test
    void heldInARerunReversesWhatEarlierRevisionsIssued_R9_7_R11_2() {
        List<PayoutItem> open = List.of(commission(AMB2, "O1", NOV, "1000.00"));
        PayoutRunResult r1 = PayoutRun.settle(
                PayoutRunRequest.firstRun(NOV, open, INDIVIDUALS, TaxBorneBy.PAYEE, Set.of()));
        PayoutRunResult r2 = PayoutRun.settle(new PayoutRunRequest(NOV, 2, open, INDIVIDUALS, TaxBorneBy.PAYEE,
                Set.of(AMB2), r1.issued()));

        assertThat(r2.payouts()).containsExactly(new Payout("PO-2026-11-AMBASSADOR-AMB2-A2", AMB2,
                amounts("1000.00", "40.00", "960.00"), 1, PayoutStatus.HELD));
        // The commission comes back whole in the next run, less the 960.00 already paid for it.
        assertThat(r2.openAfterRun()).containsExactlyInAnyOrder(open.get(0), PayoutItem.open(AMB2,
                ItemType.CARRY_FORWARD, "PO-2026-11-AMBASSADOR-AMB2-A2", DEC, new BigDecimal("-960.00")));
        assertThat(r1.issued().get(AMB2).plus(r2.issued().get(AMB2)).isZero()).isTrue();
    }

    @Test
    void forfeitedItemsAreRecordedNeverPaidAndLaterItemsWait_R8_3_R10_1() {
        PayoutItem forfeited = PayoutItem.open(G1, ItemType.FORFEITED, "REBATE-customer-share-2026-02-S2", NOV,
                new BigDecimal("1980.00"));
        PayoutItem later = PayoutItem.open(G1, ItemType.REBATE_STAGE, "REBATE-customer-share-2026-10-S2",
                YearMonth.of(2027, 10), new BigDecimal("500.00"));
        PayoutItem stage = PayoutItem.open(G1, ItemType.REBATE_STAGE, "REBATE-customer-share-2026-10-S1", NOV,
                new BigDecimal("50.00"));
        PayoutRunResult run = PayoutRun.settle(PayoutRunRequest.firstRun(NOV, List.of(forfeited, later, stage),
                Map.of(), TaxBorneBy.PAYEE, Set.of()));

        assertThat(run.payouts()).containsExactly(new Payout("PO-2026-11-GROUP-G1", G1,
                amounts("50.00", "0.00", "50.00"), 1, PayoutStatus.PAY));
        assertThat(run.items()).extracting(PayoutItem::itemType, PayoutItem::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ItemType.REBATE_STAGE, ItemStatus.PAID),
                org.assertj.core.groups.Tuple.tuple(ItemType.FORFEITED, ItemStatus.FORFEITED));
        assertThat(run.openAfterRun()).containsExactly(later);
    }

    @Test
    void anAmbassadorWithoutAKindIsRefused() {
        assertThatThrownBy(() -> PayoutRun.settle(PayoutRunRequest.firstRun(NOV,
                List.of(commission(Payee.ambassador("X"), "O1", NOV, "1.00")), Map.of(), TaxBorneBy.PAYEE,
                Set.of()))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AMBASSADOR");
    }

    /**
     * Over a sequence of first runs, per payee: everything accrued = paid + forfeited + what is
     * still open (carried, held, not yet due). Paid is the payee's side: gross for PAYEE-borne tax,
     * net for PAYER-borne tax.
     */
    @Test
    void property_everyAccruedCentIsPaidCarriedForfeitedOrHeld_R10() {
        for (TaxBorneBy borneBy : TaxBorneBy.values()) {
            Random random = new Random(42L + borneBy.ordinal());
            List<Payee> payees = List.of(AMB1, AMB2, Payee.ambassador("AMB3"), G1, Payee.group("G2"));
            Map<Payee, PayeeKind> kinds = Map.of(AMB1, PayeeKind.INDIVIDUAL, AMB2, PayeeKind.INDIVIDUAL,
                    Payee.ambassador("AMB3"), PayeeKind.COMPANY);
            for (int scenario = 0; scenario < 200; scenario++) {
                Map<Payee, BigDecimal> accrued = new HashMap<>();
                Map<Payee, BigDecimal> settled = new HashMap<>();
                List<PayoutItem> open = new ArrayList<>();
                YearMonth period = YearMonth.of(2026, 1);
                for (int run = 0; run < 12; run++, period = period.plusMonths(1)) {
                    for (int n = random.nextInt(8); n > 0; n--) {
                        PayoutItem item = randomItem(random, payees, period, run, n);
                        open.add(item);
                        accrued.merge(item.payee(), item.amount(), BigDecimal::add);
                    }
                    Set<Payee> held = random.nextInt(4) == 0 ? Set.of(payees.get(random.nextInt(payees.size())))
                            : Set.of();
                    PayoutRunResult result = PayoutRun.settle(
                            PayoutRunRequest.firstRun(period, open, kinds, borneBy, held));
                    for (Payout payout : result.payouts()) {
                        assertThat(payout.amounts().balances()).isTrue();
                        assertThat(payout.amounts().net().signum()).isPositive();
                        if (payout.status() == PayoutStatus.PAY) {
                            BigDecimal payeeSide = borneBy == TaxBorneBy.PAYEE ? payout.amounts().gross()
                                    : payout.amounts().net();
                            settled.merge(payout.payee(), payeeSide, BigDecimal::add);
                        }
                    }
                    for (PayoutItem item : result.items()) {
                        if (item.status() == ItemStatus.FORFEITED) {
                            settled.merge(item.payee(), item.amount(), BigDecimal::add);
                        }
                    }
                    open = new ArrayList<>(result.openAfterRun());
                }
                for (PayoutItem item : open) {
                    settled.merge(item.payee(), item.amount(), BigDecimal::add);
                }
                for (Payee payee : accrued.keySet()) {
                    assertThat(settled.getOrDefault(payee, BigDecimal.ZERO))
                            .as("%s scenario %d, %s", borneBy, scenario, payee)
                            .isEqualByComparingTo(accrued.get(payee));
                }
            }
        }
    }

    /**
     * Re-running a period any number of times: the nets issued over all revisions (paid plus
     * carried) add up to the net of the latest entitlement; gross and tax likewise.
     */
    @Test
    void property_nobodyIsPaidTwiceAcrossReruns_R11_2() {
        for (TaxBorneBy borneBy : TaxBorneBy.values()) {
            Random random = new Random(1129L + borneBy.ordinal());
            for (int scenario = 0; scenario < 500; scenario++) {
                Map<Payee, PayoutAmounts> issued = new HashMap<>();
                Map<Payee, BigDecimal> paidNets = new HashMap<>();
                Map<Payee, BigDecimal> carriedNets = new HashMap<>();
                List<PayoutItem> items = List.of();
                Set<Payee> held = Set.of();
                int revisions = 1 + random.nextInt(5);
                for (int revision = 1; revision <= revisions; revision++) {
                    items = new ArrayList<>();
                    for (int n = random.nextInt(6); n > 0; n--) {
                        PayoutItem item = randomItem(random, List.of(AMB1, AMB2, G1), NOV, revision, n);
                        // every item due in November: this property is about revisions of one period
                        items.add(new PayoutItem(null, item.payee(), item.itemType(), item.reference(), NOV,
                                item.amount(), ItemStatus.OPEN));
                    }
                    held = random.nextInt(5) == 0 ? Set.of(AMB1) : Set.of();
                    PayoutRunResult result = PayoutRun.settle(new PayoutRunRequest(NOV, revision, items,
                            INDIVIDUALS, borneBy, held, issued));
                    for (Payout payout : result.payouts()) {
                        assertThat(payout.payoutId()).endsWith(revision == 1 ? payout.payee().id() : "-A" + revision);
                        assertThat(payout.amounts().balances()).isTrue();
                        if (payout.status() == PayoutStatus.PAY) {
                            paidNets.merge(payout.payee(), payout.amounts().net(), BigDecimal::add);
                        }
                    }
                    for (PayoutItem carry : result.openAfterRun()) {
                        if (carry.itemType() != ItemType.CARRY_FORWARD) {
                            assertThat(held).contains(carry.payee());
                            continue;
                        }
                        if (!held.contains(carry.payee())) {
                            // a held payee's reversal may be positive; any other carry is a debt
                            assertThat(carry.amount().signum()).isLessThanOrEqualTo(0);
                        }
                        carriedNets.merge(carry.payee(), carry.amount(), BigDecimal::add);
                    }
                    result.issued().forEach((payee, amounts) -> issued.merge(payee, amounts, PayoutAmounts::plus));
                }
                for (Payee payee : List.of(AMB1, AMB2, G1)) {
                    BigDecimal gross = Money.round2(Money.sum(items.stream().filter(i -> i.payee().equals(payee))
                            .filter(i -> i.itemType() != ItemType.FORFEITED).map(PayoutItem::amount).toList()));
                    // A held payee is entitled to nothing in November: its items wait for the next run.
                    PayoutAmounts entitlement = held.contains(payee) && gross.signum() > 0 ? PayoutAmounts.ZERO
                            : WithholdingTax.payout(gross, INDIVIDUALS.getOrDefault(payee, PayeeKind.COMPANY), borneBy);
                    assertThat(issued.getOrDefault(payee, PayoutAmounts.ZERO)).as("%s %s", borneBy, payee)
                            .satisfies(total -> {
                                assertThat(total.gross()).isEqualByComparingTo(entitlement.gross());
                                assertThat(total.tax()).isEqualByComparingTo(entitlement.tax());
                                assertThat(total.net()).isEqualByComparingTo(entitlement.net());
                            });
                    BigDecimal issuedNets = paidNets.getOrDefault(payee, BigDecimal.ZERO)
                            .add(carriedNets.getOrDefault(payee, BigDecimal.ZERO));
                    assertThat(issuedNets).isEqualByComparingTo(entitlement.net());
                }
            }
        }
    }

    private static PayoutItem randomItem(Random random, List<Payee> payees, YearMonth period, int run, int n) {
        Payee payee = payees.get(random.nextInt(payees.size()));
        int kind = random.nextInt(10);
        BigDecimal amount = BigDecimal.valueOf(random.nextInt(5_000_000), 2);
        ItemType type;
        if (kind < 5) {
            type = payee.type() == PayeeType.GROUP ? ItemType.REBATE_STAGE : ItemType.COMMISSION;
        } else if (kind < 8) {
            type = ItemType.CLAWBACK;
            amount = amount.negate().divide(BigDecimal.valueOf(1 + random.nextInt(3)), 2, java.math.RoundingMode.DOWN);
        } else if (kind < 9) {
            type = ItemType.FORFEITED;
        } else {
            type = ItemType.BONUS;
        }
        YearMonth due = random.nextInt(5) == 0 ? period.plusMonths(1 + random.nextInt(3)) : period;
        return PayoutItem.open(payee, type, type + "-" + run + "-" + n + "-" + random.nextInt(1_000_000), due, amount);
    }

    private static PayoutItem commission(Payee payee, String order, YearMonth due, String amount) {
        return PayoutItem.open(payee, ItemType.COMMISSION, "COMMISSION-" + order, due, new BigDecimal(amount));
    }

    private static PayoutAmounts amounts(String gross, String tax, String net) {
        return new PayoutAmounts(new BigDecimal(gross), new BigDecimal(tax), new BigDecimal(net));
    }
}
