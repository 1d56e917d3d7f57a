package io.resettle.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * CPU seconds of a phase: this JVM's (every thread, the JIT compilers' and the collector's
 * included), the JIT compiler threads' alone, and, when PostgreSQL runs on this machine, the
 * server's. Wall time on a shared 2-core machine moves by several seconds between runs of the same
 * build; CPU time is the work done, and compares builds where wall time cannot
 * (docs/performance.md).
 *
 * <p>The server is found by its process: the backend of one of the bench's connections
 * ({@code pg_backend_pid()}) must be a {@code postgres} process in this machine's /proc (Linux), and
 * its parent is the postmaster. The server's time is the postmaster's and its children's (backends,
 * parallel workers, background processes), each process's own time plus what it collected from its
 * children that ended, so a process that ends during a phase is still counted. Another cluster on
 * the machine is not counted; anything else using this one is, so nothing else may run during a
 * bench, as for the wall times. Without /proc, or for a server elsewhere (another machine, a
 * container, a tunnel), the time is unknown (NaN), never a guess.
 */
final class CpuMeter {

    /** Linux's USER_HZ: /proc gives times in hundredths of a second on every architecture Java runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** HotSpot's young collectors: the parallel collector's (the launcher's), G1's, the serial one's. */
    private static final Set<String> YOUNG_COLLECTORS = Set.of("PS Scavenge", "G1 Young Generation", "Copy");

    /**
     * CPU seconds used so far, and the wall seconds the young collections have stopped the JVM for
     * (every thread waits; what they copy is what the code holds while it allocates); {@link #minus}
     * gives a phase's.
     */
    record Sample(double jvmSeconds, double compileSeconds, double databaseSeconds, double youngGcPauseSeconds) {
        Sample(double jvmSeconds, double compileSeconds, double databaseSeconds) {
            this(jvmSeconds, compileSeconds, databaseSeconds, Double.NaN);
        }

        Sample minus(Sample start) {
            return new Sample(jvmSeconds - start.jvmSeconds, compileSeconds - start.compileSeconds,
                    databaseSeconds - start.databaseSeconds, youngGcPauseSeconds - start.youngGcPauseSeconds);
        }

        Sample plus(Sample other) {
            return new Sample(jvmSeconds + other.jvmSeconds, compileSeconds + other.compileSeconds,
                    databaseSeconds + other.databaseSeconds, youngGcPauseSeconds + other.youngGcPauseSeconds);
        }
    }

    private final Path proc;
    /** The server's postmaster in {@link #proc}, or -1: the server does not run here (or is not known to). */
    private final long postmaster;

    CpuMeter(Path proc, long postmaster) {
        this.proc = proc;
        this.postmaster = postmaster;
    }

    /** A meter for the server {@code jdbc} connects to: its time is read only if its processes are on this machine. */
    static CpuMeter forServer(JdbcTemplate jdbc) {
        Path proc = Path.of("/proc");
        long postmaster = -1;
        try {
            Long backend = jdbc.queryForObject("SELECT pg_backend_pid()", Long.class);
            postmaster = backend == null ? -1 : postmasterOf(proc, backend);
        } catch (RuntimeException e) {
            // not PostgreSQL, or not readable: the server's time stays unknown
        }
        return new CpuMeter(proc, postmaster);
    }

    /** The parent of the postgres process {@code backend} in {@code proc}, or -1 if there is no such process. */
    static long postmasterOf(Path proc, long backend) {
        long[] times = times(proc.resolve(Long.toString(backend)), "postgres"::equals);
        return times == null ? -1 : times[0];
    }

    Sample sample() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        double jvm = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
        return new Sample(jvm, compilerSeconds(), postgresSeconds(), youngGcPauseSeconds());
    }

    /**
     * The pauses of the young collections so far (their collectors' accumulated collection time),
     * NaN under a collector without a young one of these names. The bench's forced full collections
     * (HeapMeter) are not, but under the parallel collector each starts with a young collection
     * (ScavengeBeforeFullGC), which is: 0.02–0.08 s of a run at a million lines.
     */
    static double youngGcPauseSeconds() {
        long millis = 0;
        boolean found = false;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (YOUNG_COLLECTORS.contains(collector.getName())) {
                millis += collector.getCollectionTime();
                found = true;
            }
        }
        return found ? millis / 1000.0 : Double.NaN;
    }

    /**
     * The JIT compiler threads' user and system time, from /proc/self/task (NaN without it). A
     * compiler thread that the JVM stops takes its time with it: on machines with more than two
     * cores, where HotSpot starts and stops extra ones, a phase's figure can be low, even negative.
     */
    double compilerSeconds() {
        long ticks = 0;
        try (Stream<Path> threads = Files.list(proc.resolve("self").resolve("task"))) {
            for (Path thread : threads.toList()) {
                long[] times = times(thread, name -> name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre"));
                if (times != null) {
                    ticks += times[1] + times[2];
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return Double.NaN;
        }
        return ticks / TICKS_PER_SECOND;
    }

    /**
     * The postmaster's and its postgres children's user and system time, each with what it collected
     * from its own children that ended; NaN if the postmaster is not known or not found.
     */
    double postgresSeconds() {
        if (postmaster < 0) {
            return Double.NaN;
        }
        long ticks = 0;
        boolean found = false;
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                long[] times = times(entry, "postgres"::equals);
                if (times != null && (pid == postmaster || times[0] == postmaster)) {
                    ticks += times[1] + times[2] + times[3] + times[4];
                    found |= pid == postmaster;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return Double.NaN;
        }
        return found ? ticks / TICKS_PER_SECOND : Double.NaN;
    }

    /** A postgres process's user and system time (a server process on this machine), or NaN if there is none. */
    static double processSeconds(long pid) {
        return processSeconds(Path.of("/proc"), pid);
    }

    static double processSeconds(Path proc, long pid) {
        long[] times = times(proc.resolve(Long.toString(pid)), "postgres"::equals);
        return times == null ? Double.NaN : (times[1] + times[2]) / TICKS_PER_SECOND;
    }

    /**
     * {parent, utime, stime, cutime, cstime} of a process or thread whose name is {@code named}, or
     * null for another or one that ended while it was read. In /proc/[pid]/stat, after the name in
     * parentheses, come the state, the parent (field 4), and the times (fields 14 to 17).
     */
    private static long[] times(Path process, Predicate<String> named) {
        try {
            if (!named.test(Files.readString(process.resolve("comm")).strip())) {
                return null;
            }
            String stat = Files.readString(process.resolve("stat"));
            List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).strip().split(" "));
            return new long[] {Long.parseLong(fields.get(1)), Long.parseLong(fields.get(11)),
                    Long.parseLong(fields.get(12)), Long.parseLong(fields.get(13)), Long.parseLong(fields.get(14))};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
