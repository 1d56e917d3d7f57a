package io.resettle.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.billing.Category;
import io.resettle.policy.Tier;
import io.resettle.policy.TierTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The next tier edge, the volume still needed and what crossing it is worth (issue 4 item 6). */
class TierForecastTest {

    static final TierTable STANDARD = new TierTable(List.of(
            new Tier(new BigDecimal("0"), Map.of(), new BigDecimal("0.00")),
            new Tier(new BigDecimal("50000"), Map.of(Category.SECURITY, new BigDecimal("0.08")), new BigDecimal("0.05")),
            new Tier(new BigDecimal("200000"), Map.of(Category.SECURITY, new BigDecimal("0.13")), new BigDecimal("0.10"))));

    @Test
    void worthIsTheRateDifferenceOnTheCurrentAmountsPerCategory() {
        TierForecast f = TierForecast.of(TierForecast.Kind.DISCOUNT_TABLE, "standard", "G1", STANDARD,
                new BigDecimal("190000.00"),
                Map.of(Category.COMPUTE, new BigDecimal("150000.00"), Category.SECURITY, new BigDecimal("40000.00")));
        assertThat(f.tierFrom()).contains(new BigDecimal("50000"));
        assertThat(f.nextTierFrom()).contains(new BigDecimal("200000"));
        assertThat(f.needed()).contains(new BigDecimal("10000.00"));
        // 150,000 × (10 % − 5 %) + 40,000 × (13 % − 8 %) = 7,500 + 2,000
        assertThat(f.worth()).contains(new BigDecimal("9500.00"));
    }

    @Test
    void belowTheFirstTierTheCurrentRateIsZero() {
        TierTable program = new TierTable(List.of(new Tier(new BigDecimal("500000"), Map.of(), new BigDecimal("0.04"))));
        TierForecast f = TierForecast.of(TierForecast.Kind.PROGRAM, "channel", "AGENT", program,
                new BigDecimal("480000"), Map.of(Category.COMPUTE, new BigDecimal("480000")));
        assertThat(f.tierFrom()).isEmpty();
        assertThat(f.needed()).contains(new BigDecimal("20000"));
        assertThat(f.worth()).contains(new BigDecimal("19200.00"));
    }

    @Test
    void atTheTopTierThereIsNoEdgeLeft() {
        TierForecast f = TierForecast.of(TierForecast.Kind.DISCOUNT_TABLE, "standard", "G1", STANDARD,
                new BigDecimal("250000"), Map.of(Category.COMPUTE, new BigDecimal("250000")));
        assertThat(f.tierFrom()).contains(new BigDecimal("200000"));
        assertThat(f.nextTierFrom()).isEqualTo(Optional.empty());
        assertThat(f.needed()).isEmpty();
        assertThat(f.worth()).isEmpty();
    }
}
