package io.resettle.ingest;

import io.resettle.billing.BillingLine;
import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.ingest.ExportFormat.Field;
import io.resettle.ingest.ExportFormat.Target;
import io.resettle.ingest.ExportFormat.ValueMap;
import io.resettle.masterdata.IngestAccount;
import io.resettle.policy.Policy;
import io.resettle.support.csv.ExportHeader;
import io.resettle.support.csv.RejectReason;
import io.resettle.support.csv.RowRejectedException;
import io.resettle.support.csv.Values;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns one export row into a {@link BillingLine} (R2, io-contract §2) as the file's
 * {@link ExportFormat} definition says, or rejects it with a {@link RowRejectedException} naming
 * the reason (R2.5). One normaliser for every format: the formats differ only in their
 * definitions. Checks run in the order R2.5 lists them; duplicates within a file are the caller's
 * concern (it sees the whole file).
 */
public final class LineNormaliser {

    private static final Map<String, Category> FOCUS_SERVICE_CATEGORIES = Map.of(
            "compute", Category.COMPUTE, "security", Category.SECURITY, "databases", Category.DATABASE,
            "storage", Category.STORAGE, "networking", Category.NETWORK);

    private final ExportFormat format;
    private final ExportHeader header;
    private final YearMonth ingestedPeriod;
    private final Policy policy;
    private final Function<String, Optional<IngestAccount>> accounts;
    private final Function<String, Optional<String>> subAccountByLogin;
    private final ZoneId zone;
    private final LineIds lineIds;
    private final RowFields fields;

    public LineNormaliser(ExportFormat format, ExportHeader header, YearMonth ingestedPeriod, Policy policy,
            Function<String, Optional<IngestAccount>> accounts) {
        this(format, header, ingestedPeriod, policy, accounts, login -> Optional.empty());
    }

    /**
     * @param ingestedPeriod    the period being ingested, which is also the export folder's
     * @param subAccountByLogin a vendor login name (accounts.csv {@code vendor_login}) → sub-account id
     */
    public LineNormaliser(ExportFormat format, ExportHeader header, YearMonth ingestedPeriod, Policy policy,
            Function<String, Optional<IngestAccount>> accounts, Function<String, Optional<String>> subAccountByLogin) {
        this.format = format;
        this.header = header;
        this.ingestedPeriod = ingestedPeriod;
        this.policy = policy;
        this.accounts = accounts;
        this.subAccountByLogin = subAccountByLogin;
        this.zone = format.policyTimeZone() && policy.vendorTimeZone().isPresent()
                ? policy.vendorTimeZone().get() : format.timeZone();
        this.lineIds = new LineIds(format, header);
        this.fields = new RowFields(format, header, zone);
    }

    /** The zone this file's zone-less times are read in. */
    public ZoneId zone() {
        return zone;
    }

    public BillingLine normalise(String[] c) {
        YearMonth period = period(c);
        String subAccount = subAccount(c);
        String recordId = fields.first(c, Field.RECORD_ID);
        String product = fields.first(c, Field.PRODUCT_CODE);
        BigDecimal payable = fields.requiredAmount(c, Field.PAYABLE_AMOUNT);
        BillingMethod method = BillingMethod.valueOf(resolve(format.billingMethod(), c, null, payable));
        ChargeType chargeType = ChargeType.valueOf(resolve(format.chargeType(), c, method, payable));
        BigDecimal list = fields.amount(c, Field.LIST_AMOUNT);
        BigDecimal paid = fields.amount(c, Field.PAID_AMOUNT);
        if (paid == null) {
            paid = payable;
        }
        String currency = fields.first(c, Field.CURRENCY);
        if (currency == null && format.currencyFromAccount() && subAccount != null) {
            currency = accounts.apply(subAccount).map(IngestAccount::currency).orElse(null);
        }
        String related = fields.first(c, Field.RELATED_RECORD_ID);
        BillingLine line = new BillingLine(lineIds.lineId(c, recordId),
                related == null ? null : lineIds.qualified(c, related), period, subAccount, orderId(c, recordId), product,
                categoryOf(product, fields.first(c, Field.SERVICE_CATEGORY)), method, chargeType, list, payable, paid,
                currency, fields.time(c, Field.PAYMENT_TIME), fields.time(c, Field.USAGE_START),
                fields.time(c, Field.USAGE_END), paid(c));
        return AccountChecks.validated(format.negateRefunds() ? negateRefund(line) : line, accounts, ingestedPeriod);
    }

    // ---- fields ----

