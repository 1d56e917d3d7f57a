package io.resettle.billing;

/** Normalised charge type of a billing line (R2.1). */
public enum ChargeType {
    NEW, RENEWAL, UPGRADE, USAGE, REFUND, ADJUSTMENT, CREDIT, TAX;

    /** Charge types that count in volumes and are discounted (R4.1, R7.2). */
    public boolean countsInVolume() {
        return this == NEW || this == RENEWAL || this == UPGRADE || this == USAGE || this == REFUND;
    }
}
