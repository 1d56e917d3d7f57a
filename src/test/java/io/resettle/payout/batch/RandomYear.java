package io.resettle.payout.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A seeded random year of referral and rebate business (io-contract §1), 2026-01 to 2026-10, built
 * so that every payout reader of issue 19 has something to read. Around a random background of
 * first purchases and refunds (some after the payout: clawbacks carried or netted), each year holds:
 * <ul>
 * <li>an ambassador held (R9.7): a refund after payout clawing back more than half the commission
 *     falling due in the same run, the gross still positive; released once the clawback leaves the
 *     window;</li>
 * <li>a failed payout retried (R12.4): a COMPANY ambassador's only commission, whose payout id and
 *     net are known in advance, returned FAILED with the next month's statements;</li>
 * <li>a CASH group whose year-to-date volume crosses the rebate tier (stages), then falls below it by
 *     a refund (a negative accrual reducing the pending stage, the rest clawed back, R8.4), and
 *     crosses it again.</li>
 * </ul>
 */
final class RandomYear {

    static final YearMonth FIRST = YearMonth.of(2026, 1);
    static final YearMonth LAST = YearMonth.of(2026, 10);

    private static final String BILL_HEADER = "RecordID,RelatedRecordID,BillingCycle,OwnerID,ProductCode,"
            + "SubscriptionType,Item,OrderType,PretaxAmount,Currency,PaymentTime,Status\n";
    private static final String POLICY = """
            currency: CNY
            categories:
              COMPUTE:  [ecs, swas, ecs-gpu]
              SECURITY: [waf, bastionhost, sas, ddoscoo, qiankun]
              DATABASE: [rds, polardb, redis, mongodb]
              STORAGE:  [oss, nas]
              NETWORK:  [slb, eip, cdn]
            ingest:
              max_reject_ratio: 0.01
            discount_tables:
              standard:
                - {from: 0, rates: {default: 0.00}}
            rebate_programs:
              - id: customer-share
                scope: GROUP
                direction: PAYABLE
                mode: RETROACTIVE
                fiscal_year_start: 1
                eligible: {billing_methods: [PREPAID], categories: [COMPUTE, SECURITY, DATABASE, STORAGE, NETWORK], exclude_products: []}
                tiers:
                  - {from: 100000, rates: {default: 0.02}}
                  - {from: 300000, rates: {default: 0.03}}
                stages:
                  - {share: 0.10, due_after_months: 1, condition: NONE}
                  - {share: 0.90, due_after_months: 4, condition: ACTIVE}
            referral:
              window_days: 30
              rate: 0.25
              hold_days: 30
              eligible_categories: [COMPUTE, SECURITY, DATABASE, STORAGE, NETWORK]
              promotional_products: []
              not_first_purchase: [domain]
              hold_ratio: 0.5
              bonus: {min_order: 1000000, tiers: [{from: 1, per_order: 50}]}
            tax:
              borne_by: PAYEE
            """;

    private final SplittableRandom random;
    private final Map<YearMonth, StringBuilder> exports = new TreeMap<>();
    private final StringBuilder accounts = new StringBuilder("sub_account_id,sub_account_name,group_id,role,"
            + "invoice_title,tax_id,settlement_mode,currency,associated_from,associated_to,managed_by,first_paid_before,"
            + "id_hash,phone_hash,pay_account_hash,device_hash,address_hash\n");
    private final StringBuilder referrals = new StringBuilder("ambassador_id,sub_account_id,visited_at\n");
    private final Map<YearMonth, StringBuilder> returns = new TreeMap<>();
    private int customers;
    private int lines;

    private RandomYear(long seed) {
        this.random = new SplittableRandom(seed);
        for (YearMonth m = FIRST; !m.isAfter(LAST); m = m.plusMonths(1)) {
            exports.put(m, new StringBuilder(BILL_HEADER));
            // X has a small line every month so that every period has an export.
            line(m, "X", null, "oss", "PayAsYouGo", "PayAsYouGoBill", "", "10.00", m.atDay(2).atTime(2, 0));
        }
        account("X", "GX", "PRIMARY");
        account("A1", "G1", "PRIMARY");
        account("A2", "G2", "PRIMARY");
        account("A3", "G3", "PRIMARY");
        account("CP", "GC", "PRIMARY");
    }

