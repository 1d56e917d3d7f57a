package io.resettle.masterdata.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** A master-data row is rewritten unless every value read back is surely the file's value. */
class StoredValuesTest {

    @Test
    void equalValuesOfTheSameKindAreTheSame() {
        assertThat(StoredValues.same(null, null)).isTrue();
        assertThat(StoredValues.same("Alpha Co", "Alpha Co")).isTrue();
        assertThat(StoredValues.same(new BigDecimal("150000.000000000000"), new BigDecimal("150000.00"))).isTrue();
        assertThat(StoredValues.same(Boolean.TRUE, true)).isTrue();
        assertThat(StoredValues.same(java.sql.Date.valueOf("2026-01-31"), LocalDate.of(2026, 1, 31))).isTrue();
        assertThat(StoredValues.same(LocalDate.of(2026, 1, 31), LocalDate.of(2026, 1, 31))).isTrue();
    }

    @Test
    void anyDifferenceOrAnUnknownPairIsDifferent() {
        assertThat(StoredValues.same(null, "")).isFalse();
        assertThat(StoredValues.same("", null)).isFalse();
        assertThat(StoredValues.same("Alpha Co", "Alpha Holdings")).isFalse();
        assertThat(StoredValues.same("alpha co", "Alpha Co")).isFalse();
        assertThat(StoredValues.same(new BigDecimal("150000.01"), new BigDecimal("150000.00"))).isFalse();
        assertThat(StoredValues.same("150000.00", new BigDecimal("150000.00"))).isFalse();
        assertThat(StoredValues.same(Boolean.FALSE, true)).isFalse();
        assertThat(StoredValues.same(java.sql.Date.valueOf("2026-01-30"), LocalDate.of(2026, 1, 31))).isFalse();
        assertThat(StoredValues.same(7L, 7L)).as("a kind it does not compare is rewritten").isFalse();
        assertThat(StoredValues.same(java.sql.Timestamp.valueOf("2026-08-20 10:00:00"),
                LocalDateTime.of(2026, 8, 20, 10, 0))).as("times are not compared").isFalse();
    }
}
