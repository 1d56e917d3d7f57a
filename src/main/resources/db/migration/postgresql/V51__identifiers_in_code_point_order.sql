-- Issue 20, tenth round: line ids and sub-account ids compare byte for byte (COLLATE "C") in every
-- table that holds one, so that they still compare with each other (a refund's related line id with
-- its original's, a line's sub-account with the master data's). They are vendor identifiers, never
-- words: nothing needs a language's order for them, and the files already sort them by code point
-- (SqlDialect.ordered). PostgreSQL (before 17) compares only "C" by bytes; any other collation goes
-- through the C library for every comparison and sorts without abbreviated keys. On a period of 1M
-- lines, by hand (docs/performance.md): the sort of the copy into a new partition 2.2 s -> 1.2 s and
-- the sub-account index 2.2 s -> 0.7-0.9 s on a database in en_US.UTF-8, less on C.UTF-8. An upgrade
-- rebuilds the indexes on these columns once (a few seconds a period of 1M lines, under an exclusive
-- lock). H2 is unchanged.
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
