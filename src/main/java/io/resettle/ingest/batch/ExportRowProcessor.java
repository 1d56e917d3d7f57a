package io.resettle.ingest.batch;

import io.resettle.ingest.ExportRow;
import io.resettle.ingest.IngestedRow;
import io.resettle.ingest.LineNormaliser;
import io.resettle.ingest.RejectReason;
import io.resettle.ingest.RowRejectedException;
import io.resettle.ingest.BillingLine;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Normalises a row (the pure {@link LineNormaliser}) and rejects a line id that repeats within
 * the file (R2.5). The ids seen so far start from what earlier chunks committed, so a restarted
 * partition continues the same check.
 */
class ExportRowProcessor implements ItemProcessor<ExportRow, IngestedRow> {

    private final LineNormaliser normaliser;
    private final Supplier<Set<String>> committedLineIds;
    private Set<String> seenLineIds;

    ExportRowProcessor(LineNormaliser normaliser, Supplier<Set<String>> committedLineIds) {
        this.normaliser = normaliser;
        this.committedLineIds = committedLineIds;
    }

    @Override
    public IngestedRow process(ExportRow row) {
        if (seenLineIds == null) {
            seenLineIds = committedLineIds.get();
        }
        BillingLine line;
        try {
            line = normaliser.normalise(row.cells());
        } catch (RowRejectedException e) {
            return IngestedRow.rejected(row.rowNo(), e.reason(), e.getMessage(), row.raw());
        }
        if (!seenLineIds.add(line.lineId())) {
            return IngestedRow.rejected(row.rowNo(), RejectReason.DUPLICATE_LINE,
                    "line id " + line.lineId() + " appears earlier in the same file", row.raw());
        }
        return IngestedRow.accepted(row.rowNo(), line);
    }
}
