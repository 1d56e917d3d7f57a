package io.resettle.schedule;

import java.time.ZoneId;

/**
 * One schedule of {@code jobs/*.yml}: which job, when (a Spring cron expression with seconds, in
 * {@code zone}), and which period it runs for.
 */
public record Schedule(String name, String job, String cron, PeriodExpression period, ZoneId zone) {
}
