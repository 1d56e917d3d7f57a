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
    void onlyPlainDecimalsAreWrittenAsNumbers() {
        assertThat(DataSheetXml.isPlainDecimal("62977.87")).isTrue();
        assertThat(DataSheetXml.isPlainDecimal("-0.01")).isTrue();
        assertThat(DataSheetXml.isPlainDecimal("7")).isTrue();
        assertThat(DataSheetXml.isPlainDecimal("1E+3")).as("the CSV writers never write exponents").isFalse();
        assertThat(DataSheetXml.isPlainDecimal("-")).isFalse();
        assertThat(DataSheetXml.isPlainDecimal("5.")).isFalse();
        assertThat(DataSheetXml.isPlainDecimal("1.2.3")).isFalse();
        assertThat(DataSheetXml.isPlainDecimal("１２")).as("full-width digits are text").isFalse();
    }

    @Test
    void textIsEscapedForXmlAndExcelsOwnEscapeIsKept() {
        StringBuilder xml = new StringBuilder();
        DataSheetXml.escape("a<b>&\"c\"\r\n\u0007_x0041_ _x12_", xml);
        assertThat(xml).hasToString("a&lt;b&gt;&amp;&quot;c&quot;&#13;\n_x0007__x005F_x0041_ _x12_");
    }
}
