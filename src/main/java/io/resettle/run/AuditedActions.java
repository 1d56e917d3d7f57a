package io.resettle.run;

import io.resettle.support.RefusedException;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * Runs an action and appends what came of it to the {@link AuditLog}. What the job repository or
 * the runner refuses becomes a {@link AuditLog.Outcome#REFUSED} result with a readable message;
 * nothing is rethrown, so no page ever shows a stack trace.
 */
@Component
public class AuditedActions {

    private static final Logger log = LoggerFactory.getLogger(AuditedActions.class);

    /**
     * What an action came to: its outcome, its message in English (as the audit log keeps it), the
     * job execution it started, if any, and the message as a key for the page's language.
     */
    public record Result(AuditLog.Outcome outcome, String message, Long executionId, MessageSourceResolvable shown) {
        public boolean ok() {
            return outcome == AuditLog.Outcome.OK;
        }
    }

    private final AuditLog auditLog;
    private final RefusalMessages refusals;

    AuditedActions(AuditLog auditLog, RefusalMessages refusals) {
        this.auditLog = auditLog;
        this.refusals = refusals;
    }

    /** Runs {@code body}; it returns the execution id it started or worked on, or null. */
    public Result run(String user, String action, String parameters, Callable<Long> body) {
        Result result;
        try {
            Long executionId = body.call();
            MessageSourceResolvable shown = executionId == null
                    ? new DefaultMessageSourceResolvable(new String[] {"outcome.done"}, "done")
                    : new DefaultMessageSourceResolvable(new String[] {"outcome.execution"}, new Object[] {String.valueOf(executionId)},
                            "execution " + executionId);
            result = new Result(AuditLog.Outcome.OK, refusals.english(shown), executionId, shown);
        } catch (Exception e) {
            if (isRefusal(e)) {
                MessageSourceResolvable shown = refusals.of(e);
                result = new Result(AuditLog.Outcome.REFUSED, refusals.english(shown), null, shown);
            } else {
                log.error("{} {} by {} failed", action, parameters, user, e);
                String text = e.getClass().getSimpleName() + ": " + message(e);
                result = new Result(AuditLog.Outcome.FAILED, text, null, new DefaultMessageSourceResolvable(
                        new String[] {"outcome.failedSeeLog"}, new Object[] {text}, text));
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
