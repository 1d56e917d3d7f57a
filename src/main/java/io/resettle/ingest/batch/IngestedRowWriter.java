package io.resettle.ingest.batch;

import io.resettle.ingest.IngestedRow;
import io.resettle.support.FaultInjection;
import java.time.YearMonth;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Writes a chunk of one file's rows: accepted lines to staged_line, rejects to ingest_reject. */
class IngestedRowWriter implements ItemWriter<IngestedRow> {

    private final StagedLineStore store;
    private final FaultInjection faults;
    private final YearMonth period;
    private final String file;
    private final long generation;

    IngestedRowWriter(StagedLineStore store, FaultInjection faults, YearMonth period, String file, long generation) {
        this.store = store;
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
        faults.beforeWriting(file, chunk.getItems().get(0).rowNo(), chunk.getItems().get(chunk.size() - 1).rowNo());
    }
}
