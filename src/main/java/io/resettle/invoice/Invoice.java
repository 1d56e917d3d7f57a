package io.resettle.invoice;

import io.resettle.money.Money;
import io.resettle.pricing.InvoiceLine;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A sub-account's invoice of a period (io-contract §3, {@code invoices.csv} totals). The one
 * place invoice totals are computed: line count, payable, discount and net are the sums of its
 * lines (R12.2: invoice = sum of its lines). Master-data columns (group, title, tax id, settlement
 * mode, revision) are joined by the writer.
 *
 * @param lines its lines in io-contract order
 */
public record Invoice(
        String invoiceId,
        String subAccountId,
        YearMonth period,
        List<InvoiceLine> lines,
        int lineCount,
        BigDecimal payable,
        BigDecimal discount,
        BigDecimal net,
        String currency) {

    public Invoice {
        lines = List.copyOf(lines);
    }

    /**
     * Builds the invoice of {@code subAccountId} for {@code period} from its lines (at least one).
     * Every line must carry this invoice's id and one currency (R1.4).
     */
    public static Invoice of(YearMonth period, String subAccountId, Collection<InvoiceLine> lines) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(subAccountId, "subAccountId");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("invoice of " + subAccountId + " in " + period + " has no lines");
        }
        String invoiceId = InvoiceLine.invoiceIdOf(period, subAccountId);
        String currency = lines.iterator().next().currency();
        BigDecimal payable = Money.ZERO;
        BigDecimal discount = Money.ZERO;
        BigDecimal net = Money.ZERO;
        for (InvoiceLine line : lines) {
            if (!invoiceId.equals(line.invoiceId()) || !subAccountId.equals(line.subAccountId())) {
                throw new IllegalArgumentException("line " + line.lineId() + " belongs to " + line.invoiceId()
                        + ", not " + invoiceId);
            }
            Money.requireSameCurrency(currency, line.currency());
            payable = payable.add(line.payable());
            discount = discount.add(line.discount());
            net = net.add(line.net());
        }
        List<InvoiceLine> sorted = new ArrayList<>(lines);
        sorted.sort(InvoiceLine.IO_ORDER);
        return new Invoice(invoiceId, subAccountId, period, sorted, sorted.size(), payable, discount, net, currency);
    }

    /**
     * The invoices of a period, one per sub-account with at least one line, in invoice id order
     * (the row order of {@code invoices.csv}).
     */
    public static List<Invoice> allOf(YearMonth period, Collection<InvoiceLine> lines) {
        Map<String, List<InvoiceLine>> bySubAccount = new TreeMap<>();
        for (InvoiceLine line : lines) {
            bySubAccount.computeIfAbsent(line.subAccountId(), id -> new ArrayList<>()).add(line);
        }
        List<Invoice> invoices = new ArrayList<>();
        bySubAccount.forEach((subAccountId, itsLines) -> invoices.add(of(period, subAccountId, itsLines)));
        invoices.sort(Comparator.comparing(Invoice::invoiceId));
        return List.copyOf(invoices);
    }

    /** Lines in io-contract order (invoice id, kind, line id): the row order of {@code invoice-lines.csv}. */
    public static List<InvoiceLine> inIoOrder(Collection<InvoiceLine> lines) {
        List<InvoiceLine> sorted = new ArrayList<>(lines);
        sorted.sort(InvoiceLine.IO_ORDER);
        return List.copyOf(sorted);
    }
}
