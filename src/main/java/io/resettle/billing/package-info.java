/**
 * The billing vocabulary every feature speaks (the bottom of the layout, beside {@code money}): a normalised
 * {@link io.resettle.billing.BillingLine} and its {@link io.resettle.billing.ChargeType},
 * {@link io.resettle.billing.BillingMethod} and {@link io.resettle.billing.Category} (R2). It depends on nothing of ours
 * but {@code money}.
 */
package io.resettle.billing;
