-- Issue 18: payout returns also come from the bank's pain.002 status reports. A status without
-- OrgnlTxRef/Amt returns the payout's own net (amount empty, matched at settle); source says where
-- the return was read (file row N, or file transaction N) for the settle summary's R12.4 breaks.
ALTER TABLE payout_return ALTER COLUMN amount DROP NOT NULL;
ALTER TABLE payout_return ADD COLUMN source VARCHAR(600);
