package io.resettle.bench;

import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Heap of one phase. Peak: the heap pools' own peaks (reset between phases); it counts garbage not
 * yet collected, so it follows {@code -Xmx} more than the data. Live: the heap in use right after a
 * full collection, forced every {@value #PROBE_SECONDS} seconds and at the end of the phase: the
 * objects the job really holds, which is what must not grow with the number of lines. It is the
 * collector's own figure for the heap after that collection: the heap's usage read a moment later
 * also counts what the job's threads allocated since, and a young collection right after the full
 * one what it promoted, tens of MiB while the partitions run. (The pools' usage after an ordinary
 * young collection also counts old-generation garbage, and grew with the run's length, not with
 * what the job holds.) It is a sample: objects held for less than the probe interval can be missed,
 * so it is a lower bound and the after-any-collection figure an upper one. Each forced collection
 * pauses the JVM (0.1–0.6 s at a million lines) inside the measured phases, which a real run never
 * does, and costs Resettle, with its larger heap, more than the baseline: hence one every
 * {@value #PROBE_SECONDS} s, not more often (docs/performance.md). A 10M-line run still gets a
 * dozen probes; a 1M-line run's phases get one or none besides their end's. With
 * {@code -XX:+DisableExplicitGC} they do not happen and the figure means nothing.
 */
final class HeapMeter implements AutoCloseable {

    private static final long MB = 1024 * 1024;
    static final int PROBE_SECONDS = 30;

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final Thread prober;
    private volatile long maxLive;
    private volatile boolean running = true;

    HeapMeter() {
        prober = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(PROBE_SECONDS * 1000L);
                } catch (InterruptedException e) {
                    return;
                }
                probe();
            }
        }, "heap-meter");
        prober.setDaemon(true);
        prober.start();
    }

    /** Starts a phase: forgets the peaks of the previous one. */
    synchronized void reset() {
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        maxLive = 0;
    }

    /** The heap pools' peaks added up, in MiB, since {@link #reset()}. */
    long peakMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            peak += pool.getPeakUsage().getUsed();
        }
        return peak / MB;
    }

    /** The largest heap in use right after a forced full collection, in MiB, since {@link #reset()}. */
    long liveMb() {
        probe();
        return maxLive / MB;
    }

    private synchronized void probe() {
        long[] before = collectionCounts();
        System.gc();
        long used = heapAfterForcedCollection(before);
        if (used < 0) {
            // no collector reports what it left (another JVM, or the collection did not happen)
            used = memory.getHeapMemoryUsage().getUsed();
        }
        if (used > maxLive) {
            maxLive = used;
        }
    }

    private long[] collectionCounts() {
        return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).toArray();
    }

    /**
     * The heap in use after the forced collection, as its collector reports it: the least that any
     * collector that ran since {@code before} left, -1 if none reports it. The least, because each
     * collector keeps only its last collection: a young one that ran just after the full one (a
     * partition that ran out of eden while the full one stopped it) left the old generation's
     * garbage and what it promoted besides what is live, and the young one the parallel collector
     * runs before a forced full one left the old generation's garbage.
     */
    long heapAfterForcedCollection(long[] before) {
        long least = -1;
        for (int i = 0; i < collectors.size(); i++) {
            if (collectors.get(i).getCollectionCount() > before[i]
                    && collectors.get(i) instanceof com.sun.management.GarbageCollectorMXBean reporting) {
                GcInfo info = reporting.getLastGcInfo();
                if (info != null) {
                    long used = heapUsed(info);
                    least = least < 0 ? used : Math.min(least, used);
                }
            }
        }
        return least;
    }

    private long heapUsed(GcInfo info) {
        long used = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage after = info.getMemoryUsageAfterGc().get(pool.getName());
            if (after != null) {
                used += after.getUsed();
            }
        }
        return used;
    }

    @Override
    public void close() {
        running = false;
        prober.interrupt();
    }
}
