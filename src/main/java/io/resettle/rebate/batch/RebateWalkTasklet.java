package io.resettle.rebate.batch;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * {@code computeRebates}' transactions: each takes up to {@code linesPerTransaction} lines from the
 * fiscal year's cursor and feeds each to the walks as it is read, then appends their slices to the
 * journal. A chunk-oriented step would hold all of a transaction's lines until its writer ran: at
 * 50,000 lines they outlived the young generation beside priceLines, and the collector copied them
 * over and over (issue 20). The step saves the reader's count and the walks after every transaction
 * and commits, as it does a chunk's; a restart resumes from the last commit.
 */
class RebateWalkTasklet implements Tasklet, ItemStream {

    private final ItemStreamReader<ComputeRebatesStepConfig.ScopedLine> lines;
    private final GraduatedWalkWriter walks;
    private final int linesPerTransaction;

    RebateWalkTasklet(ItemStreamReader<ComputeRebatesStepConfig.ScopedLine> lines, GraduatedWalkWriter walks,
            int linesPerTransaction) {
        this.lines = lines;
        this.walks = walks;
        this.linesPerTransaction = linesPerTransaction;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        int walked = 0;
        boolean more = true;
        while (walked < linesPerTransaction) {
            ComputeRebatesStepConfig.ScopedLine line = lines.read();
            if (line == null) {
                more = false;
                break;
            }
            contribution.incrementReadCount();
            walks.walk(line);
            walked++;
        }
        if (walked > 0) {
            walks.endChunk();
        }
        contribution.incrementWriteCount(walked);
        return more ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
    }

    @Override
    public void open(ExecutionContext context) {
        lines.open(context);
        walks.open(context);
    }

    @Override
    public void update(ExecutionContext context) {
        lines.update(context);
        walks.update(context);
    }

    @Override
    public void close() {
        try {
            lines.close();
        } finally {
            walks.close();
        }
    }
}
