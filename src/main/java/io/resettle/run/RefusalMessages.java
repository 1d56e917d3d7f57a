package io.resettle.run;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * Says a refusal as the dashboard's user needs it: in the page's language, and in terms of the
 * dashboard's own pages and buttons instead of the command line's ("resettle restart --execution 7").
 * The job runner's refusals are recognised by their wording; one that is not recognised is shown
 * as it is, without the command it suggests.
 */
@Component
public class RefusalMessages {

    private record Known(Pattern pattern, String code) {
    }

    /** The job runner's refusals (run/JobRunner), each with the groups its message key uses as {0}, {1}, … */
    private static final List<Known> RUNNER = List.of(
            known("(\\S+) is closed; reopen it first.*", "refusal.closed"),
            known("nothing has been ingested for (\\S+)[;.:].*", "refusal.nothingIngested"),
            known("(\\S+) has quarantined(?: or rejected)? export file\\(s\\): (.*?)\\. Replace them.*", "refusal.quarantined"),
            known("(\\S+) is already settled; (\\S+) cannot be settled after it.*", "refusal.laterSettled"),
            known("revision (\\d+) of (\\S+) did not complete \\(status (\\S+)\\).*?(\\d+)\\s*$", "refusal.revisionIncomplete"),
            known("(\\S+) is already settled \\(revision (\\d+)\\).*", "refusal.alreadySettled"),
            known("settle of (\\S+) revision (\\d+) was launched by someone else.*", "refusal.launchedElsewhere"),
            known("(\\S+) is already closed.*", "refusal.alreadyClosed"),
            known("(\\S+) has no completed settlement to close.*", "refusal.nothingToClose"),
            known("reopening (\\S+) needs a reason.*", "refusal.reopenNeedsReason"),
            known("(\\S+) is not closed.*", "refusal.notClosed"),
            known("there is no job execution (\\d+).*", "refusal.noExecution"),
            known("execution (\\d+) completed; nothing to restart.*", "refusal.restartCompleted"),
            known("execution (\\d+) was abandoned and cannot be restarted.*", "refusal.restartAbandoned"),
            known("execution (\\d+) is still running in another process.*", "refusal.stillRunning"),
            known("the last ingest of (\\S+) \\(execution (\\d+)\\) ended (\\S+),.*", "refusal.lastIngestIncomplete"),
            known("(\\S+) of (\\S+) is already running \\(execution \\[([0-9, ]+)\\]\\).*", "refusal.alreadyRunning"));

    /** A command line the message suggests: "run: resettle ingest --period 2026-10", "use --rerun", "(--reason "...")". */
    private static final Pattern COMMAND = Pattern.compile(
            "(?:[;,:]?\\s*(?:run|resume it|use|with)?:?\\s*)?(?:\\bresettle\\s+[a-z-]+|(?<![\\w-])--[a-z][a-z-]*)"
                    + "(?:\\s+(?:--[a-z][a-z-]*|\"[^\"]*\"|(?!--)[^\\s,;.()\"]+))*\\)?");

    private final MessageSource messages;

    RefusalMessages(MessageSource messages) {
        this.messages = messages;
    }

    /** The refusal as a message key with arguments, the original text (without commands) as its default. */
    public MessageSourceResolvable of(Exception refusal) {
        if (refusal instanceof Refusal own) {
            return new DefaultMessageSourceResolvable(new String[] {own.code}, own.args, own.getMessage());
        }
        String text = refusal.getMessage() == null ? refusal.getClass().getSimpleName() : refusal.getMessage().strip();
        for (Known known : RUNNER) {
            Matcher m = known.pattern().matcher(text);
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = m.group(i + 1);
                }
                return new DefaultMessageSourceResolvable(new String[] {known.code()}, args, withoutCommands(text));
            }
        }
        String plain = withoutCommands(text);
        return new DefaultMessageSourceResolvable(new String[] {"refusal.other"}, new Object[] {plain}, plain);
    }

    public String say(MessageSourceResolvable message, Locale locale) {
        return messages.getMessage(message, locale);
    }

    public String english(MessageSourceResolvable message) {
        return say(message, Locale.ENGLISH);
    }

    static String withoutCommands(String text) {
        String cut = COMMAND.matcher(text).replaceAll("").replaceAll("\\s+([,.;])", "$1");
        for (int i = 0; i < 3; i++) {
            cut = cut.replaceAll("(?:[,;:]?\\s*\\b(?:or|and|then|run|use)\\b)?\\s*[,;:]?\\s*$", "").strip();
        }
        return cut.isEmpty() ? text : cut;
    }

    private static Known known(String regex, String code) {
        return new Known(Pattern.compile(regex, Pattern.DOTALL), code);
    }
}
