/**
 * Plumbing shared by the features and free of any rule: the database dialect and fast copy path, hashing, fault
 * injection for restart tests, console progress, worker threads and the output folder layout; {@code support.csv}
 * reads and writes CSV text (encodings, headers, values, reject reasons). Nothing here imports a feature.
 */
package io.resettle.support;
