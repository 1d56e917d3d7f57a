package io.resettle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The bench's JSON (docs/performance.md): the figures of one run, seconds with three decimals. */
class BenchReportTest {

    @Test
    void theJsonHoldsThePhasesTheBaselineItsPartsTheStepsAndTheRatio() {
        Bench.Settings settings = new Bench.Settings(1000, 10, 40, 7, null, null, null);
        BenchReport report = new BenchReport(settings,
                List.of(new Bench.Phase("ingest", 1.0, 1000, 100, 50, 2048),
                        new Bench.Phase("settle", 2.0, 1000, 120, 60, 4096),
                        new Bench.Phase("end-to-end", 3.0, 1000, 120, 60, 4096)),
                List.of(new Bench.Phase("settle.priceLines", 0.25, 1000, -1, -1, -1)),
                new Bench.Phase("baseline", 1.5, 1000, 80, 40, 8192),
                new PlainSqlBaseline.Result(1000, 0.5, 0.75, 0.25, new BigDecimal("12.34")), 2.0,
                new BigDecimal("12.34"));

        JsonNode json = BenchReport.JSON.readTree(BenchReport.text(report.json()));

        assertThat(json.get("lines").asLong()).isEqualTo(1000);
        assertThat(json.get("seed").asLong()).isEqualTo(7);
        assertThat(json.get("phases")).hasSize(3);
        assertThat(json.get("phases").get(2).get("name").asString()).isEqualTo("end-to-end");
        assertThat(json.get("phases").get(2).get("linesPerSecond").asLong()).isEqualTo(333);
        assertThat(json.get("baseline").get("databaseBytes").asLong()).isEqualTo(8192);
        assertThat(json.get("baselineParts").get("priceSeconds").decimalValue()).isEqualByComparingTo("0.750");
        assertThat(json.get("steps").get(0).has("peakHeapMb")).isFalse();
        assertThat(json.get("ratioToBaseline").decimalValue()).isEqualByComparingTo("2.000");
        assertThat(json.get("chargeDiscount").get("baseline").asString()).isEqualTo("12.34");
        assertThat(BenchReport.text(report.json())).contains("\"seconds\" : 0.250");
    }

    @Test
    void cpuSecondsArePrintedPerPhaseWithBothSidesTotalsAndUnknownOnesAsNotAvailable() {
        Bench.Settings settings = new Bench.Settings(1000, 10, 40, 7, null, null, null);
        CpuMeter.Sample ingest = new CpuMeter.Sample(2.0, 0.5, 3.0, 0.25);
        CpuMeter.Sample settle = new CpuMeter.Sample(4.0, 1.0, 5.0, 0.5);
        BenchReport local = new BenchReport(settings,
                List.of(new Bench.Phase("ingest", 1.0, 1000, 100, 50, 2048, ingest),
                        new Bench.Phase("settle", 2.0, 1000, 120, 60, 4096, settle),
                        new Bench.Phase("end-to-end", 3.0, 1000, 120, 60, 4096, ingest.plus(settle))),
                List.of(), new Bench.Phase("baseline", 1.5, 1000, 80, 40, 8192, new CpuMeter.Sample(0.5, 0.1, 3.5)),
                new PlainSqlBaseline.Result(1000, 0.5, 0.75, 0.25, BigDecimal.ONE), 2.0, BigDecimal.ONE);

        String printed = printed(local);
        assertThat(printed).contains("JVM cpu", "db cpu", "young GC")
                .contains("CPU seconds, JVM + database server: Resettle 14.0 (6.0 + 8.0, JIT 1.5), baseline 4.0: 3.50×");
        JsonNode json = BenchReport.JSON.readTree(BenchReport.text(local.json()));
        assertThat(json.get("phases").get(2).get("databaseCpuSeconds").decimalValue()).isEqualByComparingTo("8.000");
        assertThat(json.get("phases").get(2).get("youngGcPauseSeconds").decimalValue()).isEqualByComparingTo("0.750");
        assertThat(json.get("baseline").get("youngGcPauseSeconds").isNull()).as("not measured: NaN").isTrue();
        assertThat(json.get("steps")).isEmpty();

        CpuMeter.Sample unknown = new CpuMeter.Sample(2.0, 0.5, Double.NaN);
        BenchReport remote = new BenchReport(settings,
                List.of(new Bench.Phase("ingest", 1.0, 1000, 100, 50, 2048, unknown),
                        new Bench.Phase("settle", 2.0, 1000, 120, 60, 4096, unknown),
                        new Bench.Phase("end-to-end", 3.0, 1000, 120, 60, 4096, unknown.plus(unknown))),
                List.of(), new Bench.Phase("baseline", 1.5, 1000, 80, 40, 8192, unknown),
                new PlainSqlBaseline.Result(1000, 0.5, 0.75, 0.25, BigDecimal.ONE), 2.0, BigDecimal.ONE);

        assertThat(printed(remote)).contains("n/a").doesNotContain("CPU seconds, JVM + database server");
        assertThat(BenchReport.JSON.readTree(BenchReport.text(remote.json())).get("phases").get(0)
                .get("databaseCpuSeconds").isNull()).isTrue();
    }

    private static String printed(BenchReport report) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        report.print(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
