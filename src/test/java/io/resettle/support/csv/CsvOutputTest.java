package io.resettle.support.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** io-contract §3 files: what Commons CSV prints, whole or absent, however many rows (written in batches). */
class CsvOutputTest {

    @TempDir
    Path folder;

    @Test
    void writesWhatCommonsCsvPrintsAcrossManyBatches() throws Exception {
        Path file = folder.resolve("lines.csv");
        StringWriter expected = new StringWriter();
        CSVPrinter reference = new CSVPrinter(expected, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get());
        reference.printRecord("id", "text", "amount");
        try (CsvOutput csv = CsvOutput.create(file, "id", "text", "amount")) {
            for (int i = 0; i < 20_000; i++) {
                String text = i % 3 == 0 ? "say \"hi\", 云" : i % 3 == 1 ? "=SUM(A1)" : "plain";
                csv.row("L" + i, text, new BigDecimal(i).movePointLeft(3));
                reference.printRecord("L" + i, i % 3 == 1 ? "'" + text : text,
                        new BigDecimal(i).movePointLeft(3).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
            }
            csv.commit();
            assertThat(csv.rows()).isEqualTo(20_000);
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        assertThat(folder.resolve(".lines.csv.tmp")).doesNotExist();
    }

    @Test
    void withoutCommitTheTargetIsUntouched() throws Exception {
        Path file = folder.resolve("payouts.csv");
        Files.writeString(file, "earlier\n");
        try (CsvOutput csv = CsvOutput.create(file, "payout_id")) {
            csv.row("P1");
        }
        assertThat(Files.readString(file)).isEqualTo("earlier\n");
        assertThat(folder.resolve(".payouts.csv.tmp")).doesNotExist();
    }
}
