-- Issue 20: the key led by the line id, the order priceLines writes in (the PostgreSQL twin of
-- this migration says why). Same columns, so the same rows are unique.
ALTER TABLE invoice_line DROP PRIMARY KEY;
ALTER TABLE invoice_line ADD PRIMARY KEY (period, revision, line_id, kind, invoice_id);
