package io.resettle.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.billing.BillingLine;
import io.resettle.billing.BillingMethod;
import io.resettle.billing.ChargeType;
import io.resettle.ingest.ExportFormats.Ignored;
import io.resettle.ingest.ExportFormats.Matched;
import io.resettle.ingest.ExportFormats.Unmatched;
import io.resettle.support.csv.ExportHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Formats are data (architecture.md): the shipped definitions, recognition from the header row,
 * the closest format of a header that matches none, IGNORED datasets, and a data set's own
 * definitions, validated before any row is read (io-contract §2).
 */
public class ExportFormatsTest {

    static final ExportFormats SHIPPED = ExportFormats.shipped();

    @TempDir
    Path dataDir;

    private static String recognised(List<String> header) {
        ExportFormats.Recognition recognition = SHIPPED.recognise(new ExportHeader(header));
        if (recognition instanceof Matched m) {
            return m.format().name();
        }
        if (recognition instanceof Ignored i) {
            return "IGNORED " + i.format().name() + "/" + i.dataset();
        }
        return "UNMATCHED " + ((Unmatched) recognition).message();
    }

    @Test
    void recognisesEveryVariant() {
        assertThat(recognised(LineNormaliserTest.BILL_HEADER)).isEqualTo("alibaba-bill");
        assertThat(recognised(LineNormaliserTest.INSTANCE_HEADER)).isEqualTo("alibaba-bill");
        assertThat(recognised(LineNormaliserTest.SPLIT_HEADER)).isEqualTo("alibaba-bill");
        assertThat(recognised(LineNormaliserTest.CONSOLE_HEADER)).isEqualTo("alibaba-console");
        assertThat(recognised(LineNormaliserTest.DETAIL_HEADER)).isEqualTo("alibaba-console");
        assertThat(recognised(LineNormaliserTest.FOCUS_HEADER)).isEqualTo("focus");
    }

    @Test
    void headerMatchIsCaseInsensitiveAndIgnoresBomAndSpaces() {
        ExportHeader header = new ExportHeader(List.of("\uFEFFrecordid", " BillingCycle ", "ownerid", "ProductCode",
                "SUBSCRIPTIONTYPE", "Item", "PretaxAmount", "Currency"));
        assertThat(SHIPPED.recognise(header)).isInstanceOfSatisfying(Matched.class,
                m -> assertThat(m.format().name()).isEqualTo("alibaba-bill"));
    }

    @Test
    void missingColumnsAreListedWithTheirAlternatives() {
        assertThat(recognised(List.of("BillingCycle", "RecordID", "ProductCode", "SubscriptionType", "Item", "Currency")))
                .isEqualTo("UNMATCHED alibaba-bill export missing column(s): OwnerID or AccountID, PretaxAmount");
    }

    @Test
    void aHeaderOfAnotherVendorNamesTheClosestFormatAndWhatItLacks() {
        // A Huawei Cloud bill: no shipped signature column at all.
        Unmatched unmatched = (Unmatched) SHIPPED.recognise(new ExportHeader(List.of("Bill Cycle", "Account Name",
                "Service Type", "Resource ID", "Expenditure Amount (CNY)", "Currency")));
        assertThat(unmatched.recognised()).isFalse();
        assertThat(unmatched.message()).startsWith("the header matches no export format; the closest is ")
                .contains("which needs");
        assertThat(unmatched.missing()).isNotEmpty();
    }

    @Test
    void aFocusContractCommitmentFileIsIgnored() {
        assertThat(recognised(List.of("BillingAccountId", "ContractCommitmentId", "ContractCommitmentCost",
                "ContractCommitmentPeriodStart", "ContractCommitmentPeriodEnd", "BillingCurrency", "ContractId")))
                .isEqualTo("IGNORED focus/ContractCommitment");
    }

    @Test
    void describesRequiredColumns() {
        assertThat(SHIPPED.byName("focus").orElseThrow().describeRequiredColumns())
                .isEqualTo("focus: BilledCost, ChargeCategory, BillingPeriodStart, SubAccountId or BillingAccountId");
    }

    public static final String HUAWEI = """
            name: huawei-bill
            signature: [Bill Cycle, Account ID, Expenditure Amount]
            required: [[Account ID], [Expenditure Amount]]
            columns:
              record_id: [Bill ID]
              period: [Bill Cycle]
              sub_account: [Account ID]
              product_code: [Service Type Code]
              payable_amount: [Expenditure Amount]
              currency: [Currency]
              payment_time: [Transaction Time]
            billing_method:
              column: Billing Mode
              values: {Yearly/Monthly: PREPAID, Pay-per-use: POSTPAID}
            charge_type:
              column: Bill Type
              values: {New Purchase: NEW, Renewal: RENEWAL, Change: UPGRADE, Refund: REFUND, Consumption: USAGE}
            time_zone: Asia/Shanghai
            date_patterns: ["yyyy/MM/dd HH:mm:ss"]
            """;

