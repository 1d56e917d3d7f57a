package io.resettle.support;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * A progress line on the console for long steps: every {@code every} items read, looked at after
 * every chunk or tasklet transaction. One instance per step execution (step scope).
 */
public class ConsoleProgress implements StepExecutionListener, ChunkListener<Object, Object> {

    private final String label;
    private final long every;
    private StepExecution stepExecution;
    private long nextReport;
    private long startNanos;

    public ConsoleProgress(String label, long every) {
        this.label = label;
        this.every = every;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.stepExecution = stepExecution;
        this.nextReport = stepExecution.getReadCount() + every;
        this.startNanos = System.nanoTime();
    }

    @Override
    public void afterChunk(Chunk<Object> chunk) {
        report();
    }

    /**
     * A tasklet step's transaction calls this form (ingestExportFile, priceLinesRange: items
     * processed as read). Spring Batch 6 marks it for removal, while its TaskletStep still calls
     * only this one; when it goes, the tasklets will report their progress themselves.
     */
    @Override
    @SuppressWarnings("removal")
    public void afterChunk(ChunkContext context) {
        report();
    }

    private void report() {
        long read = stepExecution.getReadCount();
        if (read >= nextReport) {
            nextReport = read + every;
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            System.out.printf("  %s: %,d rows read (%,.0f rows/s)%n", label, read, read / Math.max(seconds, 1e-3));
        }
    }
}