    /** Writes the year of {@code seed} into {@code data}. */
    static void write(long seed, Path data) {
        new RandomYear(seed).build().writeTo(data);
    }

    private RandomYear build() {
        heldAmbassador();
        failedPayout();
        stagesReducedByARefund();
        background();
        return this;
    }

    /** AMB3: commission cA paid, then a refund of it after the payout while cB (cA < cB < 2 cA) falls due. */
    private void heldAmbassador() {
        YearMonth a = FIRST.plusMonths(random.nextInt(3));
        long orderA = 10_000 + random.nextInt(4_000);
        long orderB = orderA * (120 + random.nextInt(50)) / 100;
        String first = order("AMB3", a, orderA);
        order("AMB3", a.plusMonths(3), orderB);
        String customer = first.split(":")[0];
        line(a.plusMonths(4), customer, first.split(":")[1], "ecs", "Subscription", "Refund", "", money(-orderA * 100),
                a.plusMonths(4).atDay(3).atTime(10, 0));
    }

    /** AMB4 (COMPANY): one commission, paid and returned FAILED with the next month's statements, then retried. */
    private void failedPayout() {
        YearMonth paid = FIRST.plusMonths(random.nextInt(5));
        long amount = 2_000 + random.nextInt(6_000);
        order("AMB4", paid, amount, 5);
        YearMonth due = paid.plusMonths(1);
        returns.computeIfAbsent(due.plusMonths(1), m -> new StringBuilder("payout_id,status,amount,paid_at\n"))
                .append("PO-").append(due).append("-AMBASSADOR-AMB4,FAILED,").append(money(amount * 25)).append(",\n");
    }

    /** G1 (CASH) crosses 100,000, falls below it by a refund two months later, and crosses again. */
    private void stagesReducedByARefund() {
        YearMonth start = FIRST.plusMonths(random.nextInt(2));
        long first = 60_000 + random.nextInt(29_000);
        long second = 40_000 + random.nextInt(20_000);
        line(start, "A1", null, "ecs", "Subscription", "SubscriptionOrder", "New", money(first * 100),
                start.atDay(4).atTime(9, 0));
        String crossing = line(start.plusMonths(1), "A1", null, "ecs", "Subscription", "SubscriptionOrder", "New",
                money(second * 100), start.plusMonths(1).atDay(4).atTime(9, 0));
        long refund = first + second - 100_000 + 1_000 + random.nextInt(10_000);
        line(start.plusMonths(3), "A1", crossing, "ecs", "Subscription", "Refund", "", money(-refund * 100),
                start.plusMonths(3).atDay(6).atTime(9, 0));
        YearMonth again = start.plusMonths(4 + random.nextInt(2));
        line(again, "A1", null, "ecs", "Subscription", "SubscriptionOrder", "Renew",
                money((30_000 + random.nextInt(40_000)) * 100L), again.atDay(8).atTime(9, 0));
    }

    /** Random first purchases of AMB1 (INDIVIDUAL) and AMB2 (COMPANY) customers, refunds, group volume. */
    private void background() {
        for (YearMonth m = FIRST; !m.isAfter(LAST.minusMonths(1)); m = m.plusMonths(1)) {
            for (int n = random.nextInt(3); n > 0; n--) {
                String ambassador = random.nextBoolean() ? "AMB1" : "AMB2";
                String placed = order(ambassador, m, 1_000 + random.nextInt(19_000));
                if (random.nextInt(10) < 4) {
                    YearMonth refundMonth = m.plusMonths(1 + random.nextInt(4));
                    if (!refundMonth.isAfter(LAST)) {
                        String[] parts = placed.split(":");
                        long refunded = Long.parseLong(parts[2]) * (20 + random.nextInt(81)) / 100;
                        line(refundMonth, parts[0], parts[1], "ecs", "Subscription", "Refund", "", money(-refunded),
                                refundMonth.atDay(1 + random.nextInt(25)).atTime(11, 0));
                    }
                }
            }
            for (String owner : new String[] {"A2", "A3"}) {
                if (random.nextInt(3) > 0) {
                    line(m, owner, null, "rds", "Subscription", "SubscriptionOrder", "New",
                            money((5_000 + random.nextInt(45_000)) * 100L), m.atDay(12).atTime(15, 0));
                }
            }
        }
    }

