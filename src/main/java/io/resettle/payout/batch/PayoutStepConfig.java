package io.resettle.payout.batch;

import io.resettle.billing.BillingLine;
import io.resettle.masterdata.IdentityKeys;
import io.resettle.masterdata.ManagedBy;
import io.resettle.masterdata.PayeeKind;
import io.resettle.money.Money;
import io.resettle.payable.ItemStatus;
import io.resettle.payable.ItemType;
import io.resettle.payable.Payee;
import io.resettle.payable.PayeeType;
import io.resettle.payable.PayoutItem;
import io.resettle.payout.EarlierRevisions;
import io.resettle.payout.Payout;
import io.resettle.payout.PayoutAmounts;
import io.resettle.payout.PayoutRun;
import io.resettle.payout.PayoutRunRequest;
import io.resettle.payout.PayoutRunResult;
import io.resettle.payout.PayoutStatus;
import io.resettle.policy.Policy;
import io.resettle.policy.RebateProgram;
import io.resettle.policy.ReferralPolicy;
import io.resettle.policy.batch.PolicyStore;
import io.resettle.pricing.batch.PricingStore;
import io.resettle.rebate.RebateEligibility;
import io.resettle.rebate.RebatePayoutItem;
import io.resettle.rebate.RebateStage;
import io.resettle.rebate.RebateStages;
import io.resettle.rebate.batch.RebateStore;
import io.resettle.referral.Ambassador;
import io.resettle.referral.Commission;
import io.resettle.referral.Customer;
import io.resettle.referral.HoldRule;
import io.resettle.referral.ReferralLedger;
import io.resettle.referral.ReferralResult;
import io.resettle.referral.Visit;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code settlePayouts}: the CASH stages of P's PAYABLE accruals (R8.3, R8.4), the referral ledger
 * as of P (R9), the retries of FAILED payout returns (R12.4) and the payout run itself (R10, R11.2).
 * Everything it writes is replaced per (period, revision), so repeating it after a crash is harmless.
 */
@Configuration(proxyBeanMethods = false)
class PayoutStepConfig {

