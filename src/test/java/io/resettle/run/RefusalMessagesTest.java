package io.resettle.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.support.RefusedException;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Every refusal the job runner gives (run/JobRunner, word for word) is said by the dashboard in
 * English and Chinese, in terms of its pages, never with a command to type (issue 14.7).
 */
class RefusalMessagesTest {

    private final RefusalMessages messages = new RefusalMessages(source());

    private static ResourceBundleMessageSource source() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-10 is closed; reopen it first: resettle reopen --period 2026-10 --reason \"...\"",
        "nothing has been ingested for 2026-10; run: resettle ingest --period 2026-10",
        "nothing has been ingested for 2026-10: no ingest of 2026-10 has completed; run: resettle ingest --period 2026-10",
        "2026-10 has quarantined export file(s): a.csv, b.csv. Replace them and ingest again, or settle without their rows with --force.",
        "2026-10 has quarantined or rejected export file(s): a.csv (REJECTED). Replace them and ingest again, or settle without their rows with --force.",
        "2026-11 is already settled; 2026-10 cannot be settled after it, because payouts run from one settled period to the next"
                + " and 2026-11 has already paid or carried what 2026-10 would pay. Settle periods in order.",
        "revision 2 of 2026-10 did not complete (status FAILED); resume it: resettle restart --execution 17",
        "2026-10 is already settled (revision 1); to settle it again as revision 2 use --rerun",
        "settle of 2026-10 revision 2 was launched by someone else at the same time: duplicate key",
        "2026-10 is already closed",
        "2026-10 has no completed settlement to close",
        "reopening 2026-10 needs a reason (--reason \"...\")",
        "2026-10 is not closed",
        "there is no job execution 999",
        "execution 7 completed; nothing to restart",
        "execution 7 was abandoned and cannot be restarted",
        "execution 7 is still running in another process; wait for it, or stop it first",
        "the last ingest of 2026-10 (execution 5) ended FAILED, so its files and billing lines may not match; resume it:"
                + " resettle restart --execution 5, or ingest the period again",
        "settle of 2026-10 is already running (execution [8, 9]); wait for it, or if its process died, run: resettle restart --execution 8"})
    void theRunnersRefusalsAreSaidWithoutCommandsInBothLanguages(String runner) {
        var message = messages.of(new RefusedException(runner));
        assertThat(message.getCodes()).doesNotContain("refusal.other");
        String english = messages.say(message, Locale.ENGLISH);
        String chinese = messages.say(message, Locale.SIMPLIFIED_CHINESE);
        assertThat(english).doesNotContain("resettle ").doesNotContain("--").doesNotContain("{");
        assertThat(chinese).doesNotContain("resettle ").doesNotContain("--").doesNotContain("{").containsPattern("\\p{IsHan}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-10 has a strange state; run: resettle settle --period 2026-10 --force, or use --rerun",
        "something odd happened: resettle restart --execution 4"})
    void anUnknownRefusalLosesOnlyItsCommand(String runner) {
        String english = messages.say(messages.of(new RefusedException(runner)), Locale.ENGLISH);
        assertThat(english).startsWith("Refused: ").doesNotContain("resettle ").doesNotContain("--").doesNotEndWith(",");
    }
}
