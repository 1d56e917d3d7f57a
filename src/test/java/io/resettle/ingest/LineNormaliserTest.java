package io.resettle.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.billing.BillingLine;
import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.masterdata.IngestAccount;
import io.resettle.policy.Policy;
import io.resettle.policy.PolicyParser;
import io.resettle.support.csv.ExportHeader;
import io.resettle.support.csv.RejectReason;
import io.resettle.support.csv.RowRejectedException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of the io-contract §2 mapping table, the untidy values of real files, and every row reject reason (R2.5). */
class LineNormaliserTest {

    static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    static final Policy POLICY = PolicyParser.parse("policies/2026-01.yml", YearMonth.of(2026, 1), """
            currency: CNY
            categories:
              COMPUTE: [ecs]
              SECURITY: [waf]
              STORAGE: [oss]
            discount_tables:
              standard:
                - {from: 0, rates: {default: 0.00}}
            """);
    static final Map<String, IngestAccount> ACCOUNTS = Map.of(
            "A", new IngestAccount("A", "CNY", YearMonth.of(2026, 1), null),
            "LATE", new IngestAccount("LATE", "CNY", YearMonth.of(2026, 11), null),
            "GONE", new IngestAccount("GONE", "CNY", YearMonth.of(2026, 1), YearMonth.of(2026, 9)),
            "USD1", new IngestAccount("USD1", "USD", YearMonth.of(2024, 1), null));

    static final ExportFormats SHIPPED = ExportFormats.shipped();
    static final ExportFormat ALIBABA_BILL = SHIPPED.byName("alibaba-bill").orElseThrow();
    static final ExportFormat ALIBABA_CONSOLE = SHIPPED.byName("alibaba-console").orElseThrow();
    static final ExportFormat FOCUS = SHIPPED.byName("focus").orElseThrow();

    static final List<String> BILL_HEADER = List.of("RecordID", "RelatedRecordID", "BillingCycle", "OwnerID", "AccountID",
            "SubOrderId", "OrderId", "ProductCode", "SubscriptionType", "Item", "OrderType", "PretaxGrossAmount",
            "PretaxAmount", "PaymentAmount", "Currency", "PaymentTime", "UsageStartTime", "UsageEndTime", "Status",
            "OutstandingAmount");

    static final List<String> CONSOLE_HEADER = List.of("账期", "账号ID", "Owner账号ID", "订单号/账单号", "产品Code", "消费类型",
            "账单类型", "订单类型", "计费方式", "原价", "官网价", "应付金额", "现金支付", "币种", "消费时间", "账单开始时间", "账单结束时间",
            "欠费金额");

    static final List<String> FOCUS_HEADER = List.of("BillingAccountId", "SubAccountId", "BillingPeriodStart",
            "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory", "ServiceName", "ServiceCategory", "ListCost",
            "BilledCost", "BillingCurrency", "InvoiceId", "x_LineId", "Id");

    // ---- alibaba-bill ----

