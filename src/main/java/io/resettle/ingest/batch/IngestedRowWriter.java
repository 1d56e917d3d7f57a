package io.resettle.ingest.batch;

import io.resettle.ingest.IngestedRow;
import io.resettle.support.FaultInjection;
import io.resettle.support.csv.AmountBounds;
import java.math.BigDecimal;
import java.time.YearMonth;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk of one file's rows: accepted lines to staged_line, rejects to ingest_reject, and
 * adds the accepted lines' count and payable to the file's ingest_file row, in the chunk's
 * transaction (so a chunk rolled back takes its figures with it, and finishIngest reads them
 * instead of going over the staged rows again).
 */
class IngestedRowWriter implements ItemWriter<IngestedRow> {

    private final StagedLineStore store;
    private final IngestStore files;
    private final FaultInjection faults;
    private final YearMonth period;
    private final String file;
    private final long generation;

    IngestedRowWriter(StagedLineStore store, IngestStore files, FaultInjection faults, YearMonth period, String file,
            long generation) {
        this.store = store;
        this.files = files;
        this.faults = faults;
        this.period = period;
        this.file = file;
        this.generation = generation;
    }

    @Override
    public void write(Chunk<? extends IngestedRow> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        store.write(period, file, generation, chunk.getItems());
        long accepted = 0;
        BigDecimal payable = BigDecimal.ZERO;
        for (IngestedRow row : chunk.getItems()) {
            if (row.isAccepted()) {
                accepted++;
                // As staged_line keeps it, so the file's total is the sum of its stored lines.
                payable = payable.add(AmountBounds.asStored(row.line().payableAmount()));
            }
        }
        files.addStaged(period, file, accepted, payable);
        faults.beforeWriting(file, chunk.getItems().get(0).rowNo(), chunk.getItems().get(chunk.size() - 1).rowNo());
    }
}
