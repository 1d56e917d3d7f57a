-- accounts.csv vendor_login (io-contract §1): the account's login name at the vendor, for exports
-- that name the owner only by it (Owner账号).
ALTER TABLE sub_account ADD COLUMN vendor_login VARCHAR(300);
