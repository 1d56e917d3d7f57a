package io.resettle.schedule.wiring;

import io.resettle.run.AuditLog;
import io.resettle.run.AuditedActions;
import io.resettle.run.PeriodActions;
import io.resettle.schedule.Schedule;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires a schedule: under a ShedLock lock named after the schedule, so that of several
 * {@code resettle serve} instances firing at the same moment only one launches. The lock is held
 * at least {@code lockAtLeastFor}, longer than the clocks of the instances differ. The job
 * repository's refusal of a second running launch stays as the second line of defence.
 */
public class ScheduledLaunches {

    private static final Logger log = LoggerFactory.getLogger(ScheduledLaunches.class);
    static final String USER = "scheduler";

    private final PeriodActions actions;
    private final AuditedActions audited;
    private final AuditLog auditLog;
    private final LockingTaskExecutor locks;
    private final Set<String> jobNames;
    private final Clock clock;
    private final Duration lockAtLeastFor;
    private final Duration lockAtMostFor;

    public ScheduledLaunches(PeriodActions actions, AuditedActions audited, AuditLog auditLog, LockProvider lockProvider,
            Set<String> jobNames, Clock clock, Duration lockAtLeastFor, Duration lockAtMostFor) {
        this.actions = actions;
        this.audited = audited;
        this.auditLog = auditLog;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
        this.jobNames = jobNames;
        this.clock = clock;
        this.lockAtLeastFor = lockAtLeastFor;
        this.lockAtMostFor = lockAtMostFor;
    }

    /** Returns true when this instance got the lock and tried the launch. */
    public boolean fire(Schedule schedule) {
        if (!jobNames.contains(schedule.job())) {
            log.warn("schedule {}: job '{}' does not exist in this build; skipped", schedule.name(), schedule.job());
            return false;
        }
        LockingTaskExecutor.TaskResult<Boolean> result;
        try {
            result = locks.executeWithLock(() -> {
                launch(schedule);
                return Boolean.TRUE;
            }, new LockConfiguration(clock.instant(), "schedule-" + schedule.name(), lockAtMostFor, lockAtLeastFor));
        } catch (Throwable e) {
            log.error("schedule {} failed", schedule.name(), e);
            return false;
        }
        if (!result.wasExecuted()) {
            log.info("schedule {}: another instance holds its lock; not launched here", schedule.name());
        }
        return result.wasExecuted();
    }

    private void launch(Schedule schedule) {
        YearMonth period = schedule.period().resolve(LocalDate.now(clock.withZone(schedule.zone())));
        String parameters = "period=" + period + " schedule=" + schedule.name();
        AuditedActions.Result result = switch (schedule.job()) {
            case "ingest" -> audited.run(USER, "ingest", parameters, () -> actions.launchIngest(period));
            case "settle" -> audited.run(USER, "settle", parameters, () -> actions.launchSettle(period));
            case "forecast" -> audited.run(USER, "forecast", parameters, () -> actions.launchForecast(period));
            default -> {
                log.warn("schedule {}: no launcher for job '{}' in this build; skipped", schedule.name(), schedule.job());
                auditLog.append(USER, schedule.job(), parameters, AuditLog.Outcome.SKIPPED,
                        "no launcher for job " + schedule.job() + " in this build");
                yield null;
            }
        };
        if (result != null) {
            log.info("schedule {}: {} {}", schedule.name(), result.outcome(), result.message());
        }
    }
}
