package io.resettle.web;

import io.resettle.run.RefusedException;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs an action and appends what came of it to the {@link AuditLog}. What the job repository or
 * the runner refuses becomes a {@link AuditLog.Outcome#REFUSED} result with a readable message;
 * nothing is rethrown, so no page ever shows a stack trace.
 */
@Component
public class AuditedActions {

    private static final Logger log = LoggerFactory.getLogger(AuditedActions.class);

    /** What an action came to: its outcome, a message for the user, and the job execution it started, if any. */
    public record Result(AuditLog.Outcome outcome, String message, Long executionId) {
        public boolean ok() {
            return outcome == AuditLog.Outcome.OK;
        }
    }

    private final AuditLog auditLog;

    public AuditedActions(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /** Runs {@code body}; it returns the execution id it started or worked on, or null. */
    public Result run(String user, String action, String parameters, Callable<Long> body) {
        Result result;
        try {
            Long executionId = body.call();
            result = new Result(AuditLog.Outcome.OK, executionId == null ? "done" : "execution " + executionId, executionId);
        } catch (Exception e) {
            if (isRefusal(e)) {
                result = new Result(AuditLog.Outcome.REFUSED, message(e), null);
            } else {
                log.error("{} {} by {} failed", action, parameters, user, e);
                result = new Result(AuditLog.Outcome.FAILED, e.getClass().getSimpleName() + ": " + message(e), null);
            }
        }
        auditLog.append(user, action, parameters, result.outcome(), result.message());
        return result;
    }

    /** Refusals: the runner's own, bad input, and every checked exception of Spring Batch's launch API. */
    static boolean isRefusal(Exception e) {
        return e instanceof RefusedException || e instanceof IllegalArgumentException
                || e.getClass().getName().startsWith("org.springframework.batch.");
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
