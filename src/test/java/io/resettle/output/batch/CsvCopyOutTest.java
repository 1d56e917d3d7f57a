package io.resettle.output.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.support.FaultInjection;
import io.resettle.support.csv.CsvOutput;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CsvCopyOut's stream on rows as PostgreSQL's CSV prints them, against what {@link CsvOutput}
 * prints for the same cells: the cases invoice_line cannot hold (a NULL first cell) and the rest.
 */
class CsvCopyOutTest {

    private static final OutputFile FILE = new OutputFile("lines.csv", null, List.of(OutputFile.text("first"),
            OutputFile.text("second"), OutputFile.total("amount")));

    @Test
    void eachCellIsPutRightAsCsvOutputPrintsItAndTheTotalsAreCutOff() throws Exception {
        // PostgreSQL's print of (first, second, amount, amount unrounded), a row a line
        String copied = String.join("\n",
                ",x,1.00,1.00",              // NULL first cell
                "\"\",\"\",2.00,2.004",       // empty texts
                "\"=a,b\",@x,3.00,3.00",      // formulas, quoted and not
                "\"-\"\"q\"\"\", a,4.00,",    // a quoted formula with quotes; a leading space; NULL total
                "#x,tail ,5.00,5.00",         // a first character up to '#', a last up to a space
                "云,\"多\n行\",6.00,6.00") + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, BigDecimal> totals = new LinkedHashMap<>(Map.of("amount", BigDecimal.ZERO));
        CsvCopyOut.Rows rows = new CsvCopyOut.Rows(FILE, out, totals, new FaultInjection(0, "", 0, 0));

        byte[] bytes = copied.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += 7) {
            rows.write(bytes, i, Math.min(7, bytes.length - i)); // as it streams, cut anywhere
        }
        rows.finish();

        CsvOutput.Rows expected = new CsvOutput.Rows();
        expected.row(null, "x", new BigDecimal("1.00"));
        expected.row("", "", new BigDecimal("2.00"));
        expected.row("=a,b", "@x", new BigDecimal("3.00"));
        expected.row("-\"q\"", " a", new BigDecimal("4.00"));
        expected.row("#x", "tail ", new BigDecimal("5.00"));
        expected.row("云", "多\n行", new BigDecimal("6.00"));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.text().toString());
        assertThat(rows.count).isEqualTo(6);
        assertThat(totals).containsEntry("amount", new BigDecimal("17.004"));
    }

    @Test
    void aRowWithTheWrongNumberOfCellsOrCutShortIsRefused() {
        Map<String, BigDecimal> totals = new LinkedHashMap<>(Map.of("amount", BigDecimal.ZERO));
        CsvCopyOut.Rows rows = new CsvCopyOut.Rows(FILE, new ByteArrayOutputStream(), totals,
                new FaultInjection(0, "", 0, 0));
        assertThatThrownBy(() -> rows.write("a,b,1.00\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("COPY gave 3 cells, expected 4");

        CsvCopyOut.Rows cut = new CsvCopyOut.Rows(FILE, new ByteArrayOutputStream(), totals,
                new FaultInjection(0, "", 0, 0));
        assertThatThrownBy(() -> {
            cut.write("a,\"b".getBytes(StandardCharsets.UTF_8));
            cut.finish();
        }).hasMessageContaining("COPY ended inside a row");
    }
}
