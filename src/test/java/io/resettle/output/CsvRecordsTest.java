package io.resettle.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The workbook's byte reader of our CSVs splits them exactly as Commons CSV's RFC 4180 parser does. */
class CsvRecordsTest {

    @Test
    void splitsAsCommonsCsvDoesOnTheAwkwardCases() throws IOException {
        List<String> texts = List.of("", "a", "a\n", "a\r\n", "a\r", "a,b\r\nc,d", "a,\n", "a,", ",", ",\n,",
                "\n", "\n\n", "a\n\nb\n", "\"\"", "\"\",\"\"\n", "\"a,b\",c", "\"a\"\"b\"\n", "\"line\r\nbreak\",x\r\n",
                "\"a\"  ,b", "\"a\" \n", "a\"b,c", "周敏,联信\n", "\"周\"\"敏\",x", "a\rb\r\nc\n", " a , b ");
        for (String text : texts) {
            assertThat(ours(text)).as("%s", text.replace("\r", "\\r").replace("\n", "\\n")).isEqualTo(commons(text));
        }
    }

    @Test
    void splitsAsCommonsCsvDoesOnRandomFiles() throws IOException {
        Random random = new Random(20);
        String[] pieces = {"a", "Z9", "0.10", "-5", " ", "周", "😀", ",", "\"", "\"\"", "\r", "\n", "\r\n", "_x0041_",
                "<&>", "\t"};
        for (int file = 0; file < 2_000; file++) {
            StringBuilder text = new StringBuilder();
            int records = random.nextInt(6);
            for (int r = 0; r < records; r++) {
                int cells = 1 + random.nextInt(4);
                for (int c = 0; c < cells; c++) {
                    if (c > 0) {
                        text.append(',');
                    }
                    StringBuilder cell = new StringBuilder();
                    for (int k = random.nextInt(4); k > 0; k--) {
                        cell.append(pieces[random.nextInt(pieces.length)]);
                    }
                    String value = cell.toString();
                    boolean needsQuotes = value.contains(",") || value.contains("\"") || value.contains("\r")
                            || value.contains("\n");
                    text.append(needsQuotes || random.nextInt(5) == 0 ? "\"" + value.replace("\"", "\"\"") + "\"" : value);
                }
                if (r < records - 1 || random.nextBoolean()) {
                    text.append(random.nextBoolean() ? "\r\n" : "\n");
                }
            }
            assertThat(ours(text.toString())).as("%s", text).isEqualTo(commons(text.toString()));
        }
    }

    @Test
    void aCellPastTheInputBlockIsReadWhole() throws IOException {
        String longCell = "x".repeat(200_000);
        String text = "h\n\"" + longCell + "\"\n" + longCell + ",y\n";
        assertThat(ours(text)).isEqualTo(commons(text));
    }

    @Test
    void tellsWhichCellsAreAscii() throws IOException {
        CsvRecords csv = new CsvRecords(stream("ab,周敏,\"c\"\"d\",\"周\"\n"), "t.csv");
        assertThat(csv.next()).isTrue();
        assertThat(csv.size()).isEqualTo(4);
        assertThat(List.of(csv.isAscii(0), csv.isAscii(1), csv.isAscii(2), csv.isAscii(3)))
                .containsExactly(true, false, true, false);
        assertThat(csv.get(2)).isEqualTo("c\"d");
    }

    @Test
    void aMalformedFileIsNamedWithItsLine() {
        assertThatThrownBy(() -> ours("a\n\"open,b\n")).isInstanceOf(IOException.class)
                .hasMessage("t.csv: the quoted cell opened on line 2 never ends");
        assertThatThrownBy(() -> ours("a\n\"x\"y\n")).isInstanceOf(IOException.class)
                .hasMessage("t.csv: line 2 has 'y' after a closing quote");
        assertThatThrownBy(() -> ours("a\n\"x\"周\n")).isInstanceOf(IOException.class)
                .hasMessage("t.csv: line 2 has '周' after a closing quote");
    }

    @Test
    void whitespaceOfAnyScriptMayFollowAClosingQuoteAsCommonsCsvAllows() throws IOException {
        String text = "\"a\"\u3000,b\n\"c\"\u2003\n";
        assertThat(ours(text)).isEqualTo(commons(text)).containsExactly(List.of("a", "b"), List.of("c"));
    }

    @Test
    void aCellThatIsNotUtf8FailsAsTheTextReaderDid() {
        byte[] bytes = {'h', '\n', 'o', 'k', '\n', 'x', (byte) 0xFF, 'y', '\n'};
        assertThatThrownBy(() -> {
            CsvRecords csv = new CsvRecords(new ByteArrayInputStream(bytes), "t.csv");
            while (csv.next()) {
                csv.toList();
            }
        }).isInstanceOf(IOException.class).hasMessage("t.csv: line 3 is not UTF-8");
    }

    @Test
    void aMissingCellIsNamedWithTheLineItsRecordStartsOn() throws IOException {
        CsvRecords csv = new CsvRecords(stream("check,key,status\n\"k\n1\",v1\n"), "t.csv");
        csv.next();
        java.util.Map<String, Integer> header = java.util.Map.of("check", 0, "key", 1, "status", 2);
        csv.next();
        assertThat(csv.get(header, "key")).isEqualTo("v1");
        assertThatThrownBy(() -> csv.get(header, "status")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("t.csv: no cell 'status' on line 2");
        assertThatThrownBy(() -> csv.get(java.util.Map.of("check", 0), "status"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("t.csv: no column 'status' in [check]");
    }

    private static List<List<String>> ours(String text) throws IOException {
        CsvRecords csv = new CsvRecords(stream(text), "t.csv");
        List<List<String>> records = new ArrayList<>();
        while (csv.next()) {
            records.add(csv.toList());
        }
        return records;
    }

    private static List<List<String>> commons(String text) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(text))) {
            for (CSVRecord record : parser) {
                records.add(record.toList());
            }
        }
        return records;
    }

    /** Small reads, so records and quoted cells cross the reader's refills. */
    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }
}
