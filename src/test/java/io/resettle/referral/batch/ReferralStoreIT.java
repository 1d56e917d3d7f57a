package io.resettle.referral.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.billing.BillingLine;
import io.resettle.referral.Order;
import io.resettle.support.TestDatabases;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The referred customers' lines handed over an order owner at a time (issue 20): each part holds
 * whole orders with every refund Order.fromLines attaches to them, so the parts give the same
 * orders as all the lines at once did, on both databases.
 */
class ReferralStoreIT {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void eachPartHoldsAnOwnersOrdersWithTheRefundsThatBelongToThem(String database) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                database.equals("h2") ? TestDatabases.newH2(work) : TestDatabases.newPostgres());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/" + database)
                .load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        if (database.equals("postgresql")) {
            // billing_line has a partition a period there (V48), which only an ingest creates
            for (String period : List.of("2026_08", "2026_09", "2026_10", "2026_11")) {
                jdbc.execute("CREATE TABLE billing_line_" + period + " PARTITION OF billing_line FOR VALUES IN ('"
                        + period.replace('_', '-') + "')");
            }
        }
        jdbc.execute("""
                INSERT INTO referral_visit (ambassador_id, sub_account_id, visited_at)
                VALUES ('AMB1', 'A', TIMESTAMP '2026-08-20 10:00:00'), ('AMB1', 'B', TIMESTAMP '2026-08-21 10:00:00')""");
        line(jdbc, "2026-08", "X", null, "B", "O-B8", "NEW");
        line(jdbc, "2026-09", "A1", null, "A", "O-A1", "NEW");
        line(jdbc, "2026-09", "X", null, "A", "O-AX", "NEW");
        line(jdbc, "2026-10", "A2", null, "A", "O-A1", "USAGE");
        line(jdbc, "2026-10", "B1", null, "B", "O-B1", "NEW");
        // B's refund of A's line goes with A's order; the refund of X with the latest X (A's, 2026-09).
        line(jdbc, "2026-10", "RB1", "A1", "B", null, "REFUND");
        line(jdbc, "2026-10", "RX", "X", "B", null, "REFUND");
        // A refund naming no line, or a line of a customer without visits, stays with its own sub-account.
        line(jdbc, "2026-10", "RB2", null, "B", "O-B1", "REFUND");
        line(jdbc, "2026-10", "RB3", "C1", "B", "O-B1", "REFUND");
        line(jdbc, "2026-10", "C1", null, "C", "O-C1", "NEW");
        line(jdbc, "2026-11", "A3", null, "A", "O-A3", "NEW");

        List<List<BillingLine>> parts = new ArrayList<>();
        // In a transaction, as the step runs it: only there does PostgreSQL's cursor fetch 5,000 rows at a time.
        new TransactionTemplate(new JdbcTransactionManager(dataSource))
                .executeWithoutResult(status -> new ReferralStore(jdbc).forEachCustomersLines(OCTOBER, parts::add));

        assertThat(parts).extracting(part -> part.stream().map(l -> l.period() + "/" + l.lineId()).toList())
                .containsExactly(
                        List.of("2026-09/A1", "2026-09/X", "2026-10/A2", "2026-10/RB1", "2026-10/RX"),
                        List.of("2026-08/X", "2026-10/B1", "2026-10/RB2", "2026-10/RB3"));
        List<BillingLine> all = new ArrayList<>(parts.stream().flatMap(List::stream).toList());
        all.sort(java.util.Comparator.comparing(BillingLine::period).thenComparing(BillingLine::lineId));
        List<Order> byPart = parts.stream().flatMap(part -> Order.fromLines(part).stream()).toList();
        assertThat(byPart).containsExactlyInAnyOrderElementsOf(Order.fromLines(all));
        assertThat(byPart).filteredOn(order -> order.orderId().equals("O-A1")).singleElement()
                .satisfies(order -> assertThat(order.refunds()).extracting(BillingLine::lineId).containsExactly("RB1"));
    }

    private static void line(JdbcTemplate jdbc, String period, String lineId, String relatedLineId, String subAccount,
            String orderId, String chargeType) {
        jdbc.update("""
                INSERT INTO billing_line (period, line_id, related_line_id, sub_account_id, order_id, product_code, category,
                                          billing_method, charge_type, payable_amount, paid_amount, currency, payment_time,
                                          paid, file, row_no)
                VALUES (?, ?, ?, ?, ?, 'ecs', 'COMPUTE', 'PREPAID', ?, ?, ?, 'CNY', TIMESTAMP '2026-10-05 08:00:00', TRUE,
                        'exports/bill.csv', 1)""", period, lineId, relatedLineId, subAccount, orderId, chargeType,
                chargeType.equals("REFUND") ? -10 : 100, chargeType.equals("REFUND") ? -10 : 100);
    }
}
