package io.resettle.ingest.batch;

import io.resettle.billing.BillingLine;
import io.resettle.ingest.ExportRow;
import io.resettle.ingest.IngestedRow;
import io.resettle.ingest.LineIdSet;
import io.resettle.ingest.LineIntegrity;
import io.resettle.ingest.LineNormaliser;
import io.resettle.support.csv.RejectReason;
import io.resettle.support.csv.RowRejectedException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Normalises a row (the pure {@link LineNormaliser}), checks it can be stored
 * ({@link LineIntegrity}) and rejects a line id that repeats within the file (R2.5). The ids seen
 * so far start from what earlier chunks committed, so a restarted partition continues the same
 * check. A row the reader already rejected by its shape passes through as that reject.
 */
class ExportRowProcessor implements ItemProcessor<ExportRow, IngestedRow> {

    private static final Logger log = LoggerFactory.getLogger(ExportRowProcessor.class);

    private final LineNormaliser normaliser;
    private final Supplier<LineIdSet> committedLineIds;
    private final String file;
    private LineIdSet seenLineIds;

    ExportRowProcessor(LineNormaliser normaliser, Supplier<LineIdSet> committedLineIds, String file) {
        this.normaliser = normaliser;
        this.committedLineIds = committedLineIds;
        this.file = file;
    }

    @Override
    public IngestedRow process(ExportRow row) {
        if (row.isRejected()) {
            return IngestedRow.rejected(row.rowNo(), row.reject(), row.detail(), row.raw());
        }
        if (seenLineIds == null) {
            seenLineIds = committedLineIds.get();
        }
        BillingLine line;
        try {
            line = LineIntegrity.checked(normaliser.normalise(row.cells()));
        } catch (RowRejectedException e) {
            return IngestedRow.rejected(row.rowNo(), e.reason(), e.getMessage(), row.raw());
        } catch (RuntimeException e) {
            // One unreadable cell never fails the period (issue 15): the row is rejected, the trace logged.
            log.warn("{} row {}: could not be read ({}); rejected", file, row.rowNo(), e.toString());
            log.debug("{} row {}", file, row.rowNo(), e);
            return IngestedRow.rejected(row.rowNo(), RejectReason.BAD_VALUE, "the row could not be read: " + e, row.raw());
        }
        if (!seenLineIds.add(line.lineId())) {
            return IngestedRow.rejected(row.rowNo(), RejectReason.DUPLICATE_LINE,
                    "line id " + line.lineId() + " appears earlier in the same file", row.raw());
        }
        return IngestedRow.accepted(row.rowNo(), line);
    }
}
