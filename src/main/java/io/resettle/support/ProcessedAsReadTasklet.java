package io.resettle.support;

import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * A chunk-oriented step's work, with each item processed as it is read: a transaction reads up to
 * {@code itemsPerTransaction} items, keeps only what the processor made of them and hands that to
 * the writer. Spring Batch's chunk step keeps the items read until the chunk is written; at 5,000
 * rows a chunk on each of two threads those outlived the young generation and the collector copied
 * them from one collection to the next (issue 20, docs/performance.md). The step saves the reader's
 * state after every transaction and commits, as it does a chunk's; a restart resumes from the last
 * commit. No skip or retry: a failure fails the step, as the chunk steps here did.
 *
 * <p>One instance may serve the threads of every partition: it keeps nothing between calls. Give it
 * {@link StepScopedTargets}' reader and processor (register the processor as a listener too), so
 * that each thread reaches its own step's targets.
 */
public final class ProcessedAsReadTasklet<I, O> implements Tasklet, ItemStream {

    private final ItemStreamReader<I> reader;
    private final ItemProcessor<I, O> processor;
    private final ItemWriter<O> writer;
    private final int itemsPerTransaction;

    public ProcessedAsReadTasklet(ItemStreamReader<I> reader, ItemProcessor<I, O> processor, ItemWriter<O> writer,
            int itemsPerTransaction) {
        this.reader = reader;
        this.processor = processor;
        this.writer = writer;
        this.itemsPerTransaction = itemsPerTransaction;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        List<O> processed = new ArrayList<>(itemsPerTransaction);
        boolean more = true;
        for (int read = 0; read < itemsPerTransaction; read++) {
            I item = reader.read();
            if (item == null) {
                more = false;
                break;
            }
            contribution.incrementReadCount();
            O output = processor.process(item);
            if (output == null) {
                contribution.incrementFilterCount();
            } else {
                processed.add(output);
            }
        }
        if (!processed.isEmpty()) {
            writer.write(new Chunk<>(processed));
        }
        contribution.incrementWriteCount(processed.size());
        return more ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
    }

    @Override
    public void open(ExecutionContext context) {
        reader.open(context);
    }

    @Override
    public void update(ExecutionContext context) {
        reader.update(context);
    }

    @Override
    public void close() {
        reader.close();
    }
}
