/**
 * What is owed to a payee (R8–R10): the {@link io.resettle.payable.PayoutItem}s that referral commissions and rebate
 * stages produce and a payout run pays, with their {@link io.resettle.payable.ItemType} and
 * {@link io.resettle.payable.ItemStatus}. It sits below {@code referral}, {@code rebate} and {@code payout} so that the
 * producers and the payer share one type without depending on each other.
 */
package io.resettle.payable;
