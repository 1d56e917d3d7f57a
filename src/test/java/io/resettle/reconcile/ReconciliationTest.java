package io.resettle.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.reconcile.Finding.Status;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** R12.1, R12.2 and the OVER_LIMIT warnings of R6.1, on literal amounts. */
class ReconciliationTest {

    @Test
    void r12_1_aDifferenceOfACentOrMoreIsABreak() {
        List<Finding> findings = StatementReconciliation.compare(
                Map.of("S1", new BigDecimal("100.004"), "S2", new BigDecimal("50.00")),
                Map.of("S1", new BigDecimal("100.00"), "S2", new BigDecimal("49.99")));

        assertThat(findings).containsExactly(new Finding(StatementReconciliation.STATEMENT_TOTAL, "S2",
                new BigDecimal("49.99"), new BigDecimal("50.00"), new BigDecimal("0.01"), Status.BREAK));
    }

    @Test
    void r12_1_aSubAccountOnOneSideOnlyIsABreak() {
        List<Finding> findings = StatementReconciliation.compare(Map.of("EXPORT-ONLY", new BigDecimal("12.50")),
                Map.of("STATEMENT-ONLY", new BigDecimal("30.00")));

        assertThat(findings).containsExactly(
                new Finding(StatementReconciliation.MISSING_FROM_STATEMENT, "EXPORT-ONLY", BigDecimal.ZERO,
                        new BigDecimal("12.50"), new BigDecimal("12.50"), Status.BREAK),
                new Finding(StatementReconciliation.MISSING_EXPORT, "STATEMENT-ONLY", new BigDecimal("30.00"),
                        BigDecimal.ZERO, new BigDecimal("-30.00"), Status.BREAK));
    }

    @Test
    void withoutAStatementOnlyTheOverLimitGroupsAreListedAsWarnings() {
        List<Finding> findings = Reconciliation.findings(Map.of("S1", new BigDecimal("10.00")), Map.of(),
                List.of(new Reconciliation.OverLimit("G1", new BigDecimal("1000.00"), new BigDecimal("1250.40"))));

        assertThat(findings).containsExactly(new Finding("credit_limit", "G1", new BigDecimal("1000.00"),
                new BigDecimal("1250.40"), new BigDecimal("250.40"), Status.WARNING));
    }

    @Test
    void statementBreaksComeBeforeTheOverLimitWarnings() {
        List<Finding> findings = Reconciliation.findings(Map.of("S1", new BigDecimal("10.00")),
                Map.of("S1", new BigDecimal("9.00")),
                List.of(new Reconciliation.OverLimit("G1", new BigDecimal("5.00"), new BigDecimal("10.00"))));

        assertThat(findings).extracting(Finding::check).containsExactly("vendor_statement_total", "credit_limit");
    }

    @Test
    void r12_2_theFirstViolatedInvariantInListOrderIsReported() {
        List<Invariants.Count> counts = List.of(new Invariants.Count("invoice lines whose net is not payable − discount", 0L),
                new Invariants.Count("invoices that are not the sum of their lines", 2L),
                new Invariants.Count("invoice lines on no invoice", 5L));

        assertThatThrownBy(() -> Invariants.expectNone("2026-10", counts)).isInstanceOf(InvariantViolation.class)
                .hasMessage("R12.2 invariant violated: 2 invoices that are not the sum of their lines in 2026-10");
    }

    @Test
    void r12_2_noViolationsPass() {
        assertThatCode(() -> Invariants.expectNone("2026-10", List.of(new Invariants.Count("payouts", 0L))))
                .doesNotThrowAnyException();
    }
}
