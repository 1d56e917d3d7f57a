package io.resettle.web;

import io.resettle.run.AuditedActions;
import io.resettle.run.PeriodActions;
import io.resettle.run.Refusal;
import io.resettle.run.RefusalMessages;
import java.security.Principal;
import java.time.YearMonth;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Actions in two steps: GET shows what will happen and asks for confirmation, POST (with the CSRF
 * token) carries it out through {@link PeriodActions} and records it in the audit log. The roles
 * allowed per action are enforced by {@link SecurityConfig}.
 */
@Controller
class ActionController {

    private final PeriodActions actions;
    private final AuditedActions audited;
    private final RefusalMessages refusals;

    ActionController(PeriodActions actions, AuditedActions audited, RefusalMessages refusals) {
        this.actions = actions;
        this.audited = audited;
        this.refusals = refusals;
    }

    @GetMapping("/actions/{name}")
    String confirm(@PathVariable String name, @RequestParam(required = false) String period,
            @RequestParam(required = false) Long execution, Model model) {
        Action action = action(name);
        requireTarget(action, period, execution);
        model.addAttribute("action", action.path());
        model.addAttribute("period", period);
        model.addAttribute("execution", execution);
        model.addAttribute("needsReason", action == Action.REOPEN);
        return "confirm";
    }

    @PostMapping("/actions/{name}")
    String perform(@PathVariable String name, @RequestParam(required = false) String period,
            @RequestParam(required = false) Long execution, @RequestParam(required = false) String reason,
            Principal principal, RedirectAttributes redirect) {
        Action action = action(name);
        requireTarget(action, period, execution);
        String user = principal.getName();
        String parameters = action.target == Action.Target.PERIOD
                ? "period=" + period + (reason == null ? "" : " reason=" + reason)
                : "execution=" + execution;
        AuditedActions.Result result = audited.run(user, action.path(), parameters, () -> switch (action) {
            case INGEST -> actions.launchIngest(month(period));
            case SETTLE -> actions.launchSettle(month(period));
            case RERUN -> actions.rerun(month(period));
            case CLOSE -> {
                actions.close(month(period), user);
                yield null;
            }
            case REOPEN -> {
                if (reason == null || reason.isBlank()) {
                    throw new Refusal("refusal.reopenNeedsReason", "Reopening " + period + " needs a reason.", period);
                }
                actions.reopen(month(period), reason.strip(), user);
                yield null;
            }
            case RESTART -> actions.restart(execution);
            case STOP -> {
                actions.stop(execution);
                yield execution;
            }
            case RECOVER -> {
                actions.recover(execution);
                yield execution;
            }
            case ABANDON -> {
                actions.abandon(execution);
                yield execution;
            }
        });
        redirect.addFlashAttribute("outcome", result.outcome().name());
        redirect.addFlashAttribute("outcomeAction", action.path());
        redirect.addFlashAttribute("outcomeMessage", refusals.say(result.shown(), LocaleContextHolder.getLocale()));
        if (result.executionId() != null) {
            return "redirect:/executions/" + result.executionId();
        }
        if (execution != null) {
            return "redirect:/executions/" + execution;
        }
        return "redirect:/periods/" + period;
    }

    private static Action action(String name) {
        return Action.fromPath(name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no action " + name));
    }

    private static void requireTarget(Action action, String period, Long execution) {
        if (action.target == Action.Target.PERIOD) {
            DashboardController.month(period == null ? "" : period);
        } else if (execution == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, action.path() + " needs an execution");
        }
    }

    private static YearMonth month(String period) {
        return YearMonth.parse(period);
    }
}
