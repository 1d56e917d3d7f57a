-- Issue 20: settleCommitments and creditRebates first delete their own lines of the revision
-- (CLAWBACK, PENALTY, REBATE_CREDIT), so that a step run again replaces them. Without an index
-- each delete read the revision's million CHARGE lines (0.13-0.29 s each, three a settle, all on
-- the pricing branch's critical path). Only those few lines are in this index: priceLines' COPY of
-- the CHARGE lines does not maintain it. On upgrade the index is built once: a read of the whole of
-- invoice_line (about a second for a million lines here), during which invoice_line takes no writes.
CREATE INDEX invoice_line_adjustments ON invoice_line (period, revision, kind) WHERE kind <> 'CHARGE';
