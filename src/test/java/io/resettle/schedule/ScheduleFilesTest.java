package io.resettle.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The project's own jobs/*.yml: nightly ingest and forecast, monthly settle on the 4th. */
class ScheduleFilesTest {

    @Test
    void theShippedSchedulesParse() throws Exception {
        List<Schedule> schedules = ScheduleFiles.read(Path.of("jobs"));
        assertThat(schedules).extracting(Schedule::name, Schedule::job, Schedule::cron, s -> s.period().text())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("monthly-settle", "settle", "0 0 6 4 * *", "previous-month"),
                        org.assertj.core.groups.Tuple.tuple("nightly-forecast", "forecast", "0 0 4 * * *", "current-month"),
                        org.assertj.core.groups.Tuple.tuple("nightly-ingest", "ingest", "0 30 2 * * *", "current-month"));
        assertThat(schedules).allSatisfy(s -> assertThat(s.zone()).isEqualTo(ZoneId.of("Asia/Shanghai")));
    }
}
