package io.resettle.invoice.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.money.Money;
import io.resettle.pricing.InvoiceLine;
import io.resettle.pricing.InvoiceLineKind;
import io.resettle.pricing.batch.InvoiceLineStore;
import io.resettle.support.H2StepTest;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code buildInvoices} and {@code buildStatements} on H2: given a period's invoice lines as the
 * pricing steps leave them, invoice totals are the sums of their lines (R12.2), group statements
 * sum the CREDIT invoices against the limit (R6.1) and PREPAID balances carry on (R6.2).
 */
@H2StepTest
class BuildInvoicesStepTest {

    @Autowired
    JobOperatorTestUtils jobOperatorTestUtils;
    @Autowired
    @Qualifier("buildInvoices")
    Step buildInvoices;
    @Autowired
    @Qualifier("buildStatements")
    Step buildStatements;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    InvoiceLineStore invoiceLines;

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @BeforeEach
    void clear() {
        for (String table : List.of("invoice", "invoice_line", "group_statement", "prepaid_balance", "allocation",
                "period_run", "sub_account", "customer_group")) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    /** E1's October lines priced at tier 200,000: three invoices, and G1's credit total over its limit. */
    @Test
    void e1_sharedGroupDiscount() {
        group("G1", "150000.00");
        subAccount("A", "G1", "CREDIT");
        subAccount("B", "G1", "CREDIT");
        subAccount("C", "G1", "CREDIT");
        charge("A", "a1", "120000.00", "0.10", "12000.00", "108000.00");
        charge("B", "b1", "60000.00", "0.13", "7800.00", "52200.00");
        charge("C", "c1", "25000.00", "0.10", "2500.00", "22500.00");
        charge("C", "c2", "-5000.00", "0.10", "-500.00", "-4500.00");
        groupVolume("G1", "200000.000000000000", "200000", "150000.00");

        run(buildInvoices);

        assertThat(invoices()).containsExactly(
                new InvoiceRow("INV-2026-10-A", "A", "G1", "CREDIT", 1, "120000.00", "12000.00", "108000.00", "CNY"),
                new InvoiceRow("INV-2026-10-B", "B", "G1", "CREDIT", 1, "60000.00", "7800.00", "52200.00", "CNY"),
                new InvoiceRow("INV-2026-10-C", "C", "G1", "CREDIT", 2, "20000.00", "2000.00", "18000.00", "CNY"));

        run(buildStatements);

        assertThat(jdbc.queryForObject("SELECT credit_total FROM group_statement WHERE group_id = 'G1'",
                BigDecimal.class)).isEqualTo(new BigDecimal("178200.00"));
        assertThat(jdbc.queryForObject("SELECT status FROM group_statement WHERE group_id = 'G1'", String.class))
                .isEqualTo("OVER_LIMIT");
    }

    /** R4.6: E1's lines without an agreement, at rate 0. */
    @Test
    void r4_6_groupWithoutAnAgreementPaysFullPrice() {
        group("G1", "150000.00");
        subAccount("A", "G1", "CREDIT");
        subAccount("B", "G1", "CREDIT");
        subAccount("C", "G1", "CREDIT");
        charge("A", "a1", "120000.00", "0", "0.00", "120000.00");
        charge("B", "b1", "60000.00", "0", "0.00", "60000.00");
        charge("C", "c1", "25000.00", "0", "0.00", "25000.00");
        charge("C", "c2", "-5000.00", "0", "0.00", "-5000.00");

        run(buildInvoices);

        assertThat(invoices()).extracting(InvoiceRow::net).containsExactly("120000.00", "60000.00", "20000.00");
    }

    /** R12.2: derived lines (clawback, penalty, rebate credit) count in the invoice like charges. */
    @Test
    void invoiceTotalsAreTheSumsOfItsLines_R12_2() {
        group("G1", "0");
        subAccount("A", "G1", "CREDIT");
        charge("A", "a1", "120000.00", "0.10", "12000.00", "108000.00");
        derived("A", "CLAWBACK-K1", "CLAWBACK", 1, "7500.00");
        derived("A", "REBATE-customer-share-2026-09", "REBATE_CREDIT", 3, "-220.00");

        run(buildInvoices);

        assertThat(invoices()).containsExactly(
                new InvoiceRow("INV-2026-10-A", "A", "G1", "CREDIT", 3, "127280.00", "12000.00", "115280.00", "CNY"));
    }

    /** E3's closing-period lines (June there): A has a6, CLAWBACK-K1 and PENALTY-K1; B has b6 and CLAWBACK-K1 (R5.2). */
    @Test
    void e3_theJuneInvoicesWithClawbackAndPenalty() {
        group("G2", "0");
        subAccount("A", "G2", "CREDIT");
        subAccount("B", "G2", "CREDIT");
        charge("A", "a6", "100000.00", "0.05", "5000.00", "95000.00");
        derived("A", "CLAWBACK-K1", "CLAWBACK", 1, "7500.00");
        derived("A", "PENALTY-K1", "PENALTY", 2, "15000.00");
        charge("B", "b6", "50000.00", "0.05", "2500.00", "47500.00");
        derived("B", "CLAWBACK-K1", "CLAWBACK", 1, "3750.00");

        run(buildInvoices);

        assertThat(invoices()).containsExactly(
                new InvoiceRow("INV-2026-10-A", "A", "G2", "CREDIT", 3, "122500.00", "5000.00", "117500.00", "CNY"),
                new InvoiceRow("INV-2026-10-B", "B", "G2", "CREDIT", 2, "53750.00", "2500.00", "51250.00", "CNY"));
    }

    /** E10: opening 10,000.00 (September's closing), allocation 5,000.00, invoice net 18,000.00. */
    @Test
    void e10_prepaidBalanceFromTheInvoice() {
        group("G1", "0");
        subAccount("S1", "G1", "PREPAID");
        jdbc.update("INSERT INTO period_run (period, revision, job_execution_id, status, forced, closed, created_at)"
                + " VALUES ('2026-09', 1, 0, 'COMPLETED', FALSE, FALSE, CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO prepaid_balance (period, revision, sub_account_id, opening, allocated, charged,"
                + " closing, status) VALUES ('2026-09', 1, 'S1', 0, 10000.00, 0, 10000.00, 'OK')");
        jdbc.update("INSERT INTO allocation (sub_account_id, allocated_on, reference, amount)"
                + " VALUES ('S1', DATE '2026-10-15', 'T1', 5000.00)");
        charge("S1", "l1", "20000.00", "0.10", "2000.00", "18000.00");
        groupVolume("G1", "20000", null, "0");

        run(buildInvoices);
        run(buildStatements);

        assertThat(jdbc.queryForList("SELECT opening, allocated, charged, closing, status FROM prepaid_balance"
                + " WHERE period = '2026-10' AND revision = 1 AND sub_account_id = 'S1'").get(0).values())
                .extracting(String::valueOf)
                .containsExactly("10000.00", "5000.00", "18000.00", "-3000.00", "TOP_UP_REQUIRED");
    }

    /**
     * R12.2 over random line sets written by pricing's store: each invoice is the sum of its lines
     * and nets out; the group's credit total is the sum of its invoices' nets (R6.1).
     */
    @Test
    void invoicesAreTheSumOfTheirLines_R12_2() {
        Random random = new Random(42L);
        group("G", "0");
        for (int s = 0; s < 5; s++) {
            subAccount("S" + s, "G", "CREDIT");
        }
        groupVolume("G", "0", null, "0");
        BigDecimal[] rates = {BigDecimal.ZERO, new BigDecimal("0.05"), new BigDecimal("0.08"), new BigDecimal("0.10"),
                new BigDecimal("0.13")};
        for (int run = 0; run < 20; run++) {
            jdbc.update("DELETE FROM invoice_line");
            List<InvoiceLine> lines = new ArrayList<>();
            for (int i = 0, count = 1 + random.nextInt(40); i < count; i++) {
                String subAccount = "S" + random.nextInt(5);
                BigDecimal payable = BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, 2);
                BigDecimal rate = rates[random.nextInt(rates.length)];
                BigDecimal discount = Money.round2(payable.multiply(rate));
                lines.add(new InvoiceLine("INV-2026-10-" + subAccount, subAccount, "L" + i, InvoiceLineKind.CHARGE,
                        "ecs", Category.COMPUTE, ChargeType.USAGE, payable, rate, discount, payable.subtract(discount),
                        "CNY"));
            }
            invoiceLines.insertInvoiceLines(OCTOBER, 1, lines);

            run(buildInvoices);

            List<InvoiceRow> expected = new ArrayList<>();
            lines.stream().collect(Collectors.groupingBy(InvoiceLine::subAccountId, TreeMap::new, Collectors.toList()))
                    .forEach((subAccount, own) -> expected.add(new InvoiceRow("INV-2026-10-" + subAccount, subAccount,
                            "G", "CREDIT", own.size(), sum(own, InvoiceLine::payable), sum(own, InvoiceLine::discount),
                            sum(own, InvoiceLine::net), "CNY")));
            assertThat(invoices()).containsExactlyElementsOf(expected);
            assertThat(invoices()).allSatisfy(invoice -> assertThat(new BigDecimal(invoice.net()))
                    .isEqualTo(new BigDecimal(invoice.payable()).subtract(new BigDecimal(invoice.discount()))));
        }
        run(buildStatements);
        assertThat(jdbc.queryForObject("SELECT credit_total FROM group_statement WHERE group_id = 'G'",
                BigDecimal.class)).isEqualTo(jdbc.queryForObject("SELECT SUM(net) FROM invoice", BigDecimal.class));
    }

