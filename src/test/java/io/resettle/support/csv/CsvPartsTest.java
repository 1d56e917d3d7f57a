package io.resettle.support.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvPartsTest {

    private static final List<String> TOTALS = List.of("amount");

    @TempDir
    Path work;

    @Test
    void partsArePutTogetherInKeyOrderWithTheHeaderAndTheirTotals() throws Exception {
        Path folder = CsvParts.folderOf(work, "slices.csv");
        CsvParts parts = CsvParts.empty(folder, TOTALS);
        parts.append("b", rows(new String[] {"b", "1.50"}), new BigDecimal("1.50"));
        parts.append("a", rows(new String[] {"a", "=2"}, new String[] {"a", "x,y"}), new BigDecimal("2.25"));
        parts.append("b", rows(new String[] {"b", "3"}), new BigDecimal("3"));

        CsvParts.Written written = CsvParts.saved(folder, TOTALS, parts.state())
                .writeTo(work.resolve("slices.csv"), Comparator.naturalOrder(), "key", "value");

        assertThat(Files.readString(work.resolve("slices.csv")))
                .isEqualTo("key,value\na,'=2\na,\"x,y\"\nb,1.50\nb,3\n");
        assertThat(written.rows()).isEqualTo(4);
        assertThat(written.totals()).containsExactly(Map.entry("amount", new BigDecimal("6.75")));
    }

    @Test
    void aRestoreCutsOffWhatAChunkAppendedAfterTheSavedStateAndRemovesPartsItCreated() throws Exception {
        Path folder = CsvParts.folderOf(work, "slices.csv");
        CsvParts parts = CsvParts.empty(folder, TOTALS);
        parts.append("a", rows(new String[] {"a", "1"}), BigDecimal.ONE);
        Map<String, String> committed = parts.state();
        // The next chunk appends to a and creates b, then fails before its commit.
        parts.append("a", rows(new String[] {"a", "2"}), new BigDecimal("2"));
        parts.append("b", rows(new String[] {"b", "3"}), BigDecimal.TEN);

        CsvParts restored = CsvParts.restore(folder, TOTALS, committed);
        assertThat(Files.list(folder).map(p -> p.getFileName().toString()).toList()).containsExactly("1.part");
        restored.append("a", rows(new String[] {"a", "2"}), new BigDecimal("2"));
        CsvParts.Written written = restored.writeTo(work.resolve("slices.csv"), Comparator.naturalOrder(), "key", "value");

        assertThat(Files.readString(work.resolve("slices.csv"))).isEqualTo("key,value\na,1\na,2\n");
        assertThat(written.totals()).containsExactly(Map.entry("amount", new BigDecimal("3")));
    }

    @Test
    void aPartShorterThanItsCommittedLengthIsRefusedNamingIt() throws Exception {
        Path folder = CsvParts.folderOf(work, "slices.csv");
        CsvParts parts = CsvParts.empty(folder, TOTALS);
        parts.append("program\tscope", rows(new String[] {"a", "1"}), BigDecimal.ONE);
        Map<String, String> committed = parts.state();
        Files.writeString(folder.resolve("1.part"), "a");

        assertThatThrownBy(() -> CsvParts.restore(folder, TOTALS, committed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1.part (program scope) holds 1 bytes but 4 were committed")
                .hasMessageContaining("--rerun");
    }

    @Test
    void withoutASavedStateTheFileHasItsHeaderOnly() throws Exception {
        CsvParts.Written written = CsvParts.saved(work.resolve(".none.parts"), TOTALS, Map.of())
                .writeTo(work.resolve("slices.csv"), Comparator.naturalOrder(), "key", "value");

        assertThat(Files.readString(work.resolve("slices.csv"))).isEqualTo("key,value\n");
        assertThat(written.rows()).isZero();
        assertThat(written.totals()).containsExactly(Map.entry("amount", BigDecimal.ZERO));
    }

    private static CsvOutput.Rows rows(String[]... cells) {
        CsvOutput.Rows rows = new CsvOutput.Rows();
        for (String[] row : cells) {
            rows.row((Object[]) row);
        }
        return rows;
    }
}
