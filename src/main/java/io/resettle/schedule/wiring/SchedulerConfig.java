package io.resettle.schedule.wiring;

import io.resettle.run.AuditLog;
import io.resettle.run.AuditedActions;
import io.resettle.run.PeriodActions;
import io.resettle.schedule.Schedule;
import io.resettle.schedule.ScheduleFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;

/**
 * The scheduler of {@code resettle serve}: the schedules of {@code jobs/*.yml}
 * ({@code resettle.schedules.dir}), fired through {@link ScheduledLaunches} under ShedLock's JDBC
 * lock (table {@code shedlock}, Flyway V21). On only with {@code resettle.scheduler.enabled=true}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "resettle.scheduler.enabled", havingValue = "true")
class SchedulerConfig implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SchedulerConfig.class);

    private final List<Schedule> schedules;
    private final ScheduledLaunches launches;

    SchedulerConfig(@Value("${resettle.schedules.dir:jobs}") String folder, PeriodActions actions,
            AuditedActions audited, AuditLog auditLog, DataSource dataSource, List<Job> jobs,
            @Value("${resettle.schedules.lock-at-least-for:PT1M}") Duration lockAtLeastFor,
            @Value("${resettle.schedules.lock-at-most-for:PT30M}") Duration lockAtMostFor) throws IOException {
        this.schedules = ScheduleFiles.read(Path.of(folder));
        Set<String> jobNames = jobs.stream().map(Job::getName).collect(Collectors.toSet());
        this.launches = new ScheduledLaunches(actions, audited, auditLog, lockProvider(dataSource), jobNames,
                Clock.systemUTC(), lockAtLeastFor, lockAtMostFor);
        if (schedules.isEmpty()) {
            log.warn("no schedules under {}", Path.of(folder).toAbsolutePath());
        }
        for (Schedule schedule : schedules) {
            if (!jobNames.contains(schedule.job())) {
                log.warn("schedule {}: job '{}' does not exist in this build; it will be skipped", schedule.name(),
                        schedule.job());
            }
        }
    }

    /** Lock times come from the database's clock, so that instances with skewed clocks agree. */
    private static LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock")
                .usingDbTime()
                .build());
    }

    @Bean
    ScheduledLaunches scheduledLaunches() {
        return launches;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        for (Schedule schedule : schedules) {
            registrar.addTriggerTask(() -> launches.fire(schedule),
                    new CronTrigger(schedule.cron(), java.util.TimeZone.getTimeZone(schedule.zone())));
            log.info("schedule {}: {} at '{}' ({}) for {}", schedule.name(), schedule.job(), schedule.cron(),
                    schedule.zone(), schedule.period().text());
        }
    }
}
