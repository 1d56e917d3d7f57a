package io.resettle.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.function.Predicate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU seconds of a phase: this JVM's (every thread, the JIT compilers' and the collector's
 * included), the JIT compiler threads' alone, and, when PostgreSQL runs on this machine, the
 * server's.
 * Wall time on a shared 2-core machine moves by several seconds between runs of the same build;
 * CPU time is the work done, and compares builds where wall time cannot (docs/performance.md).
 *
 * <p>The server's time is read from /proc (Linux): every {@code postgres} process's own time, plus
 * what the postmaster collected from the processes that ended (a backend whose connection closed,
 * a parallel worker). It is the whole server's, so nothing else may use it during a run, as for
 * the wall times. Elsewhere, or for a server on another machine, it is unknown (NaN).
 */
final class CpuMeter {

    /** Linux's USER_HZ: /proc gives times in hundredths of a second on every architecture Java runs on. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    /** CPU seconds used so far; {@link #minus} gives a phase's. */
    record Sample(double jvmSeconds, double compileSeconds, double databaseSeconds) {
        Sample minus(Sample start) {
            return new Sample(jvmSeconds - start.jvmSeconds, compileSeconds - start.compileSeconds,
                    databaseSeconds - start.databaseSeconds);
        }

        Sample plus(Sample other) {
            return new Sample(jvmSeconds + other.jvmSeconds, compileSeconds + other.compileSeconds,
                    databaseSeconds + other.databaseSeconds);
        }
    }

    private final Path proc;
    private final boolean databaseLocal;

    CpuMeter(Path proc, boolean databaseLocal) {
        this.proc = proc;
        this.databaseLocal = databaseLocal;
    }

    /** A meter for the database at {@code jdbcUrl}: its server's time is read only if it runs here. */
    static CpuMeter forDatabase(String jdbcUrl) {
        Path proc = Path.of("/proc");
        return new CpuMeter(proc, Files.isDirectory(proc) && LOCAL_HOSTS.contains(host(jdbcUrl)));
    }

    Sample sample() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        double jvm = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
        return new Sample(jvm, compilerSeconds(), databaseLocal ? postgresSeconds() : Double.NaN);
    }

    /**
     * The JIT compiler threads' user and system time, from /proc/self/task (NaN without it). A
     * compiler thread that the JVM stopped is no longer counted (a lower bound, on machines with
     * more cores than two, where HotSpot starts and stops extra ones).
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
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks / TICKS_PER_SECOND;
    }

    /**
     * Every postgres process's user and system time, and the postmaster's children's that ended; NaN
     * if /proc cannot be read. The postmaster is the postgres process whose parent is not one.
     */
    double postgresSeconds() {
        Map<Long, long[]> postgres = new HashMap<>();
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long[] times = times(entry, "postgres"::equals);
                if (times != null) {
                    postgres.put(Long.parseLong(name), times);
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        long ticks = 0;
        for (long[] times : postgres.values()) {
            ticks += times[1] + times[2];
            if (!postgres.containsKey(times[0])) {
                ticks += times[3] + times[4];
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** One process's user and system time (a server process on this machine), or NaN if it cannot be read. */
    static double processSeconds(long pid) {
        long[] times = times(Path.of("/proc", Long.toString(pid)), name -> true);
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

    /**
     * The host of a {@code jdbc:postgresql://host:port/db} URL; "localhost" if it names none (pgjdbc's
     * default), "" if it names several or is not PostgreSQL's.
     */
    static String host(String jdbcUrl) {
        String prefix = "jdbc:postgresql:";
        if (!jdbcUrl.startsWith(prefix)) {
            return "";
        }
        String rest = jdbcUrl.substring(prefix.length());
        if (!rest.startsWith("//")) {
            return "localhost";
        }
        String authority = rest.substring(2).split("[/?]", 2)[0];
        if (authority.contains(",")) {
            return "";
        }
        if (authority.isEmpty()) {
            return "localhost";
        }
        if (authority.startsWith("[")) {
            return authority.substring(0, authority.indexOf(']') + 1);
        }
        return authority.split(":", 2)[0];
    }
}
