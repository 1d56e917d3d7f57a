-- Issue 20: billing_line becomes a table of one partition a period (PostgreSQL only; H2 keeps one
-- table). A period's first ingest loads its lines into a table of their own that has no index yet
-- and then attaches it: PostgreSQL builds the three indexes by sorting, instead of maintaining them
-- row by row while a million rows go in (finishIngest 7.3 s -> 4.8 s at 1M lines, docs/performance.md).
-- The partitions are named billing_line_<yyyy>_<mm>; only StagedLineStore creates them.
ALTER TABLE billing_line RENAME TO billing_line_unpartitioned;
ALTER INDEX billing_line_pkey RENAME TO billing_line_unpartitioned_pkey;
ALTER INDEX billing_line_sub_account RENAME TO billing_line_unpartitioned_sub_account;
ALTER INDEX billing_line_by_line_id RENAME TO billing_line_unpartitioned_by_line_id;

CREATE TABLE billing_line (
    LIKE billing_line_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
    PRIMARY KEY (period, line_id)
) PARTITION BY LIST (period);
CREATE INDEX billing_line_sub_account ON billing_line (sub_account_id, period);
CREATE INDEX billing_line_by_line_id ON billing_line (line_id);

DO $$
DECLARE
    p TEXT;
BEGIN
    FOR p IN SELECT DISTINCT period FROM billing_line_unpartitioned ORDER BY period LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF billing_line FOR VALUES IN (%L)',
                       'billing_line_' || replace(p, '-', '_'), p);
    END LOOP;
END $$;

INSERT INTO billing_line SELECT * FROM billing_line_unpartitioned ORDER BY period, line_id;
DROP TABLE billing_line_unpartitioned;
