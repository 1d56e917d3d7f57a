package io.resettle.masterdata;

import io.resettle.payout.PayeeKind;
import io.resettle.referral.IdentityKeys;

/** A referral partner (云大使), ambassadors.csv. */
public record Ambassador(String ambassadorId, String name, PayeeKind payeeType, String payoutAccount,
        IdentityKeys identity) {
}
