-- Issue 20: the sub-accounts of a group (checks and look-ups by group: without it each one read
-- every sub-account, a cost per group that grew with their number).
CREATE INDEX sub_account_by_group ON sub_account (group_id);
