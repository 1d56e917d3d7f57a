package io.resettle.pricing;

import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.money.Money;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.Objects;

/**
 * One row of {@code invoice-lines.csv} (io-contract §3). A CHARGE line prices one billing line
 * (R4.3); derived lines (CLAWBACK, PENALTY of R5.3, REBATE_CREDIT of R8.2) carry payable = net =
 * their amount, rate and discount 0, and no product, category or charge type.
 *
 * <p>The constructor enforces the R12.2 invariant net = payable − discount, and that money is in
 * whole cents.
 *
 * @param productCode  {@code null} on derived lines (printed empty)
 * @param category     {@code null} on derived lines (printed empty)
 * @param chargeType   {@code null} on derived lines (printed empty)
 * @param discountRate the exact rate applied (R4.2, R4.4), zero when none
 */
public record InvoiceLine(
        String invoiceId,
        String subAccountId,
        String lineId,
        InvoiceLineKind kind,
        String productCode,
        Category category,
        ChargeType chargeType,
        BigDecimal payable,
        BigDecimal discountRate,
        BigDecimal discount,
        BigDecimal net,
        String currency) {

    /** Row order of {@code invoice-lines.csv}: invoice id, kind (CHARGE … REBATE_CREDIT), line id. */
    public static final Comparator<InvoiceLine> IO_ORDER = Comparator.comparing(InvoiceLine::invoiceId)
            .thenComparing(InvoiceLine::kind)
            .thenComparing(InvoiceLine::lineId);

    public InvoiceLine {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(subAccountId, "subAccountId");
        Objects.requireNonNull(lineId, "lineId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(discountRate, "discountRate");
        Objects.requireNonNull(currency, "currency");
        payable = cents(payable, "payable");
        discount = cents(discount, "discount");
        net = cents(net, "net");
        if (payable.subtract(discount).compareTo(net) != 0) {
            throw new IllegalArgumentException("line " + lineId + ": net " + net + " is not payable " + payable
                    + " − discount " + discount + " (R12.2)");
        }
        if (kind != InvoiceLineKind.CHARGE && (discount.signum() != 0 || discountRate.signum() != 0)) {
            throw new IllegalArgumentException("derived line " + lineId + " carries no discount");
        }
    }

    /**
     * A derived line (io-contract §3): payable = net = {@code amount}, rate and discount 0, no
     * product, category or charge type.
     */
    public static InvoiceLine derived(String invoiceId, String subAccountId, String lineId, InvoiceLineKind kind,
            BigDecimal amount, String currency) {
        if (kind == InvoiceLineKind.CHARGE) {
            throw new IllegalArgumentException("a CHARGE line prices a billing line; it is not derived");
        }
        return new InvoiceLine(invoiceId, subAccountId, lineId, kind, null, null, null,
                amount, BigDecimal.ZERO, Money.ZERO, amount, currency);
    }

    /** Invoice id of a sub-account's invoice of a period (io-contract §3): {@code INV-{period}-{sub_account_id}}. */
    public static String invoiceIdOf(YearMonth period, String subAccountId) {
        return "INV-" + period + "-" + subAccountId;
    }

    private static BigDecimal cents(BigDecimal amount, String name) {
        Objects.requireNonNull(amount, name);
        if (amount.compareTo(Money.round2(amount)) != 0) {
            throw new IllegalArgumentException(name + " must be whole cents: " + amount);
        }
        return amount.setScale(Money.CENT_SCALE);
    }
}
