package io.resettle.ingest;

import io.resettle.policy.Category;
import io.resettle.policy.Policy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns one export row into a {@link BillingLine} (R2, io-contract §2 mapping table), or rejects it
 * with a {@link RowRejectedException} naming the reason (R2.5). Checks run in the order R2.5 lists
 * them; duplicates within a file are the caller's concern (it sees the whole file).
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

    public LineNormaliser(ExportFormat format, ExportHeader header, YearMonth ingestedPeriod, Policy policy,
            Function<String, Optional<IngestAccount>> accounts) {
        this.format = format;
        this.header = header;
        this.ingestedPeriod = ingestedPeriod;
        this.policy = policy;
        this.accounts = accounts;
    }

    public BillingLine normalise(String[] cells) {
        BillingLine line = switch (format) {
            case ALIBABA_BILL -> alibabaBill(cells);
            case ALIBABA_CONSOLE -> alibabaConsole(cells);
            case FOCUS -> focus(cells);
        };
        return validated(negateRefund(line));
    }

    private BillingLine alibabaBill(String[] c) {
        YearMonth period = Values.period("BillingCycle", cell(c, "BillingCycle"));
        String subAccount = header.firstValue(c, "OwnerID", "AccountID");
        String product = text(c, "ProductCode");
        BillingMethod method = switch (lower(c, "SubscriptionType")) {
            case "subscription" -> BillingMethod.PREPAID;
            case "payasyougo" -> BillingMethod.POSTPAID;
            default -> throw badValue("SubscriptionType", c);
        };
        ChargeType chargeType = switch (lower(c, "Item")) {
            case "subscriptionorder" -> switch (lower(c, "OrderType")) {
                case "new", "" -> ChargeType.NEW;
                case "renew" -> ChargeType.RENEWAL;
                case "upgrade" -> ChargeType.UPGRADE;
                default -> throw badValue("OrderType", c);
            };
            case "payasyougobill" -> ChargeType.USAGE;
            case "refund" -> ChargeType.REFUND;
            case "adjustment" -> ChargeType.ADJUSTMENT;
            default -> throw badValue("Item", c);
        };
        BigDecimal list = Values.amount("PretaxGrossAmount", cell(c, "PretaxGrossAmount"));
        BigDecimal payable = Values.requiredAmount("PretaxAmount", cell(c, "PretaxAmount"));
        BigDecimal paid = text(c, "PaymentAmount") != null
                ? Values.amount("PaymentAmount", cell(c, "PaymentAmount")) : payable;
        LocalDateTime paymentTime = Values.time("PaymentTime", cell(c, "PaymentTime"));
        LocalDateTime usageStart = Values.time("UsageStartTime", cell(c, "UsageStartTime"));
        LocalDateTime usageEnd = Values.time("UsageEndTime", cell(c, "UsageEndTime"));
        String status = text(c, "Status");
        BigDecimal outstanding = Values.amount("OutstandingAmount", cell(c, "OutstandingAmount"));
        boolean paidFlag = status != null
                ? status.equalsIgnoreCase("PayFinish")
                : outstanding == null || outstanding.signum() == 0;
        String lineId = text(c, "RecordID");
        return new BillingLine(
                lineId != null ? lineId : derivedLineId(c, "BillingCycle", "OwnerID", "AccountID", "SubOrderId", "OrderId",
                        "ProductCode", "SubscriptionType", "Item", "OrderType", "PretaxAmount", "PaymentTime", "UsageStartTime"),
                text(c, "RelatedRecordID"), period, subAccount, header.firstValue(c, "SubOrderId", "OrderId"), product,
                categoryOf(product, null), method, chargeType, list, payable, paid, text(c, "Currency"),
                paymentTime, usageStart, usageEnd, paidFlag);
    }

    private BillingLine alibabaConsole(String[] c) {
        YearMonth period = Values.period("账期", cell(c, "账期"));
        String subAccount = header.firstValue(c, "Owner账号ID", "账号ID");
        String product = text(c, "产品Code");
        BillingMethod method = switch (lower(c, "计费方式")) {
            case "包年包月", "预付费" -> BillingMethod.PREPAID;
            case "按量付费", "后付费" -> BillingMethod.POSTPAID;
            default -> throw badValue("计费方式", c);
        };
        ChargeType chargeType = switch (lower(c, "消费类型")) {
            case "新购" -> ChargeType.NEW;
            case "续费" -> ChargeType.RENEWAL;
            case "升级" -> ChargeType.UPGRADE;
            case "退款", "降配退款" -> ChargeType.REFUND;
            case "按量", "按量付费" -> ChargeType.USAGE;
            case "调账" -> ChargeType.ADJUSTMENT;
            default -> throw badValue("消费类型", c);
        };
        String listColumn = text(c, "原价") != null ? "原价" : "官网价";
        BigDecimal list = Values.amount(listColumn, cell(c, listColumn));
        BigDecimal payable = Values.requiredAmount("应付金额", cell(c, "应付金额"));
        BigDecimal paid = text(c, "现金支付") != null ? Values.amount("现金支付", cell(c, "现金支付")) : payable;
        LocalDateTime paymentTime = Values.time("消费时间", cell(c, "消费时间"));
        LocalDateTime usageStart = Values.time("账单开始时间", cell(c, "账单开始时间"));
        LocalDateTime usageEnd = Values.time("账单结束时间", cell(c, "账单结束时间"));
        BigDecimal outstanding = Values.amount("欠费金额", cell(c, "欠费金额"));
        String currency = text(c, "币种");
        if (currency == null && subAccount != null) {
            currency = accounts.apply(subAccount).map(IngestAccount::currency).orElse(null);
        }
        return new BillingLine(
                derivedLineId(c, "账期", "Owner账号ID", "账号ID", "订单号/账单号", "产品Code", "计费方式", "消费类型",
                        "原价", "应付金额", "现金支付", "币种", "消费时间", "账单开始时间", "账单结束时间"),
                null, period, subAccount, text(c, "订单号/账单号"), product, categoryOf(product, null), method,
                chargeType, list, payable, paid, currency, paymentTime, usageStart, usageEnd,
                outstanding == null || outstanding.signum() == 0);
    }

    private BillingLine focus(String[] c) {
        YearMonth period = Values.period("BillingPeriodStart", cell(c, "BillingPeriodStart"));
        String subAccount = header.firstValue(c, "SubAccountId", "BillingAccountId");
        String product = text(c, "ServiceName");
        BigDecimal billed = Values.requiredAmount("BilledCost", cell(c, "BilledCost"));
        String chargeCategory = lower(c, "ChargeCategory");
        ChargeType chargeType = switch (chargeCategory) {
            case "purchase" -> billed.signum() < 0 ? ChargeType.REFUND : ChargeType.NEW;
            case "usage" -> ChargeType.USAGE;
            case "credit" -> ChargeType.CREDIT;
            case "adjustment" -> ChargeType.ADJUSTMENT;
            case "tax" -> ChargeType.TAX;
            default -> throw badValue("ChargeCategory", c);
        };
        LocalDateTime start = Values.time("ChargePeriodStart", cell(c, "ChargePeriodStart"));
        LocalDateTime end = Values.time("ChargePeriodEnd", cell(c, "ChargePeriodEnd"));
        String lineId = header.firstValue(c, "x_LineId", "Id");
        return new BillingLine(
                lineId != null ? lineId : derivedLineId(c, "BillingPeriodStart", "SubAccountId", "BillingAccountId",
                        "InvoiceId", "ServiceName", "ChargeCategory", "BilledCost", "ListCost", "BillingCurrency",
                        "ChargePeriodStart", "ChargePeriodEnd", "ResourceId", "SkuPriceId"),
                null, period, subAccount, text(c, "InvoiceId"), product,
                categoryOf(product, text(c, "ServiceCategory")),
                chargeCategory.equals("purchase") ? BillingMethod.PREPAID : BillingMethod.POSTPAID, chargeType,
                Values.amount("ListCost", cell(c, "ListCost")), billed, billed, text(c, "BillingCurrency"),
                start, start, end, true);
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

    /** R2.5 in its order: unknown sub-account, not associated, period, currency. */
    private BillingLine validated(BillingLine line) {
        if (line.subAccountId() == null) {
            throw new RowRejectedException(RejectReason.UNKNOWN_SUB_ACCOUNT, "the row names no sub-account");
        }
        IngestAccount account = accounts.apply(line.subAccountId()).orElseThrow(() -> new RowRejectedException(
                RejectReason.UNKNOWN_SUB_ACCOUNT, "sub-account " + line.subAccountId() + " is not in accounts.csv"));
        if (!account.associatedIn(line.period())) {
            throw new RowRejectedException(RejectReason.NOT_ASSOCIATED_IN_PERIOD, "sub-account " + line.subAccountId()
                    + " is not associated with the agent in " + line.period());
        }
        if (!line.period().equals(ingestedPeriod)) {
            throw new RowRejectedException(RejectReason.PERIOD_MISMATCH,
                    "row of period " + line.period() + " in an export of " + ingestedPeriod);
        }
        if (line.currency() == null || !line.currency().equalsIgnoreCase(account.currency())) {
            throw new RowRejectedException(RejectReason.CURRENCY_MISMATCH, "currency " + line.currency()
                    + " differs from sub-account " + line.subAccountId() + "'s " + account.currency());
        }
        return line;
    }

    private Category categoryOf(String productCode, String focusServiceCategory) {
        Optional<Category> mapped = policy.categoryOf(productCode);
        if (mapped.isPresent()) {
            return mapped.get();
        }
        if (focusServiceCategory != null) {
            return FOCUS_SERVICE_CATEGORIES.getOrDefault(focusServiceCategory.toLowerCase(Locale.ROOT), Category.OTHER);
        }
        return Category.OTHER;
    }

    /**
     * R2.7: formats without a line id get one derived from the row's mapped values, so that the same
     * row gives the same id in any file; identical rows in one file are therefore DUPLICATE_LINE.
     */
    private String derivedLineId(String[] cells, String... columns) {
        StringBuilder key = new StringBuilder(format.label());
        for (String column : columns) {
            String value = Values.text(header.cell(cells, column));
            key.append('\u001F').append(value == null ? "" : value);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return "D-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String cell(String[] cells, String column) {
        return header.cell(cells, column);
    }

    private String text(String[] cells, String column) {
        return Values.text(header.cell(cells, column));
    }

    private String lower(String[] cells, String column) {
        String value = text(cells, column);
        return value == null ? "" : value.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(" ", "");
    }

    private RowRejectedException badValue(String column, String[] cells) {
        return new RowRejectedException(RejectReason.BAD_VALUE,
                column + " '" + Values.text(header.cell(cells, column)) + "' is not a known value");
    }
}
