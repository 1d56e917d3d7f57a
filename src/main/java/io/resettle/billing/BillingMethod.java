package io.resettle.billing;

/** How the vendor billed a line (R2.1): subscription in advance or pay-as-you-go. */
public enum BillingMethod {
    PREPAID, POSTPAID
}
