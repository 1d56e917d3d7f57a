package io.resettle.run;

import io.resettle.support.RefusedException;

/**
 * A refusal of the dashboard's own, carrying the message key (messages*.properties) and its
 * arguments so the page can say it in the user's language; the message is its English text.
 */
public class Refusal extends RefusedException {

    final String code;
    final transient Object[] args;

    public Refusal(String code, String english, Object... args) {
        super(english);
        this.code = code;
        // as text: MessageFormat would print an execution id 900000 as "900,000"
        this.args = java.util.Arrays.stream(args).map(String::valueOf).toArray();
    }
}
