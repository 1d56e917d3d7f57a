package io.resettle.masterdata;

/** A referral partner (云大使), ambassadors.csv. */
public record Ambassador(String ambassadorId, String name, PayeeType payeeType, String payoutAccount, IdentityKeys identity) {

    /** R10.3: tax is withheld on INDIVIDUAL payees only. */
    public enum PayeeType { INDIVIDUAL, COMPANY }
}
