package io.resettle.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.billing.BillingLine;
import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.support.csv.RejectReason;
import io.resettle.support.csv.RowRejectedException;
import io.resettle.support.csv.Values;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 15 item 5: what a stored line and an amount may be. */
class LineIntegrityTest {

    private static BillingLine line(String lineId, String productCode, String currency, LocalDateTime paymentTime) {
        return new BillingLine(lineId, null, YearMonth.of(2026, 10), "A", null, productCode, Category.COMPUTE,
                BillingMethod.PREPAID, ChargeType.NEW, null, new BigDecimal("10.00"), new BigDecimal("10.00"), currency,
                paymentTime, null, null, true);
    }

    @Test
    void aValueLongerThanItsColumnIsValueTooLong() {
        assertThat(LineIntegrity.checked(line("x".repeat(200), "p".repeat(200), "CNY", null)).lineId()).hasSize(200);
        assertThatThrownBy(() -> LineIntegrity.checked(line("L1", "p".repeat(201), "CNY", null)))
                .isInstanceOfSatisfying(RowRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.VALUE_TOO_LONG))
                .hasMessageContaining("product code is 201 characters long; at most 200");
        assertThatThrownBy(() -> LineIntegrity.checked(line("L".repeat(201), "ecs", "CNY", null)))
                .hasMessageContaining("line id is 201 characters long");
        assertThatThrownBy(() -> LineIntegrity.checked(line("L1", "ecs", "CNYX", null)))
                .hasMessageContaining("currency is 4 characters long; at most 3");
    }

    @Test
    void aLowerCaseCurrencyIsWrittenInCapitals() {
        assertThat(LineIntegrity.checked(line("L1", "ecs", "cny", null)).currency()).isEqualTo("CNY");
    }

    @Test
    void timesOutsideTheYears1900To9999AreBadDates() {
        assertThat(LineIntegrity.checked(line("L1", "ecs", "CNY", LocalDateTime.of(1900, 1, 1, 0, 0))).paymentTime()).isNotNull();
        assertThatThrownBy(() -> LineIntegrity.checked(line("L1", "ecs", "CNY", LocalDateTime.of(1, 1, 1, 0, 0))))
                .isInstanceOfSatisfying(RowRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_DATE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890123456789", "-1234567890123456789.5", "1E+19", "1E+999999999", "1E+9999999999",
            "1E-9999999999", "1,234,567,890,123,456,789.00"})
    void absurdAmountsAreBadNumbers(String cell) {
        assertThatThrownBy(() -> Values.amount("PretaxAmount", cell))
                .isInstanceOfSatisfying(RowRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_NUMBER))
                .hasMessageStartingWith("PretaxAmount '");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789012345678", "123456789012345678.123456789012", "1E+17", "0E+999999999", "1E-30"})
    void amountsUpTo18IntegerDigitsAreKept(String cell) {
        assertThat(Values.amount("PretaxAmount", cell)).isNotNull();
    }
}
