package io.resettle.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.aop.scope.ScopedObject;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

class StepScopedTargetsTest {

    /** Stands in for a scope proxy: every call on it looks the target up, as the step scope does. */
    static final class CountingProxy implements ItemStreamReader<String>, ItemProcessor<String, String>, ScopedObject {
        final AtomicInteger lookups = new AtomicInteger();
        final List<String> calls = new ArrayList<>();
        private final ThreadLocal<String> partition = ThreadLocal.withInitial(() -> "none");

        void runAs(String name) {
            partition.set(name);
        }

        @Override
        public Object getTargetObject() {
            lookups.incrementAndGet();
            String name = partition.get();
            return new ItemStreamReaderAndProcessor(name);
        }

        @Override
        public void removeFromScope() {
        }

        @Override
        public String read() {
            return "via proxy";
        }

        @Override
        public String process(String item) {
            return "via proxy " + item;
        }

        @Override
        public void open(ExecutionContext context) {
            calls.add("open");
        }

        @Override
        public void update(ExecutionContext context) {
            calls.add("update");
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    /** A partition's own reader and processor: reads its name five times, then ends. */
    static final class ItemStreamReaderAndProcessor implements ItemStreamReader<String>, ItemProcessor<String, String> {
        private final String name;
        private int left = 5;

        ItemStreamReaderAndProcessor(String name) {
            this.name = name;
        }

        @Override
        public String read() {
            return left-- > 0 ? name : null;
        }

        @Override
        public String process(String item) {
            return name + " " + item;
        }
    }

    @Test
    void aReaderCallsItsTargetFromOpenToCloseAndTheProxyOtherwise() throws Exception {
        CountingProxy proxy = new CountingProxy();
        ItemStreamReader<String> reader = StepScopedTargets.reader(proxy);
        proxy.runAs("range1");

        assertThat(reader.read()).isEqualTo("via proxy");
        reader.open(new ExecutionContext());
        List<String> read = List.of(reader.read(), reader.read(), reader.read());
        String otherThread = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.read();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get();
        reader.update(new ExecutionContext());
        reader.close();

        assertThat(read).containsOnly("range1");
        assertThat(proxy.lookups).hasValue(1);
        assertThat(otherThread).isEqualTo("via proxy");
        assertThat(proxy.calls).containsExactly("open", "update", "close");
        assertThat(reader.read()).isEqualTo("via proxy");
    }

    @Test
    void aRealChunkStepOpensTheReaderAndStartsTheProcessorSoEachItemSkipsTheProxy() throws Exception {
        CountingProxy proxy = new CountingProxy();
        proxy.runAs("range1");
        ResourcelessJobRepository repository = new ResourcelessJobRepository();
        List<String> written = new ArrayList<>();
        Step step = new StepBuilder("priceLinesRange", repository).<String, String>chunk(2)
                .transactionManager(new ResourcelessTransactionManager())
                .reader(StepScopedTargets.reader(proxy))
                .processor(StepScopedTargets.processor(proxy))
                .writer(chunk -> written.addAll(chunk.getItems()))
                .build();
        JobInstance instance = repository.createJobInstance("settle", new JobParameters());
        JobExecution job = repository.createJobExecution(instance, new JobParameters(), new ExecutionContext());
        StepExecution execution = repository.createStepExecution("priceLinesRange", job);

        step.execute(execution);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(written).hasSize(5).containsOnly("range1 range1");
        // one lookup when the reader opened, one when the step started the processor: none per item
        assertThat(proxy.lookups).hasValue(2);
    }

    @Test
    void eachStepExecutionOnEachThreadHasItsOwnProcessorTarget() throws Exception {
        CountingProxy proxy = new CountingProxy();
        StepScopedTargets.Processor<String, String> processor = StepScopedTargets.processor(proxy);
        StepExecution step = new StepExecution("priceLinesRange", new JobExecution(1L,
                new JobInstance(1L, "settle"), new JobParameters()));

        List<String> outputs = new ArrayList<>();
        for (String partition : List.of("range1", "range2")) {
            outputs.add(CompletableFuture.supplyAsync(() -> {
                proxy.runAs(partition);
                processor.beforeStep(step);
                try {
                    return processor.process("a") + "|" + processor.process("b");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    processor.afterStep(step);
                }
            }).get());
        }

        assertThat(outputs).containsExactly("range1 a|range1 b", "range2 a|range2 b");
        assertThat(proxy.lookups).hasValue(2);
        assertThat(processor.process("c")).isEqualTo("via proxy c");
    }
}
