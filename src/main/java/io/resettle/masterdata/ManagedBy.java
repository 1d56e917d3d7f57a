package io.resettle.masterdata;

/** Who manages a customer (accounts.csv {@code managed_by}); only AGENT customers can be referred (R9.1). */
public enum ManagedBy {
    AGENT, CBM, PARTNER
}
