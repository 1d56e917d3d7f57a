package io.resettle.money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one place that rounds money (R1). Amounts are {@link BigDecimal}s at full precision
 * until a rule says {@link #round2}; splits always add up to the whole.
 */
public final class Money {

    /** Two decimals, HALF_UP (四舍五入): "round2" of the rule book (R1.2). */
    public static final int CENT_SCALE = 2;

    /** Scale for ratios (shares, proportions) so that no precision is lost before rounding. */
    public static final MathContext RATIO = new MathContext(34, RoundingMode.HALF_EVEN);

    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(CENT_SCALE);

    private static final BigDecimal CENT = new BigDecimal("0.01");

    private Money() {
    }

    /** round2 of R1.2. */
    public static BigDecimal round2(BigDecimal amount) {
        return amount.setScale(CENT_SCALE, RoundingMode.HALF_UP);
    }

    /** Sum at full precision; an empty list sums to zero. */
    public static BigDecimal sum(Iterable<BigDecimal> amounts) {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal amount : amounts) {
            total = total.add(amount);
        }
        return total;
    }

    /** Throws unless both currencies are the same (R1.4: never converted silently). */
    public static void requireSameCurrency(String expected, String actual) {
        if (!Objects.equals(expected, actual)) {
            throw new IllegalArgumentException("currency mismatch: expected " + expected + ", got " + actual);
        }
    }

    /**
     * Instalments (R1.3): every part but the last is round2(total × share), the last takes the
     * remainder, so the parts add up to round2(total).
     */
    public static List<BigDecimal> instalments(BigDecimal total, List<BigDecimal> shares) {
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("at least one share is needed");
        }
        BigDecimal whole = round2(total);
        List<BigDecimal> parts = new ArrayList<>(shares.size());
        BigDecimal allocated = BigDecimal.ZERO;
        for (int i = 0; i < shares.size() - 1; i++) {
            BigDecimal part = round2(total.multiply(shares.get(i)));
            parts.add(part);
            allocated = allocated.add(part);
        }
        parts.add(whole.subtract(allocated));
        return parts;
    }

    /**
     * Largest remainder allocation (R1.3): {@code total} (already in cents) split in proportion to
     * {@code weights}; each part floored to the cent (towards zero for negative totals), missing
     * cents given one by one to the largest remainders, ties broken by ascending key.
     *
     * @return parts keyed like {@code weights}, in ascending key order, adding up to {@code total}
     */
    public static Map<String, BigDecimal> allocate(BigDecimal total, Map<String, BigDecimal> weights) {
        if (total.scale() > CENT_SCALE && total.compareTo(round2(total)) != 0) {
            throw new IllegalArgumentException("total must be whole cents: " + total);
        }
        List<String> keys = weights.keySet().stream().sorted().toList();
        BigDecimal weightSum = sum(weights.values());
        Map<String, BigDecimal> parts = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            if (total.signum() != 0) {
                throw new IllegalArgumentException("cannot allocate " + total + " over no weights");
            }
            return parts;
        }
        if (weightSum.signum() == 0) {
            throw new IllegalArgumentException("cannot allocate " + total + " over weights summing to zero");
        }
        int sign = total.signum() < 0 ? -1 : 1;
        BigDecimal magnitude = total.abs();
        List<Remainder> remainders = new ArrayList<>();
        BigDecimal allocated = BigDecimal.ZERO;
        for (String key : keys) {
            BigDecimal exact = magnitude.multiply(weights.get(key)).divide(weightSum, RATIO);
            BigDecimal floored = exact.setScale(CENT_SCALE, RoundingMode.FLOOR);
            parts.put(key, floored);
            allocated = allocated.add(floored);
            remainders.add(new Remainder(key, exact.subtract(floored)));
        }
        int missingCents = magnitude.subtract(allocated).divide(CENT).intValueExact();
        remainders.sort(Comparator.comparing(Remainder::value).reversed().thenComparing(Remainder::key));
        for (int i = 0; i < missingCents; i++) {
            String key = remainders.get(i % remainders.size()).key();
            parts.put(key, parts.get(key).add(CENT));
        }
        if (sign < 0) {
            parts.replaceAll((key, part) -> part.negate());
        }
        parts.replaceAll((key, part) -> part.setScale(CENT_SCALE));
        return parts;
    }

    private record Remainder(String key, BigDecimal value) {
    }
}
