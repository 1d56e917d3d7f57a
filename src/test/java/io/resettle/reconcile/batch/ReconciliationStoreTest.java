package io.resettle.reconcile.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.reconcile.Finding;
import io.resettle.reconcile.Finding.Status;
import io.resettle.reconcile.Reconciliation;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The reconciliation table as its store writes it: reconcile replaces its own findings and leaves
 * the rebate and payout steps' (R12.3 vendor_rebate, R12.4 payout_return), which they replace per check.
 */
class ReconciliationStoreTest {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @TempDir
    Path work;

    private ReconciliationStore store;

    @BeforeEach
    void schema() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:file:" + work.resolve("resettle"));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load().migrate();
        store = new ReconciliationStore(new JdbcTemplate(dataSource));
    }

    @Test
    void reconcileReplacesItsFindingsAndKeepsTheOtherSteps() {
        Finding vendorRebate = new Finding("vendor_rebate", "share/COMPUTE", new BigDecimal("100.00"),
                new BigDecimal("90.00"), new BigDecimal("-10.00"), Status.BREAK);
        Finding returned = new Finding("payout_return", "PO-2026-10-GROUP-G1", null, new BigDecimal("960.00"), null,
                Status.BREAK);
        Finding overLimit = new Finding("credit_limit", "G1", new BigDecimal("1000.00"), new BigDecimal("1250.40"),
                new BigDecimal("250.40"), Status.WARNING);
        store.replaceFindings(OCTOBER, 1, "vendor_rebate", List.of(vendorRebate));
        store.appendFindings(OCTOBER, 1, List.of(returned));
        store.replaceFindingsExcept(OCTOBER, 1, Reconciliation.CHECKS_OF_OTHER_STEPS, List.of(new Finding(
                "vendor_statement_total", "S1", new BigDecimal("10.00"), new BigDecimal("9.00"), new BigDecimal("-1.00"),
                Status.BREAK)));

        store.replaceFindingsExcept(OCTOBER, 1, Reconciliation.CHECKS_OF_OTHER_STEPS, List.of(overLimit));

        assertThat(store.findings(OCTOBER, 1)).extracting(ReconciliationStoreTest::row).containsExactly(
                "BREAK payout_return PO-2026-10-GROUP-G1 - 960.00 -",
                "BREAK vendor_rebate share/COMPUTE 100.00 90.00 -10.00",
                "WARNING credit_limit G1 1000.00 1250.40 250.40");
        assertThat(store.breaks(OCTOBER, 1)).isEqualTo(2);
        assertThat(store.findings(OCTOBER, 2)).isEmpty();
    }

    /** The amounts are stored at a scale of 12: compared as money. */
    private static String row(Finding f) {
        return String.join(" ", f.status().name(), f.check(), f.key(), money(f.expected()), money(f.actual()),
                money(f.difference()));
    }

    private static String money(BigDecimal amount) {
        return amount == null ? "-" : amount.setScale(2).toPlainString();
    }

    @Test
    void aCheckIsReplacedWhole() {
        store.replaceFindings(OCTOBER, 1, "vendor_rebate", List.of(new Finding("vendor_rebate", "share/COMPUTE",
                new BigDecimal("100.00"), new BigDecimal("90.00"), new BigDecimal("-10.00"), Status.BREAK)));

        store.replaceFindings(OCTOBER, 1, "vendor_rebate", List.of());

        assertThat(store.breaks(OCTOBER, 1)).isZero();
    }
}
