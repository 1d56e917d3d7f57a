package io.resettle.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void theDefaultDataSetHasARealAgentsShapeScaledWithTheLines() {
        BenchOptions million = BenchOptions.parse(new String[] {"--lines", "1000000"});
        BenchOptions tenMillion = BenchOptions.parse(new String[] {"--lines", "10000000"});
        BenchOptions small = BenchOptions.parse(new String[] {"--lines", "1000"});

        assertThat(List.of(million.groups(), million.subAccounts())).containsExactly(2_000, 20_000);
        assertThat(List.of(tenMillion.groups(), tenMillion.subAccounts())).containsExactly(20_000, 200_000);
        assertThat(List.of(small.groups(), small.subAccounts())).containsExactly(10, 40);
        assertThat(million.seed()).isEqualTo(1);
        assertThat(million.runs()).hasSize(1);
        assertThat(million.policy()).isNull();
        assertThat(BenchOptions.parse(new String[] {"--lines", "10", "--policy", "p.yml"}).runs().get(0).policy())
                .hasFileName("p.yml").isAbsolute();
    }

    @Test
    void explicitSizesWinAndSubAccountsAreAtLeastTheGroups() {
        BenchOptions given = BenchOptions.parse(new String[] {"--lines", "1000000", "--groups", "10", "--sub-accounts",
                "40", "--seed", "7"});
        BenchOptions groupsOnly = BenchOptions.parse(new String[] {"--lines", "1000", "--groups", "500"});

        assertThat(List.of(given.groups(), given.subAccounts(), (int) given.seed())).containsExactly(10, 40, 7);
        assertThat(groupsOnly.subAccounts()).isEqualTo(500);
    }

    @Test
    void theSweepRunsTheFourSizesOfTheIssueAtTheGivenLines() {
        BenchOptions sweep = BenchOptions.parse(new String[] {"--lines", "100000", "--sweep", "sub-accounts"});

        assertThat(sweep.runs()).extracting(Bench.Settings::subAccounts).containsExactly(40, 2_000, 20_000, 200_000);
        assertThat(sweep.runs()).extracting(Bench.Settings::groups).containsExactly(10, 200, 2_000, 20_000);
        assertThat(sweep.runs()).extracting(Bench.Settings::lines).containsOnly(100_000L);
    }

    @Test
    void warmUpRunsAreTheSameBenchOnFreshDatabasesWithoutJson() {
        BenchOptions warm = BenchOptions.parse(new String[] {"--lines", "1000", "--warm-up", "2", "--json", "f.json"});
        BenchOptions cold = BenchOptions.parse(new String[] {"--lines", "1000"});

        assertThat(warm.warmUpRuns()).hasSize(2).allSatisfy(run -> {
            assertThat(List.of(run.lines(), (long) run.groups(), (long) run.subAccounts())).containsExactly(1000L, 10L, 40L);
            assertThat(run.db()).isNull();
            assertThat(run.json()).isNull();
        });
        assertThat(warm.runs()).singleElement().satisfies(run -> assertThat(run.json()).hasFileName("f.json"));
        assertThat(cold.warmUpRuns()).isEmpty();
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--lines", "10", "--warm-up", "1", "--db",
                "jdbc:postgresql://x/y"})).hasMessageContaining("--warm-up needs a fresh database per run");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--lines", "10", "--warm-up", "1", "--sweep",
                "sub-accounts"})).hasMessageContaining("without --sweep");
    }

    @Test
    void refusesWhatItCannotHonour() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--groups", "10"})).hasMessage("bench needs --lines");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--lines", "10", "--sweep", "groups"}))
                .hasMessageContaining("--sweep groups is not known");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--lines", "10", "--sweep", "sub-accounts",
                "--sub-accounts", "5"})).hasMessageContaining("chooses the groups and sub-accounts itself");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--lines", "10", "--sweep", "sub-accounts",
                "--db", "jdbc:postgresql://x/y"})).hasMessageContaining("fresh database");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--lines", "ten"}))
                .hasMessageContaining("--lines ten is not a whole number");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--lines", "10", "--workers"}))
                .hasMessageContaining("unknown option '--workers'");
    }

    @Test
    void theSweepTableShowsEachStepByPointAndItsGrowth() {
        Bench.Run small = run(40, 10, 2.0, 1.0, 4.0);
        Bench.Run large = run(200_000, 20_000, 3.0, 10.0, 5.0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        new SweepTable(List.of(small, large)).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String table = bytes.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("40 (10)").contains("200,000 (20,000)");
        assertThat(table.lines().filter(l -> l.startsWith("settle.reconcile")).findFirst().orElseThrow())
                .contains("1.00").contains("10.00").endsWith("10.0×");
        assertThat(table.lines().filter(l -> l.startsWith("end-to-end")).findFirst().orElseThrow()).endsWith("1.5×");
        assertThat(table).doesNotContain("priceLinesRange:range1");
        assertThat(table.lines().filter(l -> l.startsWith("ratio to baseline")).findFirst().orElseThrow())
                .contains("0.50").contains("0.60");
    }

    private static Bench.Run run(int subAccounts, int groups, double endToEnd, double reconcile, double baseline) {
        Bench.Settings settings = new Bench.Settings(1000, groups, subAccounts, 1, null, null, null);
        return new Bench.Run(settings, List.of(new Bench.Phase("end-to-end", endToEnd, 1000, 1, 1, 1)),
                List.of(new Bench.Phase("settle.reconcile", reconcile, 1000, -1, -1, -1),
                        new Bench.Phase("settle.priceLinesRange:range1", 0.5, 1000, -1, -1, -1)),
                new Bench.Phase("baseline", baseline, 1000, 1, 1, 1), endToEnd / baseline, BenchReport.JSON.createObjectNode());
    }
}