    private YearMonth period(String[] c) {
        for (String column : format.columnsOf(Field.PERIOD)) {
            String cell = header.cell(c, column);
            if (Values.text(cell) != null) {
                return Values.period(column, cell);
            }
        }
        if (format.periodFromFolder()) {
            return ingestedPeriod;
        }
        throw new RowRejectedException(RejectReason.BAD_DATE,
                String.join(", ", format.columnsOf(Field.PERIOD)) + " empty: the row has no period");
    }

    /**
     * The sub-account columns in the definition's order; a login column's value is looked up in
     * accounts.csv's {@code vendor_login}, and a login that matches none rejects the row rather than
     * falling through to a payer-account column (which would bill the wrong customer).
     */
    private String subAccount(String[] c) {
        for (String entry : format.subAccountOrder()) {
            if (entry.startsWith(ExportFormat.LOGIN_PREFIX)) {
                String column = entry.substring(ExportFormat.LOGIN_PREFIX.length());
                String login = Values.text(header.cell(c, column));
                if (login != null) {
                    return subAccountByLogin.apply(login).orElseThrow(() -> new RowRejectedException(
                            RejectReason.UNKNOWN_SUB_ACCOUNT, column + " '" + login
                                    + "' is no sub-account's vendor_login in accounts.csv"));
                }
            } else {
                String value = Values.text(header.cell(c, entry));
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    private String orderId(String[] c, String recordId) {
        String order = fields.first(c, Field.ORDER_ID);
        if (order != null || recordId == null || format.orderIdFromRecordId() == null) {
            return order;
        }
        String kind = Values.text(header.cell(c, format.orderIdFromRecordId().column()));
        return kind != null && format.orderIdFromRecordId().values().contains(ExportFormat.normalisedValue(kind))
                ? recordId : null;
    }

    private boolean paid(String[] c) {
        ExportFormat.PaidRule rule = format.paid();
        if (rule.statusColumn() != null) {
            String status = Values.text(header.cell(c, rule.statusColumn()));
            if (status != null) {
                return rule.paidStatuses().contains(ExportFormat.normalisedValue(status));
            }
        }
        for (String column : rule.outstanding()) {
            BigDecimal outstanding = Values.amount(column, header.cell(c, column));
            if (outstanding != null) {
                return outstanding.signum() == 0;
            }
        }
        return true;
    }

    /** An enumeration through the definition's mapping (any letter case; unknown values are BAD_VALUE). */
    private String resolve(ValueMap map, String[] c, BillingMethod method, BigDecimal payable) {
        if (!map.fromBillingMethod() && map.ifColumnAbsent() != null && !header.has(map.column())) {
            return resolve(map.ifColumnAbsent(), c, method, payable);
        }
        String value = map.fromBillingMethod() ? method.name() : Values.text(header.cell(c, map.column()));
        String what = map.fromBillingMethod() ? "billing method" : map.column();
        Target target;
        if (value == null) {
            target = map.empty();
            if (target == null) {
                throw new RowRejectedException(RejectReason.BAD_VALUE, what + " is empty");
            }
        } else {
            target = map.values().get(ExportFormat.normalisedValue(value));
            if (target == null) {
                target = map.otherwise();
            }
            if (target == null) {
                throw new RowRejectedException(RejectReason.BAD_VALUE, what + " '" + value + "' is not a known value ("
                        + format.name() + " knows " + String.join(", ", map.values().keySet()) + ")");
            }
        }
        String result = target.constant() != null ? target.constant() : resolve(target.nested(), c, method, payable);
        if (payable.signum() < 0) {
            return map.negative().getOrDefault(result, result);
        }
        return result;
    }

    /** R2.2: a refund exported with positive amounts is negated. */
    private static BillingLine negateRefund(BillingLine line) {
        if (line.chargeType() != ChargeType.REFUND) {
            return line;
        }
        return new BillingLine(line.lineId(), line.relatedLineId(), line.period(), line.subAccountId(), line.orderId(),
                line.productCode(), line.category(), line.billingMethod(), line.chargeType(),
                negative(line.listAmount()), negative(line.payableAmount()), negative(line.paidAmount()),
                line.currency(), line.paymentTime(), line.usageStart(), line.usageEnd(), line.paid());
    }

    private static BigDecimal negative(BigDecimal amount) {
        return amount == null || amount.signum() <= 0 ? amount : amount.negate();
    }

    private Category categoryOf(String productCode, String serviceCategory) {
        Optional<Category> mapped = policy.categoryOf(productCode);
        if (mapped.isPresent()) {
            return mapped.get();
        }
        if (serviceCategory != null) {
            return FOCUS_SERVICE_CATEGORIES.getOrDefault(serviceCategory.toLowerCase(Locale.ROOT), Category.OTHER);
        }
        return Category.OTHER;
    }
}
