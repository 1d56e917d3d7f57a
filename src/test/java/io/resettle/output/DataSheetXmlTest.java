package io.resettle.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.output.WorkbookStyles.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of a streamed sheet's XML that POI's read-back in PeriodWorkbookTest does not pin down alone. */
class DataSheetXmlTest {

    @Test
    void columnLettersGoOnPastZ() {
        assertThat(DataSheetXml.columnLetters(0)).isEqualTo("A");
        assertThat(DataSheetXml.columnLetters(25)).isEqualTo("Z");
        assertThat(DataSheetXml.columnLetters(26)).isEqualTo("AA");
        assertThat(DataSheetXml.columnLetters(51)).isEqualTo("AZ");
        assertThat(DataSheetXml.columnLetters(52)).isEqualTo("BA");
        assertThat(DataSheetXml.columnLetters(16_383)).as("Excel's last column").isEqualTo("XFD");
    }

    @Test
    void textIsEscapedForXmlAndExcelsOwnEscapeIsKept() {
        StringBuilder xml = new StringBuilder();
        DataSheetXml.escape("a<b>&\"c\"\r\n\u0007_x0041_ _x12_", xml);
        assertThat(xml).hasToString("a&lt;b&gt;&amp;&quot;c&quot;&#13;\n_x0007__x005F_x0041_ _x12_");
    }

    @Test
    void textPastExcelsCellLimitIsCutVisiblyAndNeverInsideASurrogatePair() {
        String fits = "x".repeat(DataSheetXml.EXCEL_CELL_CHARACTERS);
        assertThat(DataSheetXml.withinExcelsLimit(fits)).isSameAs(fits);
        String tooLong = "y".repeat(DataSheetXml.EXCEL_CELL_CHARACTERS + 1);
        String cut = DataSheetXml.withinExcelsLimit(tooLong);
        assertThat(cut).hasSize(DataSheetXml.EXCEL_CELL_CHARACTERS).endsWith(DataSheetXml.CUT).startsWith("yyy");
        int keep = DataSheetXml.EXCEL_CELL_CHARACTERS - DataSheetXml.CUT.length();
        String emoji = "z".repeat(keep - 1) + "😀" + "z".repeat(DataSheetXml.CUT.length() + 10);
        assertThat(DataSheetXml.withinExcelsLimit(emoji)).isEqualTo("z".repeat(keep - 1) + DataSheetXml.CUT);
    }

    /**
     * An ASCII cell goes from the CSV's bytes to the XML's without a String: the same XML as the
     * text path writes for it, for every ASCII character alone, every pair, and the edge cases.
     */
    @Test
    void anAsciiCellsBytesGiveTheXmlItsTextGives() throws Exception {
        List<String> values = new ArrayList<>();
        for (char c = 0; c < 128; c++) {
            values.add(String.valueOf(c));
            for (char d = 0; d < 128; d++) {
                values.add("" + c + d);
            }
        }
        values.addAll(List.of(" a", "a ", "\ta", "a\r\n", "_x0041_", "_x004G_", "__x0041_", "_x0041", "x_x00e9__x",
                "-0.5", "+1", ".", "1.", ".5", "1e5", "12,345.00", "0012", "-", "1.2.3", "=SUM(A1)",
                "y".repeat(DataSheetXml.EXCEL_CELL_CHARACTERS), " " + "y".repeat(DataSheetXml.EXCEL_CELL_CHARACTERS),
                "z".repeat(DataSheetXml.EXCEL_CELL_CHARACTERS + 1) + " "));
        StringBuilder csv = new StringBuilder();
        for (String value : values) {
            String quoted = "\"" + value.replace("\"", "\"\"") + "\"";
            csv.append(quoted).append(',').append(quoted).append('\n');
        }
        ByteArrayOutputStream fromBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream fromText = new ByteArrayOutputStream();
        DataSheetXml bytesSheet = sheet(fromBytes);
        DataSheetXml textSheet = sheet(fromText);
        CsvRecords records = new CsvRecords(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                "cells.csv");
        int rows = 0;
        while (records.next()) {
            bytesSheet.row(records);
            textSheet.row(records.toList());
            rows++;
        }
        bytesSheet.finish();
        textSheet.finish();
        assertThat(rows).isEqualTo(values.size());
        assertThat(fromBytes.toString(StandardCharsets.UTF_8)).isEqualTo(fromText.toString(StandardCharsets.UTF_8))
                .contains("_x0007_", "_x005F_x0041_", "&#13;", "xml:space=\"preserve\"", " t=\"n\"><v>-0.5</v>",
                        DataSheetXml.CUT);
    }

    private static DataSheetXml sheet(ByteArrayOutputStream out) throws Exception {
        return new DataSheetXml(out, List.of("detail", "amount"), new int[] {12, 14}, 1,
                new Kind[] {Kind.TEXT, Kind.MONEY}, new int[] {0, 5});
    }
}