    private static String sum(List<InvoiceLine> lines, Function<InvoiceLine, BigDecimal> amount) {
        return Money.sum(lines.stream().map(amount).toList()).setScale(2).toPlainString();
    }

    record InvoiceRow(String invoiceId, String subAccountId, String groupId, String settlementMode, long lineCount,
            String payable, String discount, String net, String currency) {
    }

    private List<InvoiceRow> invoices() {
        return jdbc.query("SELECT invoice_id, sub_account_id, group_id, settlement_mode, line_count, payable, discount,"
                        + " net, currency FROM invoice WHERE period = '2026-10' AND revision = 1 ORDER BY invoice_id",
                (rs, i) -> new InvoiceRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getBigDecimal(6).toPlainString(), rs.getBigDecimal(7).toPlainString(),
                        rs.getBigDecimal(8).toPlainString(), rs.getString(9)));
    }

    private void run(Step step) {
        JobParameters parameters = new JobParametersBuilder(jobOperatorTestUtils.getUniqueJobParameters())
                .addString("period", "2026-10").addLong("revision", 1L).toJobParameters();
        assertThat(jobOperatorTestUtils.startStep(step, parameters, new ExecutionContext()).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    private void group(String groupId, String creditLimit) {
        jdbc.update("INSERT INTO customer_group (group_id, currency, credit_limit, rebate_payout, implicit_group)"
                + " VALUES (?, 'CNY', ?, 'CASH', FALSE)", groupId, new BigDecimal(creditLimit));
    }

    private void subAccount(String subAccountId, String groupId, String settlementMode) {
        jdbc.update("INSERT INTO sub_account (sub_account_id, group_id, role, settlement_mode, currency, associated_from,"
                + " managed_by) VALUES (?, ?, 'MEMBER', ?, 'CNY', '2026-01', 'AGENT')", subAccountId, groupId,
                settlementMode);
    }

    /** The group's row as computeGroupVolumes leaves it: volume and tier, no credit total yet. */
    private void groupVolume(String groupId, String volume, String tierFrom, String creditLimit) {
        jdbc.update("INSERT INTO group_statement (period, revision, group_id, volume, tier_from, credit_limit)"
                + " VALUES ('2026-10', 1, ?, ?, ?, ?)", groupId, new BigDecimal(volume),
                tierFrom == null ? null : new BigDecimal(tierFrom), new BigDecimal(creditLimit));
    }

    private void charge(String subAccount, String lineId, String payable, String rate, String discount, String net) {
        jdbc.update("INSERT INTO invoice_line (period, revision, invoice_id, sub_account_id, line_id, kind, kind_order,"
                + " product_code, category, charge_type, payable, discount_rate, discount, net, currency)"
                + " VALUES ('2026-10', 1, ?, ?, ?, 'CHARGE', 0, 'ecs', 'COMPUTE', 'USAGE', ?, ?, ?, ?, 'CNY')",
                "INV-2026-10-" + subAccount, subAccount, lineId, new BigDecimal(payable), new BigDecimal(rate),
                new BigDecimal(discount), new BigDecimal(net));
    }

    private void derived(String subAccount, String lineId, String kind, int kindOrder, String amount) {
        jdbc.update("INSERT INTO invoice_line (period, revision, invoice_id, sub_account_id, line_id, kind, kind_order,"
                + " payable, discount_rate, discount, net, currency)"
                + " VALUES ('2026-10', 1, ?, ?, ?, ?, ?, ?, 0, 0.00, ?, 'CNY')", "INV-2026-10-" + subAccount,
                subAccount, lineId, kind, kindOrder, new BigDecimal(amount), new BigDecimal(amount));
    }
}
