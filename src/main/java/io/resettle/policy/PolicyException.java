package io.resettle.policy;

import java.util.List;

/** A policy file that cannot be used; the message lists every problem with the file and key. */
public class PolicyException extends RuntimeException {

    private final List<String> problems;

    public PolicyException(String file, List<String> problems) {
        super(file + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
