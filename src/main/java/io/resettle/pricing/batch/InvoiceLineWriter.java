package io.resettle.pricing.batch;

import io.resettle.pricing.InvoiceLine;
import io.resettle.support.FaultInjection;
import java.time.YearMonth;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a partition's CHARGE invoice lines; a fresh (not restarted) partition first removes
 * those an earlier attempt left in its range.
 */
class InvoiceLineWriter implements ItemWriter<InvoiceLine>, StepExecutionListener {
    private final InvoiceLineStore store;
    private final FaultInjection faults;
    private final YearMonth period;
    private final int revision;
    private final String firstLineId;
    private final String lastLineId;

    InvoiceLineWriter(InvoiceLineStore store, FaultInjection faults, YearMonth period, int revision,
            String firstLineId, String lastLineId) {
        this.store = store;
        this.faults = faults;
        this.period = period;
        this.revision = revision;
        this.firstLineId = firstLineId;
        this.lastLineId = lastLineId;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        if (firstLineId == null || lastLineId == null) {
            // A partition cut by an older build (ranges of sub-accounts): its lines cannot be found again.
            throw new IllegalStateException("priceLines partition " + stepExecution.getStepName() + " has no"
                    + " line-id range: it was started by an older version of Resettle and cannot be resumed;"
                    + " settle the period again with --rerun");
        }
        // A tasklet step saves its streams' state before its first transaction: the reader's count,
        // not its presence, says whether an earlier attempt committed lines of this range.
        Object linesRead = stepExecution.getExecutionContext().get("periodLineReader.read.count");
        boolean committedBefore = linesRead instanceof Number count && count.longValue() > 0;
        if (!committedBefore) {
            store.deleteChargeLines(period, revision, firstLineId, lastLineId);
        }
    }

    @Override
    public void write(Chunk<? extends InvoiceLine> chunk) {
        store.insertInvoiceLines(period, revision, chunk.getItems());
        faults.afterChunkWritten();
    }
}
