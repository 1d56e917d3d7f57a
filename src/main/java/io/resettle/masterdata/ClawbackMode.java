package io.resettle.masterdata;

/** What an agreement claws back when its commitment is missed (R5.1, R5.2). */
public enum ClawbackMode {
    /** Nothing is clawed back; the penalty still applies. */
    NONE,
    /** round2(granted × shortfall / commitment). */
    PRORATED,
    /** Every discount granted during the term. */
    FULL
}
