/**
 * The settle job: the flow of the features' steps for one (period, revision), in the order R4–R12 need them. The steps
 * themselves are wired in each feature's {@code batch} package; this package only chains them.
 */
package io.resettle.settle;
