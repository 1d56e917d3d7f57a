package io.resettle.payable;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.Objects;

/** A payee of the payout run (R10.1): its type and id, ordered by type then id. */
public record Payee(PayeeType type, String id) implements Comparable<Payee> {

    private static final Comparator<Payee> ORDER = Comparator.comparing(Payee::type).thenComparing(Payee::id);

    public Payee {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public static Payee ambassador(String id) {
        return new Payee(PayeeType.AMBASSADOR, id);
    }

    public static Payee group(String id) {
        return new Payee(PayeeType.GROUP, id);
    }

    /** R10.5: {@code PO-{period}-{payee type}-{payee id}}; a re-run adds {@code -A{revision}} (R11.2). */
    public String payoutId(YearMonth period, int revision) {
        String base = "PO-" + period + "-" + type + "-" + id;
        return revision <= 1 ? base : base + "-A" + revision;
    }

    @Override
    public int compareTo(Payee other) {
        return ORDER.compare(this, other);
    }
}
