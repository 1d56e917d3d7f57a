package io.resettle.web;

import java.util.Arrays;
import java.util.Optional;

/** The dashboard's actions: who may take them and what they act on (a period or a job execution). */
enum Action {
    INGEST("FINANCE", Target.PERIOD),
    SETTLE("FINANCE", Target.PERIOD),
    RERUN("FINANCE", Target.PERIOD),
    CLOSE("FINANCE", Target.PERIOD),
    REOPEN("FINANCE", Target.PERIOD),
    RESTART("OPS", Target.EXECUTION),
    STOP("OPS", Target.EXECUTION),
    RECOVER("OPS", Target.EXECUTION),
    ABANDON("OPS", Target.EXECUTION);

    enum Target { PERIOD, EXECUTION }

    final String role;
    final Target target;

    Action(String role, Target target) {
        this.role = role;
        this.target = target;
    }

    /** The name in URLs, messages and the audit log. */
    String path() {
        return name().toLowerCase();
    }

    static Optional<Action> fromPath(String path) {
        return Arrays.stream(values()).filter(a -> a.path().equals(path)).findFirst();
    }
}
