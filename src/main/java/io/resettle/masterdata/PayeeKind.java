package io.resettle.masterdata;

/** R10.3: tax (劳务报酬预扣) is withheld from INDIVIDUAL payees only; COMPANY payees are paid gross. */
public enum PayeeKind {
    INDIVIDUAL, COMPANY
}
