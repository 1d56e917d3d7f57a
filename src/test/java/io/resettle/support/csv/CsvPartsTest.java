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

        assertPutTogether(CsvParts.saved(folder, TOTALS, parts.state()),
                "key,value\na,'=2\na,\"x,y\"\nb,1.50\nb,3\n", 4, "6.75");
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
        assertThat(Files.list(folder).map(p -> p.getFileName().toString()).toList()).containsExactly("journal");
        restored.append("a", rows(new String[] {"a", "2"}), new BigDecimal("2"));
        CsvParts.Written written = putTogether(restored);

        assertThat(slicesText()).isEqualTo("key,value\na,1\na,2\n");
        assertThat(written.totals()).containsExactly(Map.entry("amount", new BigDecimal("3")));
    }

    @Test
    void aJournalShorterThanItsCommittedLengthIsRefusedNamingIt() throws Exception {
        Path folder = CsvParts.folderOf(work, "slices.csv");
        CsvParts parts = CsvParts.empty(folder, TOTALS);
        parts.append("program\tscope", rows(new String[] {"a", "1"}), BigDecimal.ONE);
        Map<String, String> committed = parts.state();
        Files.writeString(folder.resolve("journal"), "a");

        assertThatThrownBy(() -> CsvParts.restore(folder, TOTALS, committed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("journal")
                .hasMessageContaining("holds 1 bytes but 12 were committed")
                .hasMessageContaining("--rerun");
    }

    /**
     * Many parts written chunk after chunk go to one journal, forced once a chunk; put together,
     * each part holds its rows in the order they were appended, and only the committed chunks.
     */
    @Test
    void interleavedChunksOfManyPartsComeOutPartByPartInAppendOrder() throws Exception {
        Path folder = CsvParts.folderOf(work, "slices.csv");
        CsvParts parts = CsvParts.empty(folder, TOTALS);
        StringBuilder expected = new StringBuilder("key,value\n");
        for (int chunk = 1; chunk <= 3; chunk++) {
            Map<String, CsvOutput.Rows> rows = new java.util.TreeMap<>();
            Map<String, BigDecimal[]> totals = new java.util.HashMap<>();
            for (int g = 12; g >= 1; g--) {
                String key = String.format("g%02d", g);
                rows.put(key, rows(new String[] {key, chunk + ".1"}, new String[] {key, chunk + ".2"}));
                totals.put(key, new BigDecimal[] {new BigDecimal(chunk + ".1").add(new BigDecimal(chunk + ".2"))});
            }
            parts.appendAll(rows, totals);
        }
        Map<String, String> committed = parts.state();
        parts.append("g01", rows(new String[] {"g01", "uncommitted"}), BigDecimal.TEN);
        for (int g = 1; g <= 12; g++) {
            for (int chunk = 1; chunk <= 3; chunk++) {
                expected.append(String.format("g%02d,%d.1\ng%02d,%d.2\n", g, chunk, g, chunk));
            }
        }

        assertPutTogether(CsvParts.restore(folder, TOTALS, committed), expected.toString(), 72, "154.8");
    }

    /**
     * After a restore, a part new to it takes the next number (not one a failed chunk had given),
     * and put together from a saved state, what was written after that state is left out.
     */
    @Test
    void aPartCreatedAfterARestoreIsNumberedOnAndBytesAfterTheSavedLengthAreLeftOut() throws Exception {
        Path folder = CsvParts.folderOf(work, "slices.csv");
        CsvParts parts = CsvParts.empty(folder, TOTALS);
        parts.append("b", rows(new String[] {"b", "1"}), BigDecimal.ONE);
        Map<String, String> committed = parts.state();
        parts.append("a", rows(new String[] {"a", "lost"}), BigDecimal.TEN);

        CsvParts restored = CsvParts.restore(folder, TOTALS, committed);
        restored.append("c", rows(new String[] {"c", "2"}), new BigDecimal("2"));
        Map<String, String> state = restored.state();
        restored.append("b", rows(new String[] {"b", "not committed"}), BigDecimal.TEN);
        CsvParts.Written written = putTogether(CsvParts.saved(folder, TOTALS, state));

        assertThat(state).containsEntry("keys", "b\nc").containsEntry("2.rows", "1");
        assertThat(slicesText()).isEqualTo("key,value\nb,1\nc,2\n");
        assertThat(written.totals()).containsExactly(Map.entry("amount", new BigDecimal("3")));
    }

    /**
     * A saved state that lost a value, holds one of the wrong shape, or counts rows in an empty
     * journal, is refused in one sentence.
     */
    @Test
    void aDamagedSavedStateIsRefusedSayingWhat() {
        Path folder = CsvParts.folderOf(work, "slices.csv");

        assertThatThrownBy(() -> CsvParts.saved(folder, TOTALS,
                Map.of("keys", "a", "journal.bytes", "12", "1.total.0", "1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("its saved 1.rows is missing").hasMessageContaining("--rerun");
        assertThatThrownBy(() -> CsvParts.saved(folder, TOTALS,
                Map.of("keys", "a", "journal.bytes", "0", "1.rows", "1", "1.total.0", "1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("part 1 has 1 rows in an empty journal").hasMessageContaining("--rerun");
        assertThatThrownBy(() -> CsvParts.saved(folder, TOTALS,
                Map.of("keys", "a", "journal.bytes", "-5", "1.rows", "1", "1.total.0", "1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("its saved journal.bytes is '-5'");
        assertThatThrownBy(() -> CsvParts.saved(folder, TOTALS,
                Map.of("keys", "a", "journal.bytes", "12", "1.rows", "1.5", "1.total.0", "1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("its saved 1.rows is '1.5'");
    }

    /** Parts saved before the journal (a file per part, no journal length) cannot be put together. */
    @Test
    void aStateSavedAsAFilePerPartIsRefused() {
        Path folder = CsvParts.folderOf(work, "slices.csv");
        Map<String, String> older = Map.of("keys", "program\tscope", "1.bytes", "4", "1.rows", "1", "1.total.0", "1");

        assertThatThrownBy(() -> CsvParts.saved(folder, TOTALS, older))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("older version")
                .hasMessageContaining("--rerun");
    }

    @Test
    void withoutASavedStateTheFileHasItsHeaderOnly() throws Exception {
        CsvParts.Written written = putTogether(CsvParts.saved(work.resolve(".none.parts"), TOTALS, Map.of()));

        assertThat(slicesText()).isEqualTo("key,value\n");
        assertThat(written.rows()).isZero();
        assertThat(written.totals()).containsExactly(Map.entry("amount", BigDecimal.ZERO));
    }

    /** The parts put together: the file's text, its rows and its amount total. */
    private void assertPutTogether(CsvParts parts, String text, long rows, String amount) throws Exception {
        CsvParts.Written written = putTogether(parts);
        assertThat(slicesText()).isEqualTo(text);
        assertThat(written.rows()).isEqualTo(rows);
        assertThat(written.totals()).containsExactly(Map.entry("amount", new BigDecimal(amount)));
    }

    /** The parts put together as slices.csv under the header "key,value". */
    private CsvParts.Written putTogether(CsvParts parts) {
        return parts.writeTo(slicesCsv(), Comparator.naturalOrder(), "key", "value");
    }

    private Path slicesCsv() {
        return work.resolve("slices.csv");
    }

    private String slicesText() throws java.io.IOException {
        return Files.readString(slicesCsv());
    }

    private static CsvOutput.Rows rows(String[]... cells) {
        CsvOutput.Rows rows = new CsvOutput.Rows();
        for (String[] row : cells) {
            rows.row((Object[]) row);
        }
        return rows;
    }
}
