package io.resettle.ingest;

/**
 * Status of an export file (io-contract §3). PENDING only while an ingest run reads it; UNCHANGED
 * is reported, never stored: the file's content was already ingested and was skipped. IGNORED: an
 * entry of the export folder that is not an export (another extension, hidden, a folder), listed
 * so that nothing there goes unmentioned. REMOVED: a file ingested before and gone from the folder
 * now; its lines are no longer in the period (R2.7).
 */
public enum FileStatus {
    PENDING, ACCEPTED, UNCHANGED, QUARANTINED, REJECTED, IGNORED, REMOVED
}
