package io.resettle.masterdata;

/**
 * A referral partner (云大使), ambassadors.csv, as R9 reads it: its identity keys decide SAME_PERSON
 * (R9.3) and its payee kind the withholding (R10.3).
 */
public record Ambassador(String ambassadorId, String name, PayeeKind payeeType, String payoutAccount,
        IdentityKeys identity) {
}
