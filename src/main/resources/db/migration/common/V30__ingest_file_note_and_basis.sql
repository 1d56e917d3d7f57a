-- Issue 15: why an entry of the export folder was IGNORED or REMOVED, and the fingerprint of the
-- policy and sub-accounts a file was judged on (a change re-evaluates the file, R2.7).
ALTER TABLE ingest_file ADD COLUMN note VARCHAR(1000);
ALTER TABLE ingest_file ADD COLUMN basis VARCHAR(64);
