package io.resettle.output;

import static org.assertj.core.api.Assertions.assertThat;

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
}
