package io.resettle.pricing.batch;

import io.resettle.pricing.InvoiceLine;
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
 * A priceLines partition's transactions: each reads up to {@code linesPerTransaction} billing lines
 * from the range's cursor, prices each as it is read and writes the invoice lines. Only the invoice
 * lines wait for the write, not the billing lines they came from: a chunk-oriented step held both
 * (a few times the bytes), and beside the walk the collector copied them from one young collection
 * to the next (issue 20). The step saves the reader's count after every transaction and commits, as
 * it does a chunk's; a restart resumes from the last commit. One instance serves every partition's
 * thread: it keeps nothing between calls, and the reader and pricer resolve each thread's own
 * step-scoped targets.
 */
class PriceLinesTasklet implements Tasklet, ItemStream {

    private final ItemStreamReader<PeriodLine> lines;
    private final ItemProcessor<PeriodLine, InvoiceLine> pricer;
    private final ItemWriter<InvoiceLine> invoiceLines;
    private final int linesPerTransaction;

    PriceLinesTasklet(ItemStreamReader<PeriodLine> lines, ItemProcessor<PeriodLine, InvoiceLine> pricer,
            ItemWriter<InvoiceLine> invoiceLines, int linesPerTransaction) {
        this.lines = lines;
        this.pricer = pricer;
        this.invoiceLines = invoiceLines;
        this.linesPerTransaction = linesPerTransaction;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        List<InvoiceLine> priced = new ArrayList<>(linesPerTransaction);
        boolean more = true;
        for (int read = 0; read < linesPerTransaction; read++) {
            PeriodLine line = lines.read();
            if (line == null) {
                more = false;
                break;
            }
            contribution.incrementReadCount();
            priced.add(pricer.process(line));
        }
        if (!priced.isEmpty()) {
            invoiceLines.write(new Chunk<>(priced));
        }
        contribution.incrementWriteCount(priced.size());
        return more ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
    }

    @Override
    public void open(ExecutionContext context) {
        lines.open(context);
    }

    @Override
    public void update(ExecutionContext context) {
        lines.update(context);
    }

    @Override
    public void close() {
        lines.close();
    }
}
