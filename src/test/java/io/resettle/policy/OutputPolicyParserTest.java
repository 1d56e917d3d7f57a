package io.resettle.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** The policy's optional sections for the output files (docs/outputs.md), read through PolicyParser. */
class OutputPolicyParserTest {

    private static final String BASE = """
            currency: CNY
            discount_tables:
              standard:
                - {from: 0, rates: {default: 0.01}}
            """;

    private static Policy parse(String sections) {
        return PolicyParser.parse("policies/2026-01.yml", YearMonth.of(2026, 1), BASE + sections);
    }

    @Test
    void withoutTheSectionsNoBankBatchAndEnglishHeaders() {
        Policy policy = parse("");
        assertThat(policy.outputs()).isEqualTo(OutputPolicy.NONE);
        assertThat(policy.outputs().bankPayouts()).isEmpty();
        assertThat(policy.outputs().workbookHeaders()).isEqualTo(OutputPolicy.HeaderLanguage.EN);
    }

    @Test
    void readsTheWorkbookAndBankPayoutSections() {
        Policy policy = parse("""
                workbook: {headers: zh}
                bank_payouts:
                  initiating_party: {name: 杭州云途信息科技有限公司, id: 91330106MA2CLOUD8X}
                  debtors:
                    - {name: 云途, account: ICBC 1202 0211 0900 0066 88, currency: CNY, payee_types: [GROUP]}
                    - {name: 云途 EUR, account: DE89 3704 0044 0532 0130 00, currency: EUR, payee_types: [ambassador]}
                """);
        assertThat(policy.outputs().workbookHeaders()).isEqualTo(OutputPolicy.HeaderLanguage.ZH);
        OutputPolicy.BankPayouts bank = policy.outputs().bankPayouts().orElseThrow();
        assertThat(bank.initiatingParty()).isEqualTo(new OutputPolicy.Party("杭州云途信息科技有限公司", "91330106MA2CLOUD8X"));
        assertThat(bank.debtorFor("GROUP").orElseThrow().account())
                .isEqualTo(new BankAccount(BankAccount.Kind.LOCAL, "ICBC", "1202021109000066" + "88"));
        assertThat(bank.debtorFor("AMBASSADOR").orElseThrow().account())
                .isEqualTo(new BankAccount(BankAccount.Kind.IBAN, "", "DE89370400440532013000"));
    }

    @Test
    void everyProblemIsNamedByItsKeyPath() {
        assertThatThrownBy(() -> parse("""
                workbook: {headers: fr, colour: red}
                bank_payouts:
                  initiating_party: {id: X}
                  debtors:
                    - {name: A, account: ALIPAY 2088, currency: cny, payee_types: [GROUP, PARTNER]}
                    - {name: B, account: CMB 7559, currency: CNY, payee_types: [GROUP]}
                    - {account: DE00 3704 0044 0532 0130 00, currency: CNY, payee_types: [AMBASSADOR]}
                """))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("workbook.headers: unknown value 'fr' (expected one of EN, ZH)")
                .hasMessageContaining("workbook.colour is not a known key")
                .hasMessageContaining("bank_payouts.initiating_party.name is required")
                .hasMessageContaining("bank_payouts.debtors[0].account 'ALIPAY 2088' is not a bank account")
                .hasMessageContaining("bank_payouts.debtors[0].currency 'cny' is not an ISO 4217 code")
                .hasMessageContaining("bank_payouts.debtors[0].payee_types: unknown value 'PARTNER'")
                .hasMessageContaining("bank_payouts.debtors[1].payee_types: GROUP is paid by an earlier debtor already")
                .hasMessageContaining("bank_payouts.debtors[2].name is required")
                .hasMessageContaining("bank_payouts.debtors[2].account 'DE00 3704 0044 0532 0130 00' is not a bank account");
    }

    @Test
    void readsAndChecksTheInvoicingSection() {
        OutputPolicy.Invoicing invoicing = parse("""
                invoicing:
                  amounts_include_tax: false
                  tax_rate: 0.06
                  special_vat_accounts: [A1]
                  items: {default: {name: 云计算服务, code: "3040203000000000000"}, storage: {name: 云存储服务, code: 3040205000000000000}}
                """).outputs().invoicing().orElseThrow();
        assertThat(invoicing.amountsIncludeTax()).isFalse();
        assertThat(invoicing.taxRate()).isEqualByComparingTo("0.06");
        assertThat(invoicing.invoiceTypeOf("A1")).isEqualTo("增值税专用发票");
        assertThat(invoicing.invoiceTypeOf("A2")).isEqualTo("普通发票");
        assertThat(invoicing.itemFor("STORAGE").orElseThrow().code()).isEqualTo("3040205000000000000");
        assertThat(invoicing.itemFor("COMPUTE").orElseThrow().name()).isEqualTo("云计算服务");
        assertThatThrownBy(() -> parse("""
                invoicing:
                  amounts_include_tax: maybe
                  tax_rate: 6
                  invoice_type: 电子发票
                  items: {GPU: {name: x, code: "1"}, COMPUTE: {name: y, code: "30402"}}
                """))
                .hasMessageContaining("invoicing.amounts_include_tax 'maybe' is not true or false")
                .hasMessageContaining("invoicing.tax_rate 6 is not a decimal rate such as 0.06")
                .hasMessageContaining("invoicing.invoice_type: unknown value '电子发票'")
                .hasMessageContaining("invoicing.items.GPU is not a category, CLAWBACK, PENALTY or default")
                .hasMessageContaining("invoicing.items.COMPUTE.code '30402' is not a 19-digit tax classification code");
    }

    @Test
    void bankAccountForms() {
        assertThat(BankAccount.parse("ALIPAY 2088 1000 0000 0001")).contains(new BankAccount(BankAccount.Kind.ALIPAY, "", "2088100000000001"));
        assertThat(BankAccount.parse("CMBCCNBS 7559 0000 0077").orElseThrow().bankIsBic()).isTrue();
        assertThat(BankAccount.parse("ICBC 1202").orElseThrow().bankIsBic()).isFalse();
        assertThat(BankAccount.parse("IBAN GB82 WEST 1234 5698 7654 32")).contains(new BankAccount(BankAccount.Kind.IBAN, "", "GB82WEST12345698765432"));
        assertThat(BankAccount.parse("IBAN GB83 WEST 1234 5698 7654 32")).as("check digits wrong").isEmpty();
        assertThat(BankAccount.parse("1202 0200")).isEmpty();
        assertThat(BankAccount.parse("")).isEmpty();
    }
}
