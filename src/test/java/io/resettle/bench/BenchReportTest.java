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
}