    static Map<String, String> billRow() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("RecordID", "R1");
        row.put("RelatedRecordID", "");
        row.put("BillingCycle", "2026-10");
        row.put("OwnerID", "A");
        row.put("AccountID", "MASTER");
        row.put("SubOrderId", "SO-1");
        row.put("OrderId", "O-1");
        row.put("ProductCode", "ecs");
        row.put("SubscriptionType", "Subscription");
        row.put("Item", "SubscriptionOrder");
        row.put("OrderType", "New");
        row.put("PretaxGrossAmount", "130.00");
        row.put("PretaxAmount", "120.12345678901");
        row.put("PaymentAmount", "100.00");
        row.put("Currency", "CNY");
        row.put("PaymentTime", "2026-10-03T14:05:00");
        row.put("UsageStartTime", "");
        row.put("UsageEndTime", "");
        row.put("Status", "PayFinish");
        row.put("OutstandingAmount", "");
        return row;
    }

    @Test
    void alibabaBillMapsEveryColumn() {
        BillingLine line = normalise(ALIBABA_BILL, BILL_HEADER, billRow());
        assertThat(line.lineId()).isEqualTo("R1");
        assertThat(line.relatedLineId()).isNull();
        assertThat(line.period()).isEqualTo(OCTOBER);
        assertThat(line.subAccountId()).isEqualTo("A");
        assertThat(line.orderId()).isEqualTo("SO-1");
        assertThat(line.productCode()).isEqualTo("ecs");
        assertThat(line.category()).isEqualTo(Category.COMPUTE);
        assertThat(line.billingMethod()).isEqualTo(BillingMethod.PREPAID);
        assertThat(line.chargeType()).isEqualTo(ChargeType.NEW);
        assertThat(line.listAmount()).isEqualByComparingTo("130.00");
        assertThat(line.payableAmount()).isEqualTo(new BigDecimal("120.12345678901"));
        assertThat(line.paidAmount()).isEqualByComparingTo("100.00");
        assertThat(line.currency()).isEqualTo("CNY");
        // 14:05 China Standard Time, stored in UTC (io-contract §2 "Times")
        assertThat(line.paymentTime()).isEqualTo(LocalDateTime.of(2026, 10, 3, 6, 5));
        assertThat(line.paid()).isTrue();
    }

    @Test
    void alibabaBillFallsBackToAccountIdOrderIdAndPretaxAmount() {
        Map<String, String> row = billRow();
        row.put("OwnerID", "NULL");
        row.put("AccountID", "A");
        row.put("SubOrderId", "");
        row.put("PaymentAmount", "");
        row.put("RelatedRecordID", "R0");
        BillingLine line = normalise(ALIBABA_BILL, BILL_HEADER, row);
        assertThat(line.subAccountId()).isEqualTo("A");
        assertThat(line.orderId()).isEqualTo("O-1");
        assertThat(line.paidAmount()).isEqualTo(line.payableAmount());
        assertThat(line.relatedLineId()).isEqualTo("R0");
    }

    @ParameterizedTest(name = "SubscriptionType {0} → {1}")
    @CsvSource({"Subscription, PREPAID", "PayAsYouGo, POSTPAID", "subscription, PREPAID", "PAYASYOUGO, POSTPAID"})
    void alibabaBillBillingMethods(String subscriptionType, BillingMethod expected) {
        Map<String, String> row = billRow();
        row.put("SubscriptionType", subscriptionType);
        assertThat(normalise(ALIBABA_BILL, BILL_HEADER, row).billingMethod()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Item {0} / OrderType {1} → {2}")
    @CsvSource(value = {"SubscriptionOrder, New, NEW", "SubscriptionOrder, Renew, RENEWAL", "SubscriptionOrder, Upgrade, UPGRADE",
            "SubscriptionOrder, '', NEW", "SubscriptionOrder, NULL, NEW", "PayAsYouGoBill, '', USAGE", "Refund, '', REFUND",
            "Adjustment, '', ADJUSTMENT", "subscriptionorder, RENEW, RENEWAL", "payasyougobill, '', USAGE"})
    void alibabaBillChargeTypes(String item, String orderType, ChargeType expected) {
        Map<String, String> row = billRow();
        row.put("Item", item);
        row.put("OrderType", orderType);
        assertThat(normalise(ALIBABA_BILL, BILL_HEADER, row).chargeType()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Status {0}, OutstandingAmount {1} → paid {2}")
    @CsvSource(value = {"PayFinish, '', true", "payfinish, '', true", "WaitForPay, '', false", "'', '', true", "'', 0, true",
            "'', 0.00, true", "'', 12.50, false", "NULL, NULL, true"})
    void alibabaBillPaidFlag(String status, String outstanding, boolean paid) {
        Map<String, String> row = billRow();
        row.put("Status", status);
        row.put("OutstandingAmount", outstanding);
        assertThat(normalise(ALIBABA_BILL, BILL_HEADER, row).paid()).isEqualTo(paid);
    }

    @Test
    void alibabaBillWithoutStatusColumnUsesOutstandingAmount() {
        List<String> header = BILL_HEADER.stream().filter(c -> !c.equals("Status")).toList();
        Map<String, String> row = billRow();
        row.remove("Status");
        row.put("OutstandingAmount", "3.00");
        assertThat(normalise(ALIBABA_BILL, header, row).paid()).isFalse();
    }

    @Test
    void refundExportedWithPositiveAmountsIsNegated_R2_2() {
        Map<String, String> row = billRow();
        row.put("Item", "Refund");
        row.put("PretaxGrossAmount", "50.00");
        row.put("PretaxAmount", "40.00");
        row.put("PaymentAmount", "40.00");
        BillingLine line = normalise(ALIBABA_BILL, BILL_HEADER, row);
        assertThat(line.listAmount()).isEqualByComparingTo("-50.00");
        assertThat(line.payableAmount()).isEqualByComparingTo("-40.00");
        assertThat(line.paidAmount()).isEqualByComparingTo("-40.00");
        row.put("PretaxAmount", "-40.00");
        assertThat(normalise(ALIBABA_BILL, BILL_HEADER, row).payableAmount()).isEqualByComparingTo("-40.00");
    }

    @ParameterizedTest(name = "time {0}")
    @CsvSource(value = {"2026-10-03T22:05:00, 2026-10-03T14:05:00", "2026-10-03 22:05:00, 2026-10-03T14:05:00",
            "2026-10-03T22:05:00+08:00, 2026-10-03T14:05:00", "2026-10-03T14:05:00Z, 2026-10-03T14:05:00",
            "2026-10-03 22:05:00 +0800, 2026-10-03T14:05:00", "2026-10-03T22:05:00.250, 2026-10-03T14:05:00.250",
            "2026/10/3 22:05:00, 2026-10-03T14:05:00", "2026-10-03, 2026-10-02T16:00:00", "20261003, 2026-10-02T16:00:00",
            "2026-10-03 14:05:00 UTC, 2026-10-03T14:05:00", "2026-10-03T14:05:00.000Z, 2026-10-03T14:05:00",
            "2026-10-03T22:05:00.1234567, 2026-10-03T14:05:00.1234567", "2026-10-01 03:00:00, 2026-09-30T19:00:00"})
    void zoneLessAlibabaTimesAreChinaStandardTimeStoredInUtc(String text, LocalDateTime expected) {
        Map<String, String> row = billRow();
        row.put("PaymentTime", text);
        assertThat(normalise(ALIBABA_BILL, BILL_HEADER, row).paymentTime()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "period {0}")
    @CsvSource({"2026-10", "202610", "2026/10"})
    void billingCycleForms(String cycle) {
        Map<String, String> row = billRow();
        row.put("BillingCycle", cycle);
        assertThat(normalise(ALIBABA_BILL, BILL_HEADER, row).period()).isEqualTo(OCTOBER);
    }

    @Test
    void amountsKeepFullPrecisionAndAcceptThousandsSeparators_R1_1() {
        Map<String, String> row = billRow();
        row.put("PretaxAmount", "1,234,567.12345678901");
        assertThat(normalise(ALIBABA_BILL, BILL_HEADER, row).payableAmount())
                .isEqualTo(new BigDecimal("1234567.12345678901"));
    }

    @Test
    void unmappedProductIsOther_R2_3() {
        Map<String, String> row = billRow();
        row.put("ProductCode", "domain");
        assertThat(normalise(ALIBABA_BILL, BILL_HEADER, row).category()).isEqualTo(Category.OTHER);
    }

    /** QueryInstanceBill / DescribeInstanceBill with IsBillingItem and daily granularity: RecordID repeats. */
    static final List<String> INSTANCE_HEADER = List.of("BillingDate", "RecordID", "RelatedRecordID", "OwnerID", "ProductCode",
            "SubscriptionType", "Item", "InstanceID", "BillingItem", "PretaxGrossAmount", "PretaxAmount", "Currency");

    static BillingLine instanceLine(String... values) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(INSTANCE_HEADER.get(i), values[i]);
        }
        return normalise(ALIBABA_BILL, INSTANCE_HEADER, row);
    }

    @Test
    void instanceLevelLineIdIsTheRecordIdQualifiedByInstanceBillingItemAndDate() {
        BillingLine first = instanceLine("2026-10-05", "B-77", "", "A", "ecs", "PayAsYouGo", "PayAsYouGoBill", "i-1", "CPU",
                "2.00", "1.80", "CNY");
        BillingLine second = instanceLine("2026-10-05", "B-77", "", "A", "ecs", "PayAsYouGo", "PayAsYouGoBill", "i-2", "CPU",
                "2.00", "1.80", "CNY");
        assertThat(first.lineId()).isEqualTo("B-77/i-1/CPU/2026-10-05");
        assertThat(second.lineId()).isEqualTo("B-77/i-2/CPU/2026-10-05");
        assertThat(first.period()).isEqualTo(OCTOBER);
        assertThat(first.orderId()).isNull();
        assertThat(first.usageStart()).isEqualTo(LocalDateTime.of(2026, 10, 4, 16, 0));
        BillingLine refund = instanceLine("2026-10-05", "RF-9", "O-5", "A", "ecs", "Subscription", "Refund", "i-1", "",
                "", "30.00", "CNY");
        assertThat(refund.lineId()).isEqualTo("RF-9/i-1/2026-10-05");
        assertThat(refund.relatedLineId()).isEqualTo("O-5/i-1/2026-10-05");
        assertThat(refund.orderId()).isEqualTo("RF-9");
        assertThat(refund.payableAmount()).isEqualByComparingTo("-30.00");
    }

    @Test
    void orderIdIsTheRecordIdOfAnOrderOrRefundWithoutSubOrderIdOrOrderId() {
        Map<String, String> row = billRow();
        row.put("SubOrderId", "");
        row.put("OrderId", "");
        assertThat(normalise(ALIBABA_BILL, BILL_HEADER, row).orderId()).isEqualTo("R1");
        row.put("Item", "PayAsYouGoBill");
        row.put("SubscriptionType", "PayAsYouGo");
        assertThat(normalise(ALIBABA_BILL, BILL_HEADER, row).orderId()).isNull();
        row.put("Item", "Adjustment");
        assertThat(normalise(ALIBABA_BILL, BILL_HEADER, row).orderId()).isNull();
    }

    /** DescribeSplitItemBill items: SplitItemID, no RecordID, no BillingCycle. */
    static final List<String> SPLIT_HEADER = List.of("SplitItemID", "SplitAccountName", "OwnerID", "ProductCode",
            "SubscriptionType", "Item", "InstanceID", "PretaxAmount", "Currency", "UsageStartTime");

    @Test
    void splitItemsTakeTheRecordIdFromSplitItemIdAndThePeriodFromTheFolder() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("SplitItemID", "S-1");
        row.put("SplitAccountName", "bucket-a");
        row.put("OwnerID", "A");
        row.put("ProductCode", "oss");
        row.put("SubscriptionType", "PayAsYouGo");
        row.put("Item", "PayAsYouGoBill");
        row.put("InstanceID", "bucket-a");
        row.put("PretaxAmount", "4.20");
        row.put("Currency", "CNY");
        row.put("UsageStartTime", "2026-10-01 00:00:00");
        BillingLine line = normalise(ALIBABA_BILL, SPLIT_HEADER, row);
        assertThat(line.lineId()).isEqualTo("S-1/bucket-a");
        assertThat(line.period()).isEqualTo(OCTOBER);
        assertThat(line.usageStart()).isEqualTo(LocalDateTime.of(2026, 9, 30, 16, 0));
        assertThat(line.eventTime()).isEqualTo(LocalDateTime.of(2026, 9, 30, 16, 0));
    }

    @Test
    void policyVendorTimeZoneOverridesChinaStandardTimeButNotFocusUtc() {
        Policy utc = PolicyParser.parse("policies/2026-01.yml", YearMonth.of(2026, 1), """
                currency: CNY
                ingest:
                  vendor_time_zone: UTC
                discount_tables:
                  standard:
                    - {from: 0, rates: {default: 0.00}}
                """);
        String[] cells = BILL_HEADER.stream().map(c -> billRow().getOrDefault(c, "")).toArray(String[]::new);
        LineNormaliser bill = new LineNormaliser(ALIBABA_BILL, new ExportHeader(BILL_HEADER), OCTOBER, utc,
                id -> Optional.ofNullable(ACCOUNTS.get(id)));
        assertThat(bill.normalise(cells).paymentTime()).isEqualTo(LocalDateTime.of(2026, 10, 3, 14, 5));
        LineNormaliser focus = new LineNormaliser(FOCUS, new ExportHeader(FOCUS_HEADER), OCTOBER, POLICY,
                id -> Optional.ofNullable(ACCOUNTS.get(id)));
        assertThat(focus.zone()).hasToString("UTC");
        assertThat(bill.zone()).hasToString("UTC");
        assertThat(new LineNormaliser(ALIBABA_BILL, new ExportHeader(BILL_HEADER), OCTOBER, POLICY,
                id -> Optional.ofNullable(ACCOUNTS.get(id))).zone()).hasToString("Asia/Shanghai");
    }

    // ---- alibaba-console ----

    static Map<String, String> consoleRow() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("账期", "2026-10");
        row.put("账号ID", "MASTER");
        row.put("Owner账号ID", "A");
        row.put("订单号/账单号", "CO-1");
        row.put("产品Code", "waf");
        row.put("消费类型", "预付费");
        row.put("账单类型", "预付订单");
        row.put("订单类型", "新购");
        row.put("计费方式", "其它");
        row.put("原价", "1200.00");
        row.put("官网价", "1300.00");
        row.put("应付金额", "1000.00");
        row.put("现金支付", "900.00");
        row.put("币种", "CNY");
        row.put("消费时间", "2026-10-06 12:00:00");
        row.put("账单开始时间", "2026-10-06 00:00:00");
        row.put("账单结束时间", "2026-10-06 23:59:59");
        row.put("欠费金额", "0");
        return row;
    }

    @Test
    void alibabaConsoleMapsEveryColumn() {
        BillingLine line = normalise(ALIBABA_CONSOLE, CONSOLE_HEADER, consoleRow());
        assertThat(line.lineId()).isEqualTo("CO-1");
        assertThat(line.relatedLineId()).isNull();
        assertThat(line.period()).isEqualTo(OCTOBER);
        assertThat(line.subAccountId()).isEqualTo("A");
        assertThat(line.orderId()).isEqualTo("CO-1");
        assertThat(line.productCode()).isEqualTo("waf");
        assertThat(line.category()).isEqualTo(Category.SECURITY);
        assertThat(line.billingMethod()).isEqualTo(BillingMethod.PREPAID);
        assertThat(line.chargeType()).isEqualTo(ChargeType.NEW);
        assertThat(line.listAmount()).isEqualByComparingTo("1200.00");
        assertThat(line.payableAmount()).isEqualByComparingTo("1000.00");
        assertThat(line.paidAmount()).isEqualByComparingTo("900.00");
        assertThat(line.currency()).isEqualTo("CNY");
        assertThat(line.paymentTime()).isEqualTo(LocalDateTime.of(2026, 10, 6, 4, 0));
        assertThat(line.usageStart()).isEqualTo(LocalDateTime.of(2026, 10, 5, 16, 0));
        assertThat(line.usageEnd()).isEqualTo(LocalDateTime.of(2026, 10, 6, 15, 59, 59));
        assertThat(line.paid()).isTrue();
    }

    @Test
    void alibabaConsoleFallbacks() {
        Map<String, String> row = consoleRow();
        row.put("Owner账号ID", "");
        row.put("账号ID", "A");
        row.put("原价", "");
        row.put("现金支付", "");
        row.put("币种", "");
        row.put("欠费金额", "5.00");
        BillingLine line = normalise(ALIBABA_CONSOLE, CONSOLE_HEADER, row);
        assertThat(line.subAccountId()).isEqualTo("A");
        assertThat(line.listAmount()).isEqualByComparingTo("1300.00");
        assertThat(line.paidAmount()).isEqualByComparingTo("1000.00");
        assertThat(line.currency()).isEqualTo("CNY");
        assertThat(line.paid()).isFalse();
    }

    @ParameterizedTest(name = "消费类型 {0} → {1}")
    @CsvSource({"预付费, PREPAID", "包年包月, PREPAID", "后付费, POSTPAID", "按量付费, POSTPAID"})
    void alibabaConsoleBillingMethodIs消费类型(String value, BillingMethod expected) {
        Map<String, String> row = consoleRow();
        row.put("消费类型", value);
        assertThat(normalise(ALIBABA_CONSOLE, CONSOLE_HEADER, row).billingMethod()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "计费方式 {0} is not used")
    @CsvSource({"其它", "月95", "日均峰值", "''"})
    void 计费方式IsTheMeteringMethodAndNotUsed(String value) {
        Map<String, String> row = consoleRow();
        row.put("计费方式", value);
        BillingLine line = normalise(ALIBABA_CONSOLE, CONSOLE_HEADER, row);
        assertThat(line.billingMethod()).isEqualTo(BillingMethod.PREPAID);
        assertThat(line.chargeType()).isEqualTo(ChargeType.NEW);
    }

    @ParameterizedTest(name = "账单类型 {0} / 订单类型 {1} → {2}, order id {3}")
    @CsvSource({"预付订单, 新购, NEW, CO-1", "预付订单, 续费, RENEWAL, CO-1", "预付订单, 升级, UPGRADE, CO-1",
            "预付订单, 变配, UPGRADE, CO-1", "预付订单, 退订, REFUND, CO-1", "预付订单, 退款, REFUND, CO-1",
            "预付订单, '', NEW, CO-1", "后付账单, '', USAGE, ", "退款, '', REFUND, CO-1", "调账, '', ADJUSTMENT, "})
    void alibabaConsoleChargeTypeIs账单类型(String kind, String orderType, ChargeType expected, String orderId) {
        Map<String, String> row = consoleRow();
        row.put("账单类型", kind);
        row.put("订单类型", orderType);
        BillingLine line = normalise(ALIBABA_CONSOLE, CONSOLE_HEADER, row);
        assertThat(line.chargeType()).isEqualTo(expected);
        assertThat(line.orderId()).isEqualTo(orderId);
    }

    @Test
    void consoleWithout订单类型ColumnTakesAnOrderAsNew() {
        List<String> header = CONSOLE_HEADER.stream().filter(c -> !c.equals("订单类型")).toList();
        assertThat(normalise(ALIBABA_CONSOLE, header, consoleRow()).chargeType()).isEqualTo(ChargeType.NEW);
    }

    /** A daily detail bill (明细账单): no 账单类型, no 订单号/账单号, 日期 as YYYYMMDD, 实例ID and 计费项. */
    static final List<String> DETAIL_HEADER = List.of("账期", "日期", "账号", "Owner账号", "产品Code", "消费类型", "实例ID",
            "计费项", "计费方式", "原价", "应付金额", "币种");

    static Map<String, String> detailRow() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("账期", "");
        row.put("日期", "20261005");
        row.put("账号", "master@example.com");
        row.put("Owner账号", "a-login@example.com");
        row.put("产品Code", "oss");
        row.put("消费类型", "后付费");
        row.put("实例ID", "cn-hangzhou;standard");
        row.put("计费项", "Storage");
        row.put("计费方式", "其它");
        row.put("原价", "3.50");
        row.put("应付金额", "3.15");
        row.put("币种", "CNY");
        return row;
    }

    static BillingLine normaliseDetail(Map<String, String> row) {
        String[] cells = DETAIL_HEADER.stream().map(column -> row.getOrDefault(column, "")).toArray(String[]::new);
        return new LineNormaliser(ALIBABA_CONSOLE, new ExportHeader(DETAIL_HEADER), OCTOBER, POLICY,
                id -> Optional.ofNullable(ACCOUNTS.get(id)),
                login -> login.equalsIgnoreCase("a-login@example.com") ? Optional.of("A") : Optional.empty())
                .normalise(cells);
    }

    @Test
    void detailBillWithout账单类型AndRecordIdIsReadByBillingMethodAnd日期() {
        BillingLine line = normaliseDetail(detailRow());
        assertThat(line.lineId()).isEqualTo("cn-hangzhou;standard/Storage/20261005");
        assertThat(line.period()).isEqualTo(OCTOBER);
        assertThat(line.subAccountId()).isEqualTo("A");
        assertThat(line.billingMethod()).isEqualTo(BillingMethod.POSTPAID);
        assertThat(line.chargeType()).isEqualTo(ChargeType.USAGE);
        assertThat(line.orderId()).isNull();
        assertThat(line.usageStart()).isEqualTo(LocalDateTime.of(2026, 10, 4, 16, 0));
        Map<String, String> prepaid = detailRow();
        prepaid.put("消费类型", "预付费");
        assertThat(normaliseDetail(prepaid).chargeType()).isEqualTo(ChargeType.NEW);
        Map<String, String> negative = detailRow();
        negative.put("应付金额", "-1.20");
        assertThat(normaliseDetail(negative).chargeType()).isEqualTo(ChargeType.REFUND);
        assertThat(normaliseDetail(negative).payableAmount()).isEqualByComparingTo("-1.20");
    }

    @Test
    void owner账号IsMatchedThroughVendorLogin() {
        Map<String, String> row = detailRow();
        row.put("Owner账号", "A-LOGIN@example.com");
        assertThat(normaliseDetail(row).subAccountId()).isEqualTo("A");
        row.put("Owner账号", "stranger@example.com");
        assertThatThrownBy(() -> normaliseDetail(row))
                .isInstanceOfSatisfying(RowRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_SUB_ACCOUNT))
                .hasMessageContaining("Owner账号 'stranger@example.com' is no sub-account's vendor_login");
    }

    @Test
    void derivedLineIdIsStableAndHoldsNoAmount_R2_7() {
        List<String> header = FOCUS_HEADER.stream().filter(c -> !c.equals("x_LineId") && !c.equals("Id")).toList();
        String first = normalise(FOCUS, header, focusRow()).lineId();
        assertThat(first).startsWith("D-");
        assertThat(normalise(FOCUS, header, focusRow()).lineId()).isEqualTo(first);
        Map<String, String> corrected = focusRow();
        corrected.put("BilledCost", "399.00");
        assertThat(normalise(FOCUS, header, corrected).lineId()).isEqualTo(first);
        Map<String, String> other = focusRow();
        other.put("ChargePeriodStart", "2026-10-10 00:00:00");
        assertThat(normalise(FOCUS, header, other).lineId()).isNotEqualTo(first);
    }

    // ---- focus ----

    static Map<String, String> focusRow() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("BillingAccountId", "MASTER");
        row.put("SubAccountId", "A");
        row.put("BillingPeriodStart", "2026-10-01 00:00:00");
        row.put("ChargePeriodStart", "2026-10-09 00:00:00");
        row.put("ChargePeriodEnd", "2026-10-10 00:00:00");
        row.put("ChargeCategory", "Purchase");
        row.put("ServiceName", "Elastic Compute");
        row.put("ServiceCategory", "Compute");
        row.put("ListCost", "500.00");
        row.put("BilledCost", "400.00000000001");
        row.put("BillingCurrency", "CNY");
        row.put("InvoiceId", "INV-9");
        row.put("x_LineId", "F1");
        row.put("Id", "11472");
        return row;
    }

    @Test
    void focusMapsEveryColumn() {
        BillingLine line = normalise(FOCUS, FOCUS_HEADER, focusRow());
        assertThat(line.lineId()).isEqualTo("F1");
        assertThat(line.period()).isEqualTo(OCTOBER);
        assertThat(line.subAccountId()).isEqualTo("A");
        assertThat(line.orderId()).isEqualTo("INV-9");
        assertThat(line.productCode()).isEqualTo("Elastic Compute");
        assertThat(line.category()).isEqualTo(Category.COMPUTE);
        assertThat(line.billingMethod()).isEqualTo(BillingMethod.PREPAID);
        assertThat(line.chargeType()).isEqualTo(ChargeType.NEW);
        assertThat(line.listAmount()).isEqualByComparingTo("500.00");
        assertThat(line.payableAmount()).isEqualTo(new BigDecimal("400.00000000001"));
        assertThat(line.paidAmount()).isEqualTo(line.payableAmount());
        assertThat(line.currency()).isEqualTo("CNY");
        assertThat(line.paymentTime()).isEqualTo(LocalDateTime.of(2026, 10, 9, 0, 0));
        assertThat(line.usageStart()).isEqualTo(LocalDateTime.of(2026, 10, 9, 0, 0));
        assertThat(line.usageEnd()).isEqualTo(LocalDateTime.of(2026, 10, 10, 0, 0));
        assertThat(line.paid()).isTrue();
    }

    @Test
    void focusIdFallbacks() {
        Map<String, String> row = focusRow();
        row.put("x_LineId", "NULL");
        assertThat(normalise(FOCUS, FOCUS_HEADER, row).lineId()).isEqualTo("11472");
        row.put("Id", "");
        assertThat(normalise(FOCUS, FOCUS_HEADER, row).lineId()).startsWith("D-");
        row.put("SubAccountId", "NULL");
        row.put("BillingAccountId", "A");
        assertThat(normalise(FOCUS, FOCUS_HEADER, row).subAccountId()).isEqualTo("A");
    }

    @ParameterizedTest(name = "ChargeCategory {0}, BilledCost {1} → {2} / {3}")
    @CsvSource({"Purchase, 10.00, NEW, PREPAID", "Purchase, -10.00, REFUND, PREPAID", "Usage, 10.00, USAGE, POSTPAID",
            "usage, 10.00, USAGE, POSTPAID", "Credit, -10.00, CREDIT, POSTPAID", "Adjustment, 1.00, ADJUSTMENT, POSTPAID",
            "Tax, 1.00, TAX, POSTPAID", "PURCHASE, 10.00, NEW, PREPAID"})
    void focusChargeCategories(String category, String billed, ChargeType type, BillingMethod method) {
        Map<String, String> row = focusRow();
        row.put("ChargeCategory", category);
        row.put("BilledCost", billed);
        BillingLine line = normalise(FOCUS, FOCUS_HEADER, row);
        assertThat(line.chargeType()).isEqualTo(type);
        assertThat(line.billingMethod()).isEqualTo(method);
    }

    @ParameterizedTest(name = "ServiceCategory {0} → {1}")
    @CsvSource({"Compute, COMPUTE", "Security, SECURITY", "Databases, DATABASE", "Storage, STORAGE",
            "Networking, NETWORK", "Management and Governance, OTHER", "NULL, OTHER"})
    void focusServiceCategories_R2_3(String serviceCategory, Category expected) {
        Map<String, String> row = focusRow();
        row.put("ServiceCategory", serviceCategory);
        assertThat(normalise(FOCUS, FOCUS_HEADER, row).category()).isEqualTo(expected);
    }

    @Test
    void policyMapWinsOverServiceCategory_R2_3() {
        Map<String, String> row = focusRow();
        row.put("ServiceName", "oss");
        row.put("ServiceCategory", "Compute");
        assertThat(normalise(FOCUS, FOCUS_HEADER, row).category()).isEqualTo(Category.STORAGE);
    }

    // ---- rejects (R2.5) ----

    @ParameterizedTest(name = "{0} = {1} → {2}")
    @CsvSource({"PretaxAmount, 12.3x, BAD_NUMBER", "PretaxAmount, '', BAD_NUMBER", "PretaxGrossAmount, abc, BAD_NUMBER",
            "PaymentTime, 2026-13-45 99:00, BAD_DATE", "BillingCycle, October, BAD_DATE", "UsageStartTime, yesterday, BAD_DATE",
            "BillingCycle, 2026-13, BAD_DATE", "BillingCycle, 2026/00, BAD_DATE", "BillingCycle, 2026-1x, BAD_DATE",
            "BillingCycle, ２０２６-10, BAD_DATE",
            "SubscriptionType, Monthly, BAD_VALUE", "Item, Voucher, BAD_VALUE", "OrderType, Convert, BAD_VALUE",
            "OwnerID, NOBODY, UNKNOWN_SUB_ACCOUNT", "OwnerID, LATE, NOT_ASSOCIATED_IN_PERIOD",
            "OwnerID, GONE, NOT_ASSOCIATED_IN_PERIOD", "BillingCycle, 2026-09, PERIOD_MISMATCH",
            "Currency, USD, CURRENCY_MISMATCH", "Currency, '', CURRENCY_MISMATCH"})
    void rejectReasons(String column, String value, RejectReason reason) {
        Map<String, String> row = billRow();
        row.put(column, value);
        if (column.equals("OwnerID")) {
            row.put("AccountID", "");
        }
        assertThatThrownBy(() -> normalise(ALIBABA_BILL, BILL_HEADER, row))
                .isInstanceOfSatisfying(RowRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(value.isEmpty() ? "" : value);
    }

    @Test
    void rowWithoutSubAccountIsUnknown() {
        Map<String, String> row = billRow();
        row.put("OwnerID", "");
        row.put("AccountID", "");
        assertThatThrownBy(() -> normalise(ALIBABA_BILL, BILL_HEADER, row))
                .isInstanceOfSatisfying(RowRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_SUB_ACCOUNT));
    }

    static BillingLine normalise(ExportFormat format, List<String> header, Map<String, String> row) {
        String[] cells = header.stream().map(column -> row.getOrDefault(column, "")).toArray(String[]::new);
        return new LineNormaliser(format, new ExportHeader(header), OCTOBER, POLICY,
                id -> Optional.ofNullable(ACCOUNTS.get(id))).normalise(cells);
    }
}
