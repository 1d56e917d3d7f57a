package io.resettle.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the policy says about the files finance uses as they are (docs/outputs.md): the language of
 * the period workbook's headers ({@code workbook.headers}) and the bank payout batches
 * ({@code bank_payouts}, without which no pain.001 file is written). Read by {@link OutputPolicyParser}.
 */
public record OutputPolicy(HeaderLanguage workbookHeaders, Optional<BankPayouts> bankPayouts) {

    public static final OutputPolicy NONE = new OutputPolicy(HeaderLanguage.EN, Optional.empty());

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
