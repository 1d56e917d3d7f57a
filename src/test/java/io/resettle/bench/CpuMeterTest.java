package io.resettle.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
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
    void theServersTimeIsItsProcessesOwnPlusWhatThePostmasterCollectedFromThoseThatEnded() throws Exception {
        process(proc, 900, "postgres", "postgres", 1, 120, 30, 5000, 700); // the postmaster: its children's time counts
        process(proc, 901, "postgres", "postgres: checkpointer ", 900, 10, 20, 0, 0);
        process(proc, 902, "postgres", "postgres: postgres resettle 127.0.0.1(5) idle", 900, 400, 100, 0, 0);
        process(proc, 903, "postgres", "postgres: parallel worker for PID 902 (odd) name", 900, 50, 5, 99, 99);
        process(proc, 950, "java", "java", 1, 100_000, 100_000, 0, 0); // not the server
        Files.createDirectories(proc.resolve("self"));

        double seconds = new CpuMeter(proc, true).postgresSeconds();

        // (120 + 30 + 5000 + 700) + (10 + 20) + (400 + 100) + (50 + 5) ticks of 1/100 s
        assertThat(seconds).isCloseTo(64.35, within(1e-9));
    }

    @Test
    void theJitsTimeIsItsCompilerThreadsOwn() throws Exception {
        Path task = proc.resolve("self").resolve("task");
        process(task, 11, "C2 CompilerThre", "C2 CompilerThre", 10, 700, 12, 0, 0);
        process(task, 12, "C1 CompilerThre", "C1 CompilerThre", 10, 90, 3, 0, 0);
        process(task, 13, "main", "main", 10, 5000, 50, 0, 0);
        process(task, 14, "GC Thread#0", "GC Thread#0", 10, 300, 1, 0, 0);

        assertThat(new CpuMeter(proc, false).compilerSeconds()).isCloseTo(8.05, within(1e-9));
        assertThat(new CpuMeter(proc.resolve("missing"), false).compilerSeconds()).isNaN();
    }

    @Test
    void aServerOnAnotherMachineOrWithoutProcIsNotMeasured() {
        assertThat(CpuMeter.host("jdbc:postgresql://127.0.0.1:5432/db?user=postgres")).isEqualTo("127.0.0.1");
        assertThat(CpuMeter.host("jdbc:postgresql://db.example.com/db")).isEqualTo("db.example.com");
        assertThat(CpuMeter.host("jdbc:postgresql://[::1]:5432/db")).isEqualTo("[::1]");
        assertThat(CpuMeter.host("jdbc:postgresql:resettle")).isEqualTo("localhost");
        assertThat(CpuMeter.host("jdbc:h2:file:./data/resettle")).isEmpty();
        assertThat(CpuMeter.host("jdbc:postgresql://a:5432,b:5432/db")).isEmpty();
        assertThat(CpuMeter.forDatabase("jdbc:postgresql://db.example.com/db").sample().databaseSeconds()).isNaN();
        assertThat(new CpuMeter(proc.resolve("missing"), true).postgresSeconds()).isNaN();
    }

    @Test
    void thisJvmsTimeGrowsWithTheWorkItDoes() {
        CpuMeter meter = new CpuMeter(proc, false);
        CpuMeter.Sample start = meter.sample();
        long sum = 0;
        long until = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < until) {
            sum += Long.numberOfTrailingZeros(sum + System.nanoTime());
        }
        CpuMeter.Sample used = meter.sample().minus(start);
        assertThat(sum).isPositive();
        assertThat(used.jvmSeconds()).isGreaterThan(0.2);
        assertThat(used.databaseSeconds()).isNaN();
        assertThat(used.plus(used).jvmSeconds()).isEqualTo(2 * used.jvmSeconds());
        assertThat(CpuMeter.processSeconds(ProcessHandle.current().pid())).as("this process, as bench --workers reads"
                + " a server process").isGreaterThan(0.2);
        assertThat(CpuMeter.processSeconds(-1)).isNaN();
    }
}
