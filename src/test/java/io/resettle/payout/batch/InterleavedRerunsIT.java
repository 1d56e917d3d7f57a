package io.resettle.payout.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.cli.ResettleCommandLine;
import io.resettle.support.Sql;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 19's property: a seeded random year ({@link RandomYear}: refunds after payout, a held
 * ambassador, a failed payout retried, rebate stages reduced by a negative accrual) settled straight
 * through, and again with unchanged re-runs of earlier periods interleaved in a seeded random order.
 * Per payee, the nets paid over all periods and revisions are the straight run's; every period's
 * newest revision lists the same items and hands the same open items and pending stages to the next
 * run as the straight run's revision 1.
 */
class InterleavedRerunsIT {

    @TempDir
    Path work;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 19, 2026})
    void unchangedRerunsInAnyOrderChangeNothing(long seed) {
        Path data = work.resolve("data");
        RandomYear.write(seed, data);
        DataSetRun straight = new DataSetRun(data, work.resolve("straight"));
        straight.demo();
        List<YearMonth> months = RandomYear.months();
        assertTheYearExercisesEveryReader(straight, months);

        DataSetRun interleaved = new DataSetRun(data, work.resolve("interleaved"));
        Map<YearMonth, Integer> newest = new TreeMap<>();
        SplittableRandom order = new SplittableRandom(seed * 31 + 7);
        List<String> log = new ArrayList<>();
        for (YearMonth period : months) {
            assertThat(interleaved.cli.run("ingest", "--period", period.toString(), "--data", data.toString(),
                    "--out", interleaved.out.toString())).as("ingest %s", period).isZero();
            assertThat(interleaved.cli.run("settle", "--period", period.toString(), "--out",
                    interleaved.out.toString())).as("settle %s", period)
                    .isIn(ResettleCommandLine.OK, ResettleCommandLine.BREAKS);
            newest.put(period, 1);
            log.add(period.toString());
            for (int reruns = order.nextInt(3); reruns > 0; reruns--) {
                YearMonth earlier = months.get(order.nextInt(months.indexOf(period) + 1));
                assertThat(interleaved.rerun(earlier.toString())).as("re-run %s after %s", earlier, log)
                        .isIn(ResettleCommandLine.OK, ResettleCommandLine.BREAKS);
                newest.merge(earlier, 1, Integer::sum);
                log.add(earlier + "-r" + newest.get(earlier));
            }
        }
        assertThat(newest.values().stream().mapToInt(Integer::intValue).sum()).as("re-runs in %s", log)
                .isGreaterThan(months.size());

        assertThat(paidNets(interleaved, newest)).as("nets paid per payee, order %s", log)
                .isEqualTo(paidNets(straight, Map.of()));
        for (YearMonth period : months) {
            String p = period.toString();
            int revision = newest.get(period);
            String as = p + " r" + revision + " of " + log;
            for (String file : List.of("payout-items.csv", "commissions.csv", "reconciliation.csv", "rebates.csv")) {
                assertThat(interleaved.file(p, revision, file)).as("%s %s", file, as).isEqualTo(straight.file(p, file));
            }
            assertThat(heldRows(interleaved.file(p, revision, "payouts.csv"))).as(as)
                    .isEqualTo(heldRows(straight.file(p, "payouts.csv")));
            if (revision > 1) {
                assertThat(interleaved.file(p, revision, "payouts.csv")).as(as).doesNotContain(",PAY\n");
            }
            assertThat(handOver(interleaved, p, revision)).as("open items and stages after %s", as)
                    .isEqualTo(handOver(straight, p, 1));
        }
    }

    /** The straight year holds what the readers of issue 19 read; otherwise the property proves little. */
    private static void assertTheYearExercisesEveryReader(DataSetRun straight, List<YearMonth> months) {
        String items = months.stream().map(m -> straight.file(m.toString(), "payout-items.csv"))
                .collect(Collectors.joining());
        String payouts = months.stream().map(m -> straight.file(m.toString(), "payouts.csv"))
                .collect(Collectors.joining());
        assertThat(payouts).as("a held ambassador (R9.7)").contains("AMBASSADOR,AMB3,").contains(",HELD\n");
        assertThat(items).as("a failed payout retried (R12.4)").contains(",RETRY,PO-");
        assertThat(items).as("a refund after payout clawed back (R9.5)").contains(",CLAWBACK,CLAWBACK-");
        assertThat(items).as("a negative accrual beyond the pending stages (R8.4)").contains("-CLAWBACK,");
        assertThat(items).as("a carried balance (R10.2)").contains(",CARRY_FORWARD,");
        String stages = Sql.value(straight.cli.databaseUrl(), "SELECT COUNT(*) FROM rebate_stage WHERE amount = 0");
        assertThat(Integer.parseInt(stages)).as("a pending stage reduced to 0 by a negative accrual (R8.4)").isPositive();
    }

    /** Per payee, the nets of every PAY row of every period and revision. */
    private static Map<String, BigDecimal> paidNets(DataSetRun run, Map<YearMonth, Integer> revisions) {
        Map<String, BigDecimal> nets = new TreeMap<>();
        for (YearMonth period : RandomYear.months()) {
            for (int revision = 1; revision <= revisions.getOrDefault(period, 1); revision++) {
                run.file(period.toString(), revision, "payouts.csv").lines().skip(1).forEach(row -> {
                    String[] cells = row.split(",", -1);
                    if (cells[10].equals("PAY")) {
                        nets.merge(cells[1] + "-" + cells[2], new BigDecimal(cells[7]), BigDecimal::add);
                    }
                });
            }
        }
        return nets;
    }

    private static List<String> heldRows(String payouts) {
        return payouts.lines().filter(row -> row.endsWith(",HELD")).toList();
    }

    /** What the run of a period hands to the next one: its open items and its pending stages. */
    private static List<List<String>> handOver(DataSetRun run, String period, int revision) {
        List<List<String>> rows = new ArrayList<>(Sql.rows(run.cli.databaseUrl(),
                "SELECT payee_type, payee_id, item_type, reference, due_period, amount FROM payout_open_item"
                        + " WHERE period = '" + period + "' AND revision = " + revision
                        + " ORDER BY payee_type, payee_id, item_type, reference"));
        rows.addAll(Sql.rows(run.cli.databaseUrl(),
                "SELECT program, group_id, accrual_period, stage_index, amount, due_period FROM rebate_stage"
                        + " WHERE period = '" + period + "' AND revision = " + revision
                        + " ORDER BY program, group_id, accrual_period, stage_index"));
        return rows;
    }
}
