package io.resettle.web;

import io.resettle.money.Money;
import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Display formats the templates call as {@code @formats}. */
@Component("formats")
class Formats {

    public String duration(Duration duration) {
        if (duration == null) {
            return "";
        }
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return duration.toMillis() < 1000 ? duration.toMillis() + " ms" : seconds + " s";
        }
        return seconds >= 3600 ? String.format("%d h %02d min", seconds / 3600, seconds % 3600 / 60)
                : String.format("%d min %02d s", seconds / 60, seconds % 60);
    }

    public String money(BigDecimal amount) {
        return amount == null ? "" : Money.round2(amount).toPlainString();
    }
}
