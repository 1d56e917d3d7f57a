-- The GRADUATED walk writes rebate-slices.csv in parts beside the output files and the settlement
-- files step puts them together (io.resettle.rebate.batch.RebateSliceFile): a million slices went
-- into this table only to be sorted back out, a quarter of the walk's time (docs/performance.md).
-- The files of earlier revisions keep their slices; nothing read the table but the file writer.
DROP TABLE rebate_slice;
