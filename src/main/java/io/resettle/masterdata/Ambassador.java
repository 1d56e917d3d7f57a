package io.resettle.masterdata;


/** A referral partner (云大使), ambassadors.csv. */
public record Ambassador(String ambassadorId, String name, PayeeKind payeeType, String payoutAccount,
        IdentityKeys identity) {
}
