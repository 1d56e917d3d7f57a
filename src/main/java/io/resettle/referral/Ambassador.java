package io.resettle.referral;

import io.resettle.masterdata.IdentityKeys;
import io.resettle.masterdata.PayeeKind;
import io.resettle.payable.Payee;

/** A referral partner (云大使, ambassadors.csv) of R9; its payee kind decides the withholding (R10.3). */
public record Ambassador(String ambassadorId, String name, PayeeKind payeeKind, String payoutAccount,
        IdentityKeys keys) {

    public Payee payee() {
        return Payee.ambassador(ambassadorId);
    }
}
