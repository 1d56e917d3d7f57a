-- Issue 20, tenth round: staged_line found by a block-range (BRIN) index on (period, file) instead of
-- its key. The key (period, file, row_no) took 1.1-1.9 s of the server's time to keep while COPY wrote
-- 1M rows (3.2-3.5 s with this index against 4.6-6.4 s; docs/performance.md) and 92 MB a million
-- rows on disk. Rows are written a file's chunk after another, two or so files at once, so a block
-- range holds few files and the index finds a file's or a period's rows in a few ranges. Nothing
-- needs the key: every query asks for a period or one of its files, and a line id staged twice is
-- still a duplicate reject (R2.5) or, across files, ranked when billing_line is rebuilt (R2.7).
-- Ranges filled since the index was last summarised are read by every query; autovacuum summarises
-- them as they fill, and IngestStore does it before it deletes a file's rows (docs/decisions.md).
-- H2 keeps the key. On a database with history this builds the index in one pass over the table.
ALTER TABLE staged_line DROP CONSTRAINT staged_line_pkey;
CREATE INDEX staged_line_by_period_file ON staged_line USING brin (period, file) WITH (autosummarize = on);
