package io.resettle.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The COPY text of numbers and times is exactly what toPlainString and toString give (docs/performance.md). */
class CopyTextTest {

    @Test
    void decimalsAreWrittenAsToPlainStringWritesThem() {
        for (String text : new String[] {"0", "0.00", "-0.00", "1", "-1", "10", "0.5", "-0.5", "0.000000000001",
                "-0.000000000001", "123.450000000000", "-98765.43", "999999999999999999", "-999999999999999999",
                "1000000000000000000", "0.999999999999999999", "12345678901234567890.123456789012", "1E+3", "-2.5E+2",
                "1E-20", "100.10"}) {
            BigDecimal value = new BigDecimal(text);
            assertThat(field(value)).as(text).isEqualTo(value.toPlainString());
        }
    }

    @Test
    void randomDecimalsOfEveryScaleAndSize() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            BigInteger unscaled = new BigInteger(1 + random.nextInt(80), random);
            if (random.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            BigDecimal value = new BigDecimal(unscaled, random.nextInt(30) - 3);
            assertThat(field(value)).as(value.toString()).isEqualTo(value.toPlainString());
        }
    }

    @Test
    void integersAsToStringWritesThem() {
        for (long value : new long[] {0, 7, -7, 10, 99, 100, 123456789012L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(field(value)).isEqualTo(Long.toString(value));
        }
        assertThat(field(Integer.MIN_VALUE)).isEqualTo(Integer.toString(Integer.MIN_VALUE));
    }

    @Test
    void timesAreWrittenAsToStringWritesThem() {
        for (LocalDateTime time : new LocalDateTime[] {LocalDateTime.of(2026, 10, 1, 0, 0),
                LocalDateTime.of(2026, 10, 31, 23, 59, 59), LocalDateTime.of(2026, 1, 9, 8, 5, 7),
                LocalDateTime.of(2026, 12, 1, 0, 0, 1), LocalDateTime.of(2026, 10, 1, 0, 0, 0, 500_000_000),
                LocalDateTime.of(999, 1, 1, 0, 0), LocalDateTime.of(10000, 1, 1, 0, 0)}) {
            assertThat(field(time)).isEqualTo(time.toString());
        }
    }

    @Test
    void rowsAreQuotedTextWithQuotesDoubledUtf8EncodedAndNullEmpty() {
        CopyText copy = new CopyText(0);
        copy.row(new Object[] {"a \"b\", c", "", null, 7L, true, "云大使 \"引\"", new BigDecimal("-1.50")});
        copy.row(new Object[] {"x"});
        assertThat(copy.toString()).isEqualTo("\"a \"\"b\"\", c\",\"\",,7,true,\"云大使 \"\"引\"\"\",-1.50\n\"x\"\n");
    }

    @Test
    void textThatTurnsNonAsciiPartWayIsWrittenOnceAsUtf8() {
        // The ASCII path writes "a""b" first, then starts the value over as UTF-8 at 云.
        assertThat(field("a\"b云 €\"")).isEqualTo("\"a\"\"b云 €\"\"\"");
        assertThat(new CopyText(0).row(new Object[] {"x\"", "é", "y"}).toString()).isEqualTo("\"x\"\"\",\"é\",\"y\"\n");
    }

    private static String field(Object value) {
        return new CopyText(0).field(value).toString();
    }
}
