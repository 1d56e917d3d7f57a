package io.resettle.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's CPU seconds: the server's read from a /proc laid out as Linux lays it out, this JVM's from itself. */
class CpuMeterTest {

    @TempDir
    Path proc;

    /** A process (or, under a task folder, a thread) as /proc shows it: its name and its stat line. */
    private static void process(Path under, long pid, String comm, String name, long parent, long utime, long stime,
            long cutime, long cstime) throws Exception {
        Path folder = Files.createDirectories(under.resolve(Long.toString(pid)));
        Files.writeString(folder.resolve("comm"), comm + "\n");
        Files.writeString(folder.resolve("stat"), pid + " (" + name + ") S " + parent + " " + pid + " " + pid
                + " 0 -1 4194560 1200 0 0 0 " + utime + " " + stime + " " + cutime + " " + cstime
                + " 20 0 1 0 4242 228409344 4000 18446744073709551615 0 0 0 0 0 0 0 0 0\n");
    }

    @Test
    void theServersTimeIsItsPostmastersAndItsChildrensEachWithWhatItCollectedFromChildrenThatEnded() throws Exception {
        process(proc, 900, "postgres", "postgres", 1, 120, 30, 5000, 700); // the postmaster
        process(proc, 901, "postgres", "postgres: checkpointer ", 900, 10, 20, 0, 0);
        process(proc, 902, "postgres", "postgres: postgres resettle 127.0.0.1(5) COPY", 900, 400, 100, 7, 3);
        process(proc, 903, "postgres", "postgres: parallel worker for PID 902 (odd) name", 900, 50, 5, 0, 0);
        process(proc, 800, "postgres", "postgres", 1, 9_000, 9_000, 9_000, 9_000); // another cluster
        process(proc, 801, "postgres", "postgres: other cluster's backend", 800, 9_000, 9_000, 0, 0);
        process(proc, 950, "java", "java", 1, 100_000, 100_000, 0, 0); // not the server
        Files.createDirectories(proc.resolve("self"));

        assertThat(CpuMeter.postmasterOf(proc, 902)).isEqualTo(900);
        double seconds = new CpuMeter(proc, CpuMeter.postmasterOf(proc, 902)).postgresSeconds();

        // (120 + 30 + 5000 + 700) + (10 + 20) + (400 + 100 + 7 + 3) + (50 + 5) ticks of 1/100 s
        assertThat(seconds).isCloseTo(64.45, within(1e-9));
        assertThat(CpuMeter.processSeconds(proc, 902)).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void aServerWhoseBackendIsNotAPostgresProcessHereIsNotMeasured() throws Exception {
        process(proc, 950, "java", "java", 1, 100, 100, 0, 0);

        assertThat(CpuMeter.postmasterOf(proc, 950)).as("a pid of another namespace that is some other process here")
                .isEqualTo(-1);
        assertThat(CpuMeter.postmasterOf(proc, 4242)).isEqualTo(-1);
        assertThat(new CpuMeter(proc, -1).postgresSeconds()).isNaN();
        assertThat(new CpuMeter(proc, 4242).postgresSeconds()).as("the postmaster gone").isNaN();
        assertThat(new CpuMeter(proc.resolve("missing"), 900).postgresSeconds()).isNaN();
        assertThat(CpuMeter.processSeconds(proc, 950)).isNaN();
    }

    @Test
    void theJitsTimeIsItsCompilerThreadsOwn() throws Exception {
        Path task = proc.resolve("self").resolve("task");
        process(task, 11, "C2 CompilerThre", "C2 CompilerThre", 10, 700, 12, 0, 0);
        process(task, 12, "C1 CompilerThre", "C1 CompilerThre", 10, 90, 3, 0, 0);
        process(task, 13, "main", "main", 10, 5000, 50, 0, 0);
        process(task, 14, "GC Thread#0", "GC Thread#0", 10, 300, 1, 0, 0);

        assertThat(new CpuMeter(proc, -1).compilerSeconds()).isCloseTo(8.05, within(1e-9));
        assertThat(new CpuMeter(proc.resolve("missing"), -1).compilerSeconds()).isNaN();
    }

    @Test
    void thisJvmsTimeGrowsWithTheWorkItDoes() {
        CpuMeter meter = new CpuMeter(proc, -1);
        CpuMeter.Sample start = meter.sample();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 300_000_000L;
        long sum = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            sum += Long.numberOfTrailingZeros(sum + System.nanoTime());
        }
        CpuMeter.Sample used = meter.sample().minus(start);
        assertThat(sum).isPositive();
        assertThat(used.jvmSeconds()).as("at least this thread's 0.3 s").isGreaterThanOrEqualTo(0.29);
        assertThat(used.databaseSeconds()).isNaN();
        assertThat(used.plus(used).jvmSeconds()).isEqualTo(2 * used.jvmSeconds());
    }

    @Test
    void theYoungCollectionsPausesAreThoseOfThisJvmsYoungCollectorAndOnlyGrow() {
        var young = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(collector -> Set.of("PS Scavenge", "G1 Young Generation", "Copy").contains(collector.getName()))
                .findFirst().orElseThrow(() -> new AssertionError("the tests run under a collector with a young one"));
        double before = CpuMeter.youngGcPauseSeconds();
        long collections = young.getCollectionCount();
        long allocated = 0;
        // Short-lived arrays, enough to fill the young generation at least once at any test heap size.
        while (young.getCollectionCount() == collections && allocated < (8L << 30)) {
            byte[] garbage = new byte[1 << 20];
            allocated += garbage.length + garbage[garbage.length - 1];
        }

        assertThat(young.getCollectionCount()).isGreaterThan(collections);
        double pausedSoFar = young.getCollectionTime() / 1000.0;
        assertThat(CpuMeter.youngGcPauseSeconds()).isFinite().isGreaterThanOrEqualTo(before)
                .isGreaterThanOrEqualTo(pausedSoFar);
    }
}
