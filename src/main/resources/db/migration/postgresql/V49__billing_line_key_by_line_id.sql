-- Issue 20, ninth round: billing_line's key led by the line id. Within a partition the period is one
-- value, so (line_id, period) orders and finds a period's lines as (period, line_id) did, and also
-- finds a line by its id alone, which billing_line_by_line_id was kept for (the refunds' originals,
-- R2.7). Same columns, so the same rows are unique. One index fewer for every period's attach to
-- build (finishIngest) and to keep on disk (docs/performance.md). H2 keeps one unpartitioned table,
-- where the key led by the period serves the queries of one period; it keeps both. On a database
-- with history this rebuilds every period's key under an exclusive lock, once: about 3 s a period of
-- 1M lines (docs/decisions.md).
ALTER TABLE billing_line DROP CONSTRAINT billing_line_pkey, ADD PRIMARY KEY (line_id, period);
DROP INDEX IF EXISTS billing_line_by_line_id;
