package io.resettle.ingest;

/**
 * Status of an export file (io-contract §3). PENDING only while an ingest run reads it; UNCHANGED
 * is reported, never stored: the file's content was already ingested and was skipped.
 */
public enum FileStatus {
    PENDING, ACCEPTED, UNCHANGED, QUARANTINED, REJECTED,
    /** Not billing lines (a FOCUS ContractCommitment file): listed, counted nowhere (io-contract §2). */
    IGNORED
}
