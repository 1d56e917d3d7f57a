-- priceLines now reads line-id ranges through the primary key, so this index serves only the look-ups
-- by sub-account (a group's lines of a period, the referred customers' lines). (sub_account_id, period)
-- has few distinct keys, which PostgreSQL stores once per key: rebuilding a period of billing lines
-- maintains it for a fraction of what (period, sub_account_id, line_id) cost (docs/performance.md).
DROP INDEX billing_line_sub_account;
CREATE INDEX billing_line_sub_account ON billing_line (sub_account_id, period);
