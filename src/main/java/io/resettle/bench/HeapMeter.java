package io.resettle.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Peak heap of one phase: the heap pools' own peaks (reset between phases) and, sampled every
 * 20 ms, the largest heap in use after a collection (the live set, which is what must not grow
 * with the number of lines; the pool peaks also count garbage not yet collected).
 */
final class HeapMeter implements AutoCloseable {

    private static final long MB = 1024 * 1024;

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final Thread sampler;
    private volatile long maxAfterGc;
    private volatile boolean running = true;

    HeapMeter() {
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts a phase: forgets the peaks of the previous one. */
    void reset() {
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        maxAfterGc = 0;
    }

    /** The heap pools' peaks added up, in MiB, since {@link #reset()}. */
    long peakMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            peak += pool.getPeakUsage().getUsed();
        }
        return peak / MB;
    }

    /** The largest heap in use just after a collection, in MiB, since {@link #reset()}. */
    long liveMb() {
        sample();
        return maxAfterGc / MB;
    }

    private void sample() {
        long afterGc = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            var usage = pool.getCollectionUsage();
            afterGc += usage == null ? 0 : usage.getUsed();
        }
        if (afterGc > maxAfterGc) {
            maxAfterGc = afterGc;
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
