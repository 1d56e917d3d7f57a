package io.resettle.support;

import org.springframework.aop.scope.ScopedObject;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A step-scoped reader or processor called directly on every item, not through its scope proxy. The
 * proxy looks its target up in the running step's scope on every call: at a million lines that
 * lookup took 8 % of ingest's and 23 % of priceLines' partition threads (docs/performance.md).
 * The target is resolved on the step's own thread when the step opens the reader or starts (the
 * processor, a listener), and forgotten when it closes or ends; on any other thread, or before
 * that, the call goes through the proxy as before. Each partition of a partitioned step runs on a
 * thread of its own, so each sees its own target.
 */
public final class StepScopedTargets {

    private StepScopedTargets() {
    }

    /** {@code proxy}'s target for every read; register the result as the step's reader (it is also its stream). */
    public static <T> ItemStreamReader<T> reader(ItemStreamReader<T> proxy) {
        return new Reader<>(proxy);
    }

    /**
     * {@code proxy}'s target for every item; register the result as the step's processor (the step
     * builder also registers it as a listener, which starts it).
     */
    public static <I, O> Processor<I, O> processor(ItemProcessor<I, O> proxy) {
        return new Processor<>(proxy);
    }

    @SuppressWarnings("unchecked")
    private static <T> T target(T proxy) {
        return proxy instanceof ScopedObject scoped ? (T) scoped.getTargetObject() : proxy;
    }

    private static final class Reader<T> implements ItemStreamReader<T> {

        private final ItemStreamReader<T> proxy;
        private final ThreadLocal<ItemStreamReader<T>> target = new ThreadLocal<>();

        Reader(ItemStreamReader<T> proxy) {
            this.proxy = proxy;
        }

        @Override
        public void open(ExecutionContext executionContext) {
            proxy.open(executionContext);
            target.set(target(proxy));
        }

        @Override
        public T read() throws Exception {
            ItemStreamReader<T> resolved = target.get();
            return (resolved != null ? resolved : proxy).read();
        }

        @Override
        public void update(ExecutionContext executionContext) {
            proxy.update(executionContext);
        }

        @Override
        public void close() {
            try {
                proxy.close();
            } finally {
                target.remove();
            }
        }
    }

    public static final class Processor<I, O> implements ItemProcessor<I, O>, StepExecutionListener {

        private final ItemProcessor<I, O> proxy;
        private final ThreadLocal<ItemProcessor<I, O>> target = new ThreadLocal<>();

        Processor(ItemProcessor<I, O> proxy) {
            this.proxy = proxy;
        }

        @Override
        public void beforeStep(StepExecution stepExecution) {
            target.set(target(proxy));
        }

        @Override
        public O process(I item) throws Exception {
            ItemProcessor<I, O> resolved = target.get();
            return (resolved != null ? resolved : proxy).process(item);
        }

        @Override
        public ExitStatus afterStep(StepExecution stepExecution) {
            target.remove();
            return null;
        }
    }
}
