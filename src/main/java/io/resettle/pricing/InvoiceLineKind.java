package io.resettle.pricing;

/**
 * Kind of an invoice line (io-contract §3). Declaration order is the order of kinds within an
 * invoice in {@code invoice-lines.csv}: charges, then clawbacks (R5.3), penalties (R5.3) and
 * rebate credit notes (R8.2). It is alphabetical order too, so that the file can be sorted by the
 * kind column itself, not kind_order; a test holds it so.
 */
public enum InvoiceLineKind {
    CHARGE, CLAWBACK, PENALTY, REBATE_CREDIT
}
