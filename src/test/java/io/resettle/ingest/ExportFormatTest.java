package io.resettle.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Formats are recognised from the header row; missing required columns are named (io-contract §2, R2.5). */
class ExportFormatTest {

    @Test
    void recognisesEachFormat() {
        assertThat(ExportFormat.recognise(new ExportHeader(LineNormaliserTest.BILL_HEADER))).contains(ExportFormat.ALIBABA_BILL);
        assertThat(ExportFormat.recognise(new ExportHeader(LineNormaliserTest.CONSOLE_HEADER))).contains(ExportFormat.ALIBABA_CONSOLE);
        assertThat(ExportFormat.recognise(new ExportHeader(LineNormaliserTest.FOCUS_HEADER))).contains(ExportFormat.FOCUS);
    }

    @Test
    void headerMatchIsCaseInsensitiveAndIgnoresBomAndSpaces() {
        ExportHeader header = new ExportHeader(List.of("\uFEFFrecordid", " BillingCycle ", "ownerid", "ProductCode",
                "SUBSCRIPTIONTYPE", "Item", "PretaxAmount", "Currency"));
        assertThat(ExportFormat.recognise(header)).contains(ExportFormat.ALIBABA_BILL);
        assertThat(ExportFormat.ALIBABA_BILL.missingColumns(header)).isEmpty();
    }

    @Test
    void unknownHeaderMatchesNoFormat() {
        assertThat(ExportFormat.recognise(new ExportHeader(List.of("date", "amount", "customer")))).isEmpty();
        assertThat(ExportFormat.FOCUS.describeRequiredColumns())
                .isEqualTo("focus: BillingPeriodStart, SubAccountId or BillingAccountId, ChargeCategory, ServiceName,"
                        + " BilledCost, BillingCurrency");
    }

    @Test
    void missingColumnsAreListedWithTheirAlternatives() {
        ExportHeader header = new ExportHeader(List.of("BillingCycle", "RecordID", "ProductCode", "SubscriptionType",
                "Item", "Currency"));
        assertThat(ExportFormat.recognise(header)).contains(ExportFormat.ALIBABA_BILL);
        assertThat(ExportFormat.ALIBABA_BILL.missingColumns(header)).containsExactly("OwnerID or AccountID", "PretaxAmount");
    }
}
