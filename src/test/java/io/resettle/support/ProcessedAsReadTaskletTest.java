package io.resettle.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;

/**
 * A real tasklet step running {@link ProcessedAsReadTasklet}: transactions of a fixed number of items
 * read, the processor's outputs written once per transaction, the counts a chunk step keeps, and a
 * failed run resumed from its last commit without an item written twice or lost.
 */
class ProcessedAsReadTaskletTest {

    private static final int ITEMS = 12;

    /** The numbers 1 to {@value #ITEMS}; its place is saved with every commit, as a cursor reader's count. */
    static final class Numbers implements ItemStreamReader<Integer> {
        private int next;

        @Override
        public void open(ExecutionContext context) {
            next = context.getInt("numbers.next", 1);
        }

        @Override
        public Integer read() {
            return next <= ITEMS ? next++ : null;
        }

        @Override
        public void update(ExecutionContext context) {
            context.putInt("numbers.next", next);
        }
    }

    /** Multiples of four are filtered out, as a processor returning null does. */
    private static final ItemProcessor<Integer, String> PROCESSOR = n -> n % 4 == 0 ? null : "p" + n;

    private final ResourcelessJobRepository repository = new ResourcelessJobRepository();

    private Step step(ItemWriter<String> writer) {
        ProcessedAsReadTasklet<Integer, String> tasklet = new ProcessedAsReadTasklet<>(new Numbers(), PROCESSOR,
                writer, 5);
        return new StepBuilder("numbers", repository).tasklet(tasklet, new ResourcelessTransactionManager())
                .stream(tasklet).build();
    }

    private StepExecution execution(ExecutionContext context) {
        JobInstance instance = repository.createJobInstance("job", new JobParameters());
        JobExecution job = repository.createJobExecution(instance, new JobParameters(), new ExecutionContext());
        StepExecution execution = repository.createStepExecution("numbers", job);
        execution.setExecutionContext(context);
        return execution;
    }

    @Test
    void eachTransactionReadsItsItemsAndWritesWhatTheProcessorMadeOfThem() throws Exception {
        List<List<String>> written = new ArrayList<>();
        StepExecution execution = execution(new ExecutionContext());

        step(chunk -> written.add(List.copyOf(chunk.getItems()))).execute(execution);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(written).containsExactly(List.of("p1", "p2", "p3", "p5"), List.of("p6", "p7", "p9", "p10"),
                List.of("p11"));
        assertThat(execution.getReadCount()).isEqualTo(ITEMS);
        assertThat(execution.getFilterCount()).isEqualTo(3);
        assertThat(execution.getWriteCount()).isEqualTo(9);
        assertThat(execution.getCommitCount()).isEqualTo(3);
        assertThat(execution.getExecutionContext().getInt("numbers.next")).isEqualTo(ITEMS + 1);
    }

    @Test
    void aFailedTransactionLeavesTheLastCommitsPlaceAndARestartWritesEachItemOnce() throws Exception {
        List<String> written = new ArrayList<>();
        StepExecution failed = execution(new ExecutionContext());
        step(chunk -> {
            if (chunk.getItems().contains("p7")) {
                throw new IllegalStateException("the database went away");
            }
            written.addAll(chunk.getItems());
        }).execute(failed);

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getExecutionContext().getInt("numbers.next")).as("after the first commit").isEqualTo(6);

        StepExecution restarted = execution(new ExecutionContext(failed.getExecutionContext()));
        step(chunk -> written.addAll(chunk.getItems())).execute(restarted);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(written).containsExactly("p1", "p2", "p3", "p5", "p6", "p7", "p9", "p10", "p11");
    }
}
