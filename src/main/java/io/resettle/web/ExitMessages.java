package io.resettle.web;

/** How the pages show a run's status and its exit description. */
final class ExitMessages {

    private ExitMessages() {
    }

    /** A completed run whose exit code says more (COMPLETED_WITH_BREAKS) shows that exit code. */
    static String displayStatus(String status, String exitCode) {
        return "COMPLETED".equals(status) && exitCode != null && !exitCode.isBlank() && !"COMPLETED".equals(exitCode)
                ? exitCode : status;
    }

    /** An exit description's message lines, without the stack frames that follow them. */
    static String withoutTrace(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        StringBuilder message = new StringBuilder();
        for (String line : text.split("\\R")) {
            if (line.stripLeading().startsWith("at ") || line.stripLeading().startsWith("... ")) {
                break;
            }
            message.append(message.isEmpty() ? "" : "\n").append(line.strip());
        }
        return message.toString();
    }

    /** The first line of an exit description: for a failure, the exception and its message without the trace. */
    static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }
}
