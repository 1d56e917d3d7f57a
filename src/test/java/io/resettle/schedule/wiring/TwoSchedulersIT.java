package io.resettle.schedule.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.ResettleApplication;
import io.resettle.schedule.ScheduleFiles;
import io.resettle.schedule.Schedule;
import io.resettle.support.Sql;
import io.resettle.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two {@code resettle serve} schedulers on one PostgreSQL database firing the same schedule at the
 * same moment start one run: ShedLock's lock row lets only one of them launch (issue 5).
 */
class TwoSchedulersIT {

    @TempDir
    Path temp;

    @Test
    void twoInstancesFiringTogetherStartOneRun() throws Exception {
        String db = TestDatabases.newPostgres();
        Path jobs = Files.createDirectories(temp.resolve("jobs"));
        Files.writeString(jobs.resolve("nightly-ingest.yml"), """
                job: ingest
                cron: "0 0 0 1 1 *"
                period: 2026-10
                """);
        Files.writeString(jobs.resolve("monthly-settle.yml"), """
                job: settle
                cron: "0 0 0 1 1 *"
                period: previous-month
                """);
        Map<String, Object> properties = Map.of("spring.datasource.url", db, "resettle.scheduler.enabled", "true",
                "resettle.schedules.dir", jobs.toString(), "resettle.data", Path.of("src/test/resources/datasets/basic").toAbsolutePath().toString(),
                "resettle.out", temp.resolve("out").toString());
        List<ConfigurableApplicationContext> instances = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 2; i++) {
                instances.add(new SpringApplicationBuilder(ResettleApplication.class).web(WebApplicationType.NONE)
                        .properties(properties).logStartupInfo(false).run());
            }
            Schedule ingest = ScheduleFiles.read(jobs).stream().filter(s -> s.job().equals("ingest")).findFirst().orElseThrow();
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<Boolean>> fired = new ArrayList<>();
            for (ConfigurableApplicationContext instance : instances) {
                ScheduledLaunches launches = instance.getBean(ScheduledLaunches.class);
                fired.add(threads.submit(() -> {
                    together.await();
                    return launches.fire(ingest);
                }));
            }
            assertThat(List.of(fired.get(0).get(), fired.get(1).get())).containsExactlyInAnyOrder(true, false);
            assertThat(Sql.value(db, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isEqualTo("1");
            assertThat(Sql.value(db, "SELECT STATUS FROM BATCH_JOB_EXECUTION")).isEqualTo("COMPLETED");
            assertThat(Sql.rows(db, "SELECT username, action, outcome FROM audit_log"))
                    .containsExactly(List.of("scheduler", "ingest", "OK"));

            Schedule settle = ScheduleFiles.read(jobs).stream().filter(s -> s.job().equals("settle")).findFirst().orElseThrow();
            CyclicBarrier again = new CyclicBarrier(2);
            List<Future<Boolean>> settles = new ArrayList<>();
            for (ConfigurableApplicationContext instance : instances) {
                ScheduledLaunches launches = instance.getBean(ScheduledLaunches.class);
                settles.add(threads.submit(() -> {
                    again.await();
                    return launches.fire(settle);
                }));
            }
            assertThat(List.of(settles.get(0).get(), settles.get(1).get())).containsExactlyInAnyOrder(true, false);
            assertThat(Sql.value(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'settle'")).isEqualTo("1");
        } finally {
            threads.shutdownNow();
            instances.forEach(ConfigurableApplicationContext::close);
        }
    }
}
