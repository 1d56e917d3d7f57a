package io.resettle.forecast;

import io.resettle.money.Money;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The console lines of {@code resettle forecast}: the groups and programs closest to their next tier edge. */
public final class ForecastReport {

    private ForecastReport() {
    }

    public static void print(PrintStream out, List<TierForecast> closest) {
        if (closest.isEmpty()) {
            out.println("  no group or program below a tier edge");
            return;
        }
        out.printf("  %-14s %-20s %-16s %18s %18s %16s %14s%n", "kind", "program/table", "scope", "volume",
                "next tier from", "needed", "worth");
        for (TierForecast f : closest) {
            out.printf("  %-14s %-20s %-16s %18s %18s %16s %14s%n", f.kind(), f.programOrTable(), f.scope(),
                    money(Optional.of(f.volume())), money(f.nextTierFrom()), money(f.needed()), money(f.worth()));
        }
    }

    private static String money(Optional<BigDecimal> amount) {
        return amount.map(a -> Money.round2(a).toPlainString()).orElse("-");
    }
}
