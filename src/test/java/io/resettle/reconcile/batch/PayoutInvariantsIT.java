package io.resettle.reconcile.batch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.reconcile.InvariantViolation;
import io.resettle.reconcile.Invariants;
import io.resettle.support.Cli;
import io.resettle.support.DataSets;
import io.resettle.support.TestDatabases;
import java.nio.file.Path;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** R12.2: stages that do not add up to their accrual, or a payout whose net is not gross − tax, fail the run. */
class PayoutInvariantsIT {

    @TempDir
    Path work;

    @Test
    void violatedPayoutInvariantsAreDetected() {
        Cli cli = new Cli(TestDatabases.newPostgres());
        Path data = DataSets.copy("basic", work.resolve("data"));
        cli.run("ingest", "--period", "2026-10", "--data", data.toString(), "--out", work.resolve("out").toString());
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(cli.databaseUrl()));

        jdbc.update("INSERT INTO rebate_accrual (period, revision, program, direction, scope_id, category, ytd_volume,"
                + " ytd_weighted_volume, tier_from, ytd_rebate, accrual) VALUES ('2026-10', 1, 'share', 'PAYABLE', 'G1',"
                + " 'COMPUTE', 0, 0, NULL, 2200.00, 2200.00)");
        jdbc.update("INSERT INTO rebate_stage VALUES ('2026-10', 1, 'share', 'G1', '2026-10', 1, 220.00, '2026-11', 'NONE')");
        jdbc.update("INSERT INTO rebate_stage VALUES ('2026-10', 1, 'share', 'G1', '2026-10', 2, 1980.00, '2027-10', 'RENEWED')");
        jdbc.update("INSERT INTO payout (period, revision, payout_id, payee_type, payee_id, gross, tax_withheld, net,"
                + " currency, item_count, status) VALUES ('2026-10', 1, 'PO-2026-10-AMBASSADOR-A', 'AMBASSADOR', 'A',"
                + " 1000.00, 40.00, 960.00, 'CNY', 1, 'PAY')");
        assertThatCode(() -> check(jdbc)).doesNotThrowAnyException();

        jdbc.update("UPDATE rebate_stage SET amount = 1979.99 WHERE stage_index = 2");
        assertThatThrownBy(() -> check(jdbc))
                .isInstanceOf(InvariantViolation.class).hasMessageContaining("stage sets that do not add up");

        jdbc.update("UPDATE rebate_stage SET amount = 1980.00 WHERE stage_index = 2");
        jdbc.update("UPDATE payout SET net = 961.00");
        assertThatThrownBy(() -> check(jdbc))
                .isInstanceOf(InvariantViolation.class).hasMessageContaining("net is not gross − tax");
    }

    private static void check(JdbcTemplate jdbc) {
        Invariants.expectNone("2026-10", new ReconciliationStore(jdbc).payoutInvariants(YearMonth.of(2026, 10), 1));
    }
}