    /** A new customer of {@code ambassador} visiting and making its first purchase in {@code month}; "customer:line:cents". */
    private String order(String ambassador, YearMonth month, long amount) {
        return order(ambassador, month, amount, 1 + random.nextInt(20));
    }

    private String order(String ambassador, YearMonth month, long amount, int day) {
        String customer = "C" + (++customers);
        account(customer, "GC", "MEMBER");
        LocalDateTime paid = month.atDay(day).atTime(12, 0);
        referrals.append(ambassador).append(',').append(customer).append(',').append(paid.minusDays(2)).append(":00\n");
        String id = line(month, customer, null, "ecs", "Subscription", "SubscriptionOrder", "New", money(amount * 100), paid);
        return customer + ":" + id + ":" + amount * 100;
    }

    private String line(YearMonth month, String owner, String related, String product, String type, String item,
            String orderType, String amount, LocalDateTime paid) {
        String id = "L" + (++lines);
        exports.get(month).append(String.join(",", id, related == null ? "" : related, month.toString(), owner, product,
                type, item, orderType, amount, "CNY", paid + ":00", "PayFinish")).append('\n');
        return id;
    }

    private void account(String id, String group, String role) {
        accounts.append(String.join(",", id, "Name " + id, group, role, "Title " + id, "T-" + id, "CREDIT", "CNY",
                "2026-01", "", "AGENT", "", "", "", "", "", "")).append('\n');
    }

    private static String money(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private void writeTo(Path data) {
        write(data.resolve("policies/2026-01.yml"), POLICY);
        write(data.resolve("groups.csv"), """
                group_id,group_name,currency,credit_limit,rebate_payout,payee_name,payout_account
                G1,Group One,CNY,0,CASH,Group One Ltd,BANK 0001
                G2,Group Two,CNY,0,CASH,Group Two Ltd,BANK 0002
                G3,Group Three,CNY,0,CREDIT_NOTE,,
                GC,Referred Customers,CNY,0,CREDIT_NOTE,,
                GX,Xray,CNY,0,CREDIT_NOTE,,
                """);
        write(data.resolve("agreements.csv"), "agreement_id,group_id,discount_table,term_start,term_end,"
                + "min_commitment,clawback_mode,penalty_rate,terminated_on\n");
        write(data.resolve("ambassadors.csv"), """
                ambassador_id,name,payee_type,payout_account,id_hash,phone_hash,pay_account_hash,device_hash,address_hash
                AMB1,Ambassador One,INDIVIDUAL,ALIPAY 0001,,,,,
                AMB2,Ambassador Two,COMPANY,BANK 0002,,,,,
                AMB3,Ambassador Three,INDIVIDUAL,ALIPAY 0003,,,,,
                AMB4,Ambassador Four,COMPANY,BANK 0004,,,,,
                """);
        write(data.resolve("accounts.csv"), accounts.toString());
        // Visits in payment order are not required: the ledger orders them by time (R9.1).
        write(data.resolve("referrals.csv"), referrals.toString());
        exports.forEach((month, text) -> write(data.resolve("exports/" + month + "/bill.csv"), text.toString()));
        returns.forEach((month, text) -> {
            if (!month.isAfter(LAST)) {
                write(data.resolve("statements/" + month + "/payout-returns.csv"), text.toString());
            }
        });
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = FIRST; !m.isAfter(LAST); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }
}
