-- Issue 20, tenth round: line ids and sub-account ids compare byte for byte (COLLATE "C") in every
-- table that holds one, so that a comparison of two of them (a refund's related line id with its
-- original's, a line's sub-account with the master data's) is in the collation of the indexes on
-- both: an index serves only comparisons in its own collation. They are vendor identifiers, never
-- words: nothing needs a language's order for them, and the files already sort them by code point
-- (SqlDialect.ordered). PostgreSQL (before 17) compares only "C" by bytes; any other collation goes
-- through the C library for every comparison and sorts without abbreviated keys. On a period of 1M
-- lines, by hand (docs/performance.md, tenth round): the sort of the copy into a new partition
-- 2.3 s -> 1.2 s and the sub-account index 2.2 s -> 0.7-0.9 s on a database in en_US.UTF-8, less
-- on C.UTF-8. An upgrade rebuilds the indexes on these columns once (about 5 s a period of 1M
-- lines, under an exclusive lock). H2 is unchanged.
--
-- A settle run left unfinished would resume with the line-id ranges and the walk's position it saved
-- in the old order, which on a database whose collation is not byte order selects other lines: such
-- a run must be finished (or abandoned) by the version that started it. Refused, naming the runs.
DO $$
DECLARE
    unfinished TEXT;
BEGIN
    IF (SELECT datcollate FROM pg_database WHERE datname = current_database()) NOT IN ('C', 'POSIX') THEN
        SELECT string_agg(e.job_execution_id || ' (' || e.status || ')', ', ' ORDER BY e.job_execution_id)
          INTO unfinished
          FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
         WHERE i.job_name = 'settle' AND e.status NOT IN ('COMPLETED', 'ABANDONED')
           AND NOT EXISTS (SELECT 1 FROM batch_job_execution later
                            WHERE later.job_instance_id = e.job_instance_id AND later.job_execution_id > e.job_execution_id);
        IF unfinished IS NOT NULL THEN
            RAISE EXCEPTION 'settle run(s) % unfinished: finish them (resettle restart --execution ID) or abandon them (dashboard) with the version that started them, then upgrade', unfinished;
        END IF;
    END IF;
END $$;

ALTER TABLE staged_line ALTER COLUMN line_id TYPE VARCHAR(200) COLLATE "C",
    ALTER COLUMN related_line_id TYPE VARCHAR(200) COLLATE "C",
    ALTER COLUMN sub_account_id TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE billing_line ALTER COLUMN line_id TYPE VARCHAR(200) COLLATE "C",
    ALTER COLUMN related_line_id TYPE VARCHAR(200) COLLATE "C",
    ALTER COLUMN sub_account_id TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE invoice_line ALTER COLUMN line_id TYPE VARCHAR(200) COLLATE "C",
    ALTER COLUMN sub_account_id TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE sub_account ALTER COLUMN sub_account_id TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE allocation ALTER COLUMN sub_account_id TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE referral_visit ALTER COLUMN sub_account_id TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE vendor_statement ALTER COLUMN sub_account_id TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE invoice ALTER COLUMN sub_account_id TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE prepaid_balance ALTER COLUMN sub_account_id TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE commission ALTER COLUMN sub_account_id TYPE VARCHAR(100) COLLATE "C";
