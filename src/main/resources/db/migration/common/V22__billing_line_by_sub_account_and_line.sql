-- priceLines reads one range of sub-accounts per partition, in (sub-account, line id) order:
-- with the line id in the index, each partition walks only its own lines, already in order,
-- instead of the whole period in line-id order (docs/performance.md).
DROP INDEX billing_line_sub_account;
CREATE INDEX billing_line_sub_account ON billing_line (period, sub_account_id, line_id);
