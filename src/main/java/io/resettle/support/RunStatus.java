package io.resettle.support;

/** Exit codes of a settle run beyond Spring Batch's own (R12.2). */
public final class RunStatus {

    public static final String COMPLETED = "COMPLETED", COMPLETED_WITH_BREAKS = "COMPLETED_WITH_BREAKS";

    /** What counts as a settled run, as an SQL list for {@code status IN %s}. */
    public static final String SETTLED_SQL = "('" + COMPLETED + "', '" + COMPLETED_WITH_BREAKS + "')";

    private RunStatus() {
    }
}
