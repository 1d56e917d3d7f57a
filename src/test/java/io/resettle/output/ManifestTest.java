package io.resettle.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** manifest.json byte for byte as it has always been laid out (io-contract §3): a restart must write the same bytes. */
class ManifestTest {

    @Test
    void keysInTheirOrder_twoSpacesALevel_amountsAsStringsWithTheFilesDecimals() {
        Manifest manifest = new Manifest("2026-10", 2, 41, "COMPLETED_WITH_BREAKS", "2026-01.yml", "p0");
        manifest.input("a\u0001b\"c\\d\te\n", "e0", "ACCEPTED", 3, 2, 1);
        Map<String, BigDecimal> slices = new LinkedHashMap<>();
        slices.put("amount", new BigDecimal("60000.000000"));
        slices.put("rebate", new BigDecimal("800.5"));
        manifest.output(new Written("rebate-slices.csv", "s1", 2, slices, 6));
        // reconcile keeps differences with twelve decimals: the total is round2 of their sum
        manifest.output(new Written("reconciliation.csv", "r1", 1, Map.of("difference", new BigDecimal("-186.395000000000"))));
        manifest.output(new Written("rejects.csv", "x1", 0, Map.of()));
        manifest.output(new Written("invoicing-2026-10-r2-1.xlsx", "w1", 3, Map.of("金额", new BigDecimal("10.00"))));

        assertThat(manifest.toJson()).isEqualTo("""
                {
                  "period": "2026-10",
                  "revision": 2,
                  "job_execution_id": 41,
                  "exit_status": "COMPLETED_WITH_BREAKS",
                  "policy": {
                    "file": "2026-01.yml",
                    "sha256": "p0"
                  },
                  "inputs": [
                    {
                      "file": "a\\u0001b\\"c\\\\d\\te\\n",
                      "sha256": "e0",
                      "status": "ACCEPTED",
                      "rows": 3,
                      "accepted": 2,
                      "rejected": 1
                    }
                  ],
                  "outputs": [
                    {
                      "file": "rebate-slices.csv",
                      "sha256": "s1",
                      "rows": 2,
                      "totals": {
                        "amount": "60000.000000",
                        "rebate": "800.500000"
                      }
                    },
                    {
                      "file": "reconciliation.csv",
                      "sha256": "r1",
                      "rows": 1,
                      "totals": {
                        "difference": "-186.40"
                      }
                    },
                    {
                      "file": "rejects.csv",
                      "sha256": "x1",
                      "rows": 0,
                      "totals": {}
                    },
                    {
                      "file": "invoicing-2026-10-r2-1.xlsx",
                      "sha256": "w1",
                      "rows": 3,
                      "totals": {
                        "金额": "10.00"
                      }
                    }
                  ]
                }
                """);
    }

    @Test
    void noInputsNorOutputsAreEmptyLists() {
        assertThat(new Manifest("2026-10", 1, 1, "COMPLETED", "p.yml", "p0").toJson()).endsWith("""
                  "inputs": [],
                  "outputs": []
                }
                """);
    }

    @Test
    void aSixDecimalTotalWithMoreDecimalsThrowsInsteadOfBeingRounded() {
        Manifest manifest = new Manifest("2026-10", 1, 1, "COMPLETED", "p.yml", "p0");
        assertThatThrownBy(() -> manifest.output(new Written("rebate-slices.csv", "s1", 1,
                Map.of("rebate", new BigDecimal("0.0000005")), 6)))
                .hasMessageContaining("rebate in rebate-slices.csv, 0.0000005, has more than the file's 6 decimals");
    }

    /** The 数电票 workbook's totals are named by the template's Chinese headers: written as UTF-8, not escaped. */
    @Test
    void chineseTotalsStayAsTheyAre() {
        Manifest manifest = new Manifest("2026-10", 1, 1, "COMPLETED", "p.yml", "p0");
        manifest.output(new Written("invoicing-2026-10-r1-1.xlsx", "x1", 2, Map.of("金额", new BigDecimal("264657.31"))));
        assertThat(manifest.toJson()).contains("\"金额\": \"264657.31\"").doesNotContain("\\u91d1");
    }
}