    @Bean
    Step settlePayouts(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet settlePayoutsTasklet) {
        return new StepBuilder("settlePayouts", jobRepository).tasklet(settlePayoutsTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    Tasklet settlePayoutsTasklet(JdbcTemplate jdbc, RebateStore rebates, PolicyStore policies,
            @Value("#{jobParameters['period']}") String periodText, @Value("#{jobParameters['revision']}") Long revision) {
        return (contribution, chunkContext) -> {
            PayoutSettlement settlement = new PayoutSettlement(jdbc, rebates, policies.inForce(YearMonth.parse(periodText)),
                    YearMonth.parse(periodText), revision.intValue());
            contribution.incrementWriteCount(settlement.run());
            return RepeatStatus.FINISHED;
        };
    }

    static final class PayoutSettlement {
        private final JdbcTemplate jdbc;
        private final RebateStore rebates;
        private final Policy policy;
        private final YearMonth period;
        private final int revision;
        private final String p;
        private final Optional<Map.Entry<YearMonth, Integer>> previous;

        PayoutSettlement(JdbcTemplate jdbc, RebateStore rebates, Policy policy, YearMonth period, int revision) {
            this.jdbc = jdbc;
            this.rebates = rebates;
            this.policy = policy;
            this.period = period;
            this.revision = revision;
            this.p = period.toString();
            this.previous = rebates.previousSettled(period);
        }

        long run() {
            List<PayoutItem> newItems = new ArrayList<>();
            newItems.addAll(stageItems());
            Set<Payee> held = Set.of();
            Map<Payee, PayeeKind> kinds = new HashMap<>();
            jdbc.query("SELECT ambassador_id, payee_type FROM ambassador", rs -> {
                kinds.put(Payee.ambassador(rs.getString(1)), PayeeKind.valueOf(rs.getString(2)));
            });
            jdbc.update("DELETE FROM commission WHERE period = ? AND revision = ?", p, revision);
            if (policy.referral().isPresent()) {
                ReferralPolicy referral = policy.referral().get();
                ReferralResult ledger = referralLedger(referral);
                writeCommissions(ledger.commissions());
                newItems.addAll(ledgerItemsDue(ledger));
                held = HoldRule.heldAmbassadors(ledger.items(), period, referral.holdRatio());
            }
            newItems.addAll(retries());

            List<PayoutItem> open = new ArrayList<>(openItemsOfPreviousRun());
            open.addAll(newItems);
            PayoutRunResult result = PayoutRun.settle(new PayoutRunRequest(period, revision, open, kinds,
                    policy.taxBorneBy(), held, earlierRevisions()));
            write(result);
            return result.items().size() + result.payouts().size();
        }

        /**
         * The referral items due up to P that no other period's settled payout run has taken
         * (R10.1): not only those booked in P's own run, so a month that was never settled
         * (nothing ingested: settling it is refused) loses none of its commissions. Items due
         * before the first settled period are not taken: those months predate Resettle's payouts.
         * A re-run of P takes P's items again (R11.2 pays only the difference), also when later
         * periods were settled since: those took P's held items from P's hand-over, not from the
         * ledger, so only earlier periods' runs count as "taken elsewhere".
         */
        private List<PayoutItem> ledgerItemsDue(ReferralResult ledger) {
            String first = jdbc.queryForObject("SELECT MIN(period) FROM (" + PricingStore.AUTHORITATIVE_REVISIONS
                    + ") r WHERE r.period <> ?", String.class, p);
            YearMonth from = first == null || YearMonth.parse(first).isAfter(period) ? period : YearMonth.parse(first);
            Set<List<String>> elsewhere = new HashSet<>();
            jdbc.query("SELECT i.payee_type, i.payee_id, i.item_type, i.reference FROM payout_item i JOIN ("
                    + PricingStore.AUTHORITATIVE_REVISIONS + ") r ON r.period = i.period AND r.revision = i.revision"
                    + " WHERE i.period < ? AND i.item_type IN ('COMMISSION', 'CLAWBACK', 'BONUS')", rs -> {
                        elsewhere.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }, p);
            return ledger.items().stream()
                    .filter(item -> !item.duePeriod().isBefore(from) && !item.duePeriod().isAfter(period))
                    .filter(item -> !elsewhere.contains(List.of(item.payee().type().name(), item.payee().id(),
                            item.itemType().name(), item.reference())))
                    .toList();
        }

        /** R8.3, R8.4: P's CASH accruals become stages or reduce pending ones; stages due in P fall due. */
        private List<PayoutItem> stageItems() {
            Map<String, RebateProgram> programs = new TreeMap<>();
            policy.rebatePrograms().forEach(program -> programs.put(program.id(), program));
            List<RebateStage> stages = new ArrayList<>(previous.map(e -> rebates.stages(e.getKey(), e.getValue()))
                    .orElse(List.of()));
            List<PayoutItem> items = new ArrayList<>();
            for (Map.Entry<List<String>, BigDecimal> accrual : rebates.payableAccruals(period, revision).entrySet()) {
                RebateProgram program = programs.get(accrual.getKey().get(0));
                String groupId = accrual.getKey().get(1);
                if (program == null || program.scope() != RebateProgram.Scope.GROUP
                        || !"CASH".equals(rebates.rebatePayout(groupId))) {
                    continue;
                }
                List<RebateStage> existing = stages.stream()
                        .filter(s -> s.program().equals(program.id()) && s.groupId().equals(groupId)).toList();
                RebateStages.CashAccrual cash = RebateStages.cash(program, groupId, period, accrual.getValue(), existing);
                stages.removeAll(existing);
                // reducedStages holds only the stages a negative accrual cut; the others stay as they were (E5).
                for (RebateStage stage : existing) {
                    stages.add(cash.reducedStages().stream().filter(r -> r.reference().equals(stage.reference()))
                            .findFirst().orElse(stage));
                }
                stages.addAll(cash.newStages());
                cash.clawback().ifPresent(c -> items.add(item(c)));
            }
            List<RebateStage> pending = new ArrayList<>();
            for (RebateStage stage : stages) {
                if (stage.isPendingIn(period)) {
                    pending.add(stage);
                    continue;
                }
                RebateProgram program = programs.get(stage.program());
                BigDecimal volume = program == null ? BigDecimal.ZERO : rebates.groupLines(stage.groupId(), stage.duePeriod())
                        .stream().filter(line -> RebateEligibility.admits(program, line))
                        .map(BillingLine::payableAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
                items.add(item(RebateStages.fallDue(stage, volume, rebates.renewalPeriods(stage.groupId()))));
            }
            rebates.replaceStages(period, revision, pending);
            return items;
        }

        private static PayoutItem item(RebatePayoutItem item) {
            return PayoutItem.open(Payee.group(item.groupId()), ItemType.valueOf(item.itemType().name()),
                    item.reference(), item.duePeriod(), item.amount());
        }

        private ReferralResult referralLedger(ReferralPolicy referral) {
            List<Customer> customers = jdbc.query("SELECT * FROM sub_account ORDER BY sub_account_id",
                    (rs, i) -> new Customer(rs.getString("sub_account_id"), ManagedBy.valueOf(rs.getString("managed_by")),
                            rs.getObject("first_paid_before", java.time.LocalDate.class), keys(rs)));
            List<Ambassador> ambassadors = jdbc.query("SELECT * FROM ambassador ORDER BY ambassador_id",
                    (rs, i) -> new Ambassador(rs.getString("ambassador_id"), rs.getString("name"),
                            PayeeKind.valueOf(rs.getString("payee_type")), rs.getString("payout_account"), keys(rs)));
            List<Visit> visits = jdbc.query("SELECT ambassador_id, sub_account_id, visited_at FROM referral_visit"
                            + " ORDER BY visited_at, ambassador_id, sub_account_id",
                    (rs, i) -> new Visit(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDateTime.class)));
            List<BillingLine> lines = jdbc.query("SELECT * FROM billing_line WHERE period <= ? AND sub_account_id IN"
                    + " (SELECT sub_account_id FROM referral_visit) ORDER BY period, line_id",
                    (rs, i) -> PricingStore.billingLine(rs), p);
            return ReferralLedger.asOf(period, referral, customers, ambassadors, visits, lines);
        }

        private static IdentityKeys keys(ResultSet rs) throws SQLException {
            return new IdentityKeys(rs.getString("id_hash"), rs.getString("phone_hash"), rs.getString("pay_account_hash"),
                    rs.getString("device_hash"), rs.getString("address_hash"));
        }

        private void writeCommissions(List<Commission> commissions) {
            List<Object[]> rows = new ArrayList<>();
            for (Commission c : commissions) {
                rows.add(new Object[] {p, revision, c.orderId(), c.subAccountId(), c.ambassadorId(), c.paymentTime(),
                        c.orderPayable(), c.refunded(), c.status().name(), c.commission(), c.dueDate()});
            }
            jdbc.batchUpdate("INSERT INTO commission (period, revision, order_id, sub_account_id, ambassador_id,"
                    + " payment_time, order_payable, refunded, status, commission, due_date)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        }

        /**
         * R12.4: returns received with P's data. A FAILED return matching a payout (id and net) is
         * retried as a RETRY item of its net; any return matching no payout, or another amount, is a break.
         */
        private List<PayoutItem> retries() {
            List<PayoutItem> items = new ArrayList<>();
            List<Object[]> findings = new ArrayList<>();
            // Every completed revision's payouts: a re-run pays only adjustments (R11.2), so the payout a
            // return names may be an earlier revision's. Ids are unique among PAY rows (-A{n}).
            jdbc.query("SELECT r.payout_id, r.status, r.amount, o.payee_type, o.payee_id, o.net FROM payout_return r"
                    + " LEFT JOIN (SELECT po.* FROM payout po JOIN period_run pr ON pr.period = po.period"
                    + " AND pr.revision = po.revision WHERE po.period < ? AND po.status = 'PAY'"
                    + " AND pr.status IN ('COMPLETED', 'COMPLETED_WITH_BREAKS')) o"
                    + " ON o.payout_id = r.payout_id WHERE r.period = ? ORDER BY r.payout_id", rs -> {
                        String payoutId = rs.getString(1);
                        BigDecimal net = rs.getBigDecimal(6);
                        // A pain.002 status without OrgnlTxRef/Amt returns the payout's own net (issue 18).
                        BigDecimal amount = rs.getBigDecimal(3) == null ? net : Money.round2(rs.getBigDecimal(3));
                        if (net == null || net.compareTo(amount) != 0) {
                            findings.add(new Object[] {p, revision, "payout_return", payoutId, net, amount,
                                    net == null ? null : amount.subtract(net), "BREAK"});
                        } else if ("FAILED".equals(rs.getString(2))) {
                            Payee payee = new Payee(PayeeType.valueOf(rs.getString(4)), rs.getString(5));
                            items.add(PayoutItem.open(payee, ItemType.RETRY, payoutId, period, net));
                        }
                    }, p, p);
            rebates.replaceFindings(period, revision, "payout_return", findings);
            return items;
        }

        private List<PayoutItem> openItemsOfPreviousRun() {
            if (previous.isEmpty()) {
                return List.of();
            }
            return jdbc.query("SELECT payee_type, payee_id, item_type, reference, due_period, amount FROM payout_open_item"
                            + " WHERE period = ? AND revision = ? ORDER BY item_no",
                    (rs, i) -> PayoutItem.open(new Payee(PayeeType.valueOf(rs.getString(1)), rs.getString(2)),
                            ItemType.valueOf(rs.getString(3)), rs.getString(4), YearMonth.parse(rs.getString(5)),
                            rs.getBigDecimal(6)),
                    previous.get().getKey().toString(), previous.get().getValue());
        }

        /**
         * R11.2: what the completed earlier revisions of P issued (per payee), listed, paid and
         * carried. P's payout state is the sum of its revisions; the run needs all of it.
         */
        private EarlierRevisions earlierRevisions() {
            Map<Payee, PayoutAmounts> issued = new TreeMap<>();
            jdbc.query("SELECT i.payee_type, i.payee_id, SUM(i.gross), SUM(i.tax), SUM(i.net) FROM payout_issued i"
                    + " JOIN period_run r ON r.period = i.period AND r.revision = i.revision"
                    + " WHERE i.period = ? AND i.revision < ? AND r.status IN ('COMPLETED', 'COMPLETED_WITH_BREAKS')"
                    + " GROUP BY i.payee_type, i.payee_id", rs -> {
                        issued.put(payee(rs, 1), new PayoutAmounts(rs.getBigDecimal(3), rs.getBigDecimal(4),
                                rs.getBigDecimal(5)));
                    }, p, revision);
            if (issued.isEmpty() && revision == 1) {
                return EarlierRevisions.NONE;
            }
            String completedEarlier = " JOIN period_run r ON r.period = x.period AND r.revision = x.revision"
                    + " WHERE x.period = ? AND x.revision < ? AND r.status IN ('COMPLETED', 'COMPLETED_WITH_BREAKS')"
                    + " ORDER BY x.revision, ";
            List<PayoutItem> listed = jdbc.query("SELECT x.payout_id, x.payee_type, x.payee_id, x.item_type, x.reference,"
                    + " x.due_period, x.amount, x.status FROM payout_item x" + completedEarlier + "x.item_no",
                    (rs, i) -> new PayoutItem(rs.getString(1), payee(rs, 2), ItemType.valueOf(rs.getString(4)),
                            rs.getString(5), YearMonth.parse(rs.getString(6)), rs.getBigDecimal(7),
                            ItemStatus.valueOf(rs.getString(8))), p, revision);
            List<Payout> payouts = jdbc.query("SELECT x.payout_id, x.payee_type, x.payee_id, x.gross, x.tax_withheld,"
                    + " x.net, x.item_count, x.status FROM payout x" + completedEarlier + "x.payout_id",
                    (rs, i) -> new Payout(rs.getString(1), payee(rs, 2), new PayoutAmounts(rs.getBigDecimal(4),
                            rs.getBigDecimal(5), rs.getBigDecimal(6)), rs.getInt(7), PayoutStatus.valueOf(rs.getString(8))),
                    p, revision);
            // Each revision hands on the carries of the ones before it: take from each only its own.
            List<PayoutItem> carries = new ArrayList<>();
            jdbc.query("SELECT x.revision, x.payee_type, x.payee_id, x.reference, x.due_period, x.amount"
                    + " FROM payout_open_item x" + completedEarlier.replace(" WHERE ", " WHERE x.item_type = 'CARRY_FORWARD' AND ")
                    + "x.item_no", rs -> {
                        Payee payee = payee(rs, 2);
                        if (rs.getString(4).equals(payee.payoutId(period, rs.getInt(1)))) {
                            carries.add(PayoutItem.open(payee, ItemType.CARRY_FORWARD, rs.getString(4),
                                    YearMonth.parse(rs.getString(5)), rs.getBigDecimal(6)));
                        }
                    }, p, revision);
            return new EarlierRevisions(issued, listed, payouts, carries);
        }

        private static Payee payee(ResultSet rs, int typeColumn) throws SQLException {
            return new Payee(PayeeType.valueOf(rs.getString(typeColumn)), rs.getString(typeColumn + 1));
        }

        private void write(PayoutRunResult result) {
            for (String table : List.of("payout_item", "payout_open_item", "payout", "payout_issued")) {
                jdbc.update("DELETE FROM " + table + " WHERE period = ? AND revision = ?", p, revision);
            }
            List<Object[]> rows = new ArrayList<>();
            int no = 0;
            for (PayoutItem i : result.items()) {
                rows.add(new Object[] {p, revision, no++, i.payoutId(), i.payee().type().name(), i.payee().id(),
                        i.itemType().name(), i.reference(), i.duePeriod().toString(), i.amount(), i.status().name()});
            }
            jdbc.batchUpdate("INSERT INTO payout_item (period, revision, item_no, payout_id, payee_type, payee_id,"
                    + " item_type, reference, due_period, amount, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
            rows.clear();
            no = 0;
            for (PayoutItem i : result.openAfterRun()) {
                rows.add(new Object[] {p, revision, no++, i.payee().type().name(), i.payee().id(), i.itemType().name(),
                        i.reference(), i.duePeriod().toString(), i.amount()});
            }
            jdbc.batchUpdate("INSERT INTO payout_open_item (period, revision, item_no, payee_type, payee_id, item_type,"
                    + " reference, due_period, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
            rows.clear();
            for (Payout payout : result.payouts()) {
                String[] nameAndAccount = payeeNameAndAccount(payout.payee());
                rows.add(new Object[] {p, revision, payout.payoutId(), payout.payee().type().name(), payout.payee().id(),
                        nameAndAccount[0], nameAndAccount[1], payout.amounts().gross(), payout.amounts().tax(),
                        payout.amounts().net(), policy.currency(), payout.itemCount(), payout.status().name()});
            }
            jdbc.batchUpdate("INSERT INTO payout (period, revision, payout_id, payee_type, payee_id, payee_name,"
                    + " payout_account, gross, tax_withheld, net, currency, item_count, status)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
            rows.clear();
            result.issued().forEach((payee, amounts) -> rows.add(new Object[] {p, revision, payee.type().name(),
                    payee.id(), amounts.gross(), amounts.tax(), amounts.net()}));
            jdbc.batchUpdate("INSERT INTO payout_issued (period, revision, payee_type, payee_id, gross, tax, net)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", rows);
        }

        private String[] payeeNameAndAccount(Payee payee) {
            String sql = payee.type() == PayeeType.AMBASSADOR
                    ? "SELECT name, payout_account FROM ambassador WHERE ambassador_id = ?"
                    : "SELECT COALESCE(payee_name, group_name), payout_account FROM customer_group WHERE group_id = ?";
            return jdbc.query(sql, (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, payee.id()).stream()
                    .findFirst().orElse(new String[] {null, null});
        }
    }
}