    @Test
    void aDataSetBringsItsOwnDefinition() throws IOException {
        Files.createDirectories(dataDir.resolve("formats"));
        Files.writeString(dataDir.resolve("formats/huawei.yml"), HUAWEI);
        ExportFormats formats = ExportFormats.of(dataDir);
        assertThat(formats.all()).extracting(ExportFormat::name)
                .containsExactly("alibaba-bill", "alibaba-console", "focus", "huawei-bill");
        ExportHeader header = new ExportHeader(List.of("Bill ID", "Bill Cycle", "Account ID", "Service Type Code",
                "Billing Mode", "Bill Type", "Expenditure Amount", "Currency", "Transaction Time"));
        ExportFormat huawei = ((Matched) formats.recognise(header)).format();
        assertThat(huawei.name()).isEqualTo("huawei-bill");
        assertThat(huawei.source()).isEqualTo("formats/huawei.yml");
        BillingLine line = new LineNormaliser(huawei, header, LineNormaliserTest.OCTOBER, LineNormaliserTest.POLICY,
                id -> java.util.Optional.ofNullable(LineNormaliserTest.ACCOUNTS.get(id)))
                .normalise(new String[] {"HW-1", "2026-10", "A", "ecs", "yearly/monthly", "REFUND", "88.00", "CNY",
                        "2026/10/07 09:30:00"});
        assertThat(line.lineId()).isEqualTo("HW-1");
        assertThat(line.billingMethod()).isEqualTo(BillingMethod.PREPAID);
        assertThat(line.chargeType()).isEqualTo(ChargeType.REFUND);
        assertThat(line.payableAmount()).isEqualByComparingTo("-88.00");
        assertThat(line.paymentTime()).isEqualTo(java.time.LocalDateTime.of(2026, 10, 7, 1, 30));
    }

    private static List<String> problems(String yaml) {
        try {
            ExportFormatParser.parse("formats/bad.yml", yaml);
        } catch (ExportFormatException e) {
            assertThat(e.getMessage()).startsWith("formats/bad.yml: ");
            return e.problems();
        }
        throw new AssertionError("the definition was accepted");
    }

    @Test
    void brokenDefinitionsAreRefusedWithKeyAndWhy() {
        assertThat(problems(HUAWEI.replace("Consumption: USAGE", "Consumption: USED")))
                .containsExactly("charge_type.values.Consumption: 'USED' is not one of "
                        + java.util.Arrays.toString(ChargeType.values()));
        assertThat(problems(HUAWEI.replace("time_zone: Asia/Shanghai", "time_zone: Asia/Beijing")))
                .containsExactly("time_zone: 'Asia/Beijing' is not a time zone id (e.g. Asia/Shanghai, UTC)");
        assertThat(problems(HUAWEI.replace("  payable_amount: [Expenditure Amount]\n", "")))
                .containsExactly("columns.payable_amount: is required");
        assertThat(problems(HUAWEI.replace("columns:", "colums:")))
                .contains("colums: unknown key (known: billing_method, charge_type, columns, currency_from_account, date_patterns,"
                        + " description, name, not_billing_lines, order_id_from_record_id, paid, period_from_folder,"
                        + " policy_time_zone, refunds, required, signature, time_zone)", "columns.sub_account: is required");
        assertThat(problems(HUAWEI.replace("  currency: [Currency]", "  currency: [Currency]\n  amount: [X]")))
                .singleElement().asString().startsWith("columns.amount: unknown field");
        assertThat(problems(HUAWEI.replace("Yearly/Monthly: PREPAID", "Yearly/Monthly: PREPAY")))
                .containsExactly("billing_method.values.Yearly/Monthly: 'PREPAY' is not PREPAID or POSTPAID");
        assertThat(problems(HUAWEI.replace("[\"yyyy/MM/dd HH:mm:ss\"]", "[\"yyyy/MM/dd HH:mm:ss ppp{\"]")))
                .singleElement().asString().startsWith("date_patterns[0]: 'yyyy/MM/dd HH:mm:ss ppp{' is not a date pattern");
        assertThat(problems("name: [x")).singleElement().asString().startsWith("not valid YAML");
        assertThat(problems("- a\n- b")).containsExactly("(root): must be a mapping of keys such as name, signature, columns");
    }

    @Test
    void aDataSetDefinitionMayNotReuseAShippedName() throws IOException {
        Files.createDirectories(dataDir.resolve("formats"));
        Files.writeString(dataDir.resolve("formats/mine.yml"), HUAWEI.replace("name: huawei-bill", "name: focus"));
        assertThatThrownBy(() -> ExportFormats.of(dataDir)).isInstanceOfSatisfying(ExportFormatException.class, e -> {
            assertThat(e.file()).isEqualTo("formats/mine.yml");
            assertThat(e.problems()).containsExactly(
                    "name: 'focus' is already defined by formats/focus.yml; give the definition a name of its own");
        });
    }
}
