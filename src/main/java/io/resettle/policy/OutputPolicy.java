package io.resettle.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the policy says about the files finance uses as they are (docs/outputs.md): the language of
 * the period workbook's headers ({@code workbook.headers}) and the bank payout batches
 * ({@code bank_payouts}, without which no pain.001 file is written). Read by {@link OutputPolicyParser}.
 */
public record OutputPolicy(HeaderLanguage workbookHeaders, Optional<BankPayouts> bankPayouts,
        Optional<Invoicing> invoicing) {

    public static final OutputPolicy NONE = new OutputPolicy(HeaderLanguage.EN, Optional.empty(), Optional.empty());

    /**
     * The 数电票 batch-invoicing workbook ({@code invoicing}): what the tax bureau's template needs that
     * the invoices do not say.
     *
     * @param items              by category name (COMPUTE …) or derived line kind (CLAWBACK, PENALTY), or {@code default}
     * @param specialVatAccounts sub-accounts invoiced with 增值税专用发票; the others get {@code invoiceType}
     * @param note               text put before the invoice id in 备注, or empty
     */
    public record Invoicing(boolean amountsIncludeTax, java.math.BigDecimal taxRate, String invoiceType,
            Set<String> specialVatAccounts, java.util.Map<String, Item> items, String note) {
        public static final String ORDINARY = "普通发票";
        public static final String SPECIAL = "增值税专用发票";

        public Invoicing {
            specialVatAccounts = Set.copyOf(specialVatAccounts);
            items = java.util.Map.copyOf(items);
        }

        public String invoiceTypeOf(String subAccountId) {
            return specialVatAccounts.contains(subAccountId) ? SPECIAL : invoiceType;
        }

        /** The item of a category or derived line kind, else the {@code default} one. */
        public Optional<Item> itemFor(String categoryOrKind) {
            return Optional.ofNullable(items.getOrDefault(categoryOrKind, items.get("default")));
        }
    }

    /** @param code the 19-digit 商品和服务税收分类编码 */
    public record Item(String name, String code) {
    }

    public enum HeaderLanguage {
        EN, ZH
    }

    /**
     * @param initiatingParty who sends the batch to the bank (GrpHdr/InitgPty)
     * @param debtors         the agent's own accounts; each payout is paid from the first that pays its payee type
     */
    public record BankPayouts(Party initiatingParty, List<Debtor> debtors) {
        public BankPayouts {
            debtors = List.copyOf(debtors);
        }

        /** The debtor account that pays payees of this type (GROUP or AMBASSADOR), if any. */
        public Optional<Debtor> debtorFor(String payeeType) {
            return debtors.stream().filter(debtor -> debtor.payeeTypes().contains(payeeType)).findFirst();
        }
    }

    /** @param id an organisation identifier such as the 统一社会信用代码, or empty */
    public record Party(String name, String id) {
    }

    /** @param payeeTypes GROUP and/or AMBASSADOR */
    public record Debtor(String name, BankAccount account, String currency, Set<String> payeeTypes) {
        public Debtor {
            payeeTypes = Set.copyOf(payeeTypes);
        }
    }
}
