package io.resettle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The bench's live heap, measured on this JVM's own collector. */
class HeapMeterTest {

    private static final int HELD_MB = 128;

    /** Held between the probes, so the collector cannot free it. */
    private static volatile byte[] held;

    @Test
    void liveHeapIsWhatTheCollectorLeftSoWhatIsHeldCountsAndWhatWasReleasedDoesNot() throws Exception {
        try (HeapMeter meter = new HeapMeter()) {
            meter.reset();
            held = new byte[HELD_MB * 1024 * 1024];
            long[] before = ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionCount).toArray();
            long withHeld = meter.liveMb();
            assertThat(meter.heapAfterForcedCollection(before))
                    .as("this JVM's collector reports the heap it left")
                    .isGreaterThanOrEqualTo((long) HELD_MB * 1024 * 1024);
            assertThat(withHeld).isGreaterThanOrEqualTo(HELD_MB);

            held = null;
            meter.reset();
            long withoutHeld = meter.liveMb();
            assertThat(withoutHeld).isLessThanOrEqualTo(withHeld - HELD_MB + 8);
        }
    }
}
