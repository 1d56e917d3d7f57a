package io.resettle.ingest;

import java.util.List;

/**
 * An export format definition cannot be used: every problem names the key and why, and the
 * message names the file. Raised before any row of any export is read.
 */
public class ExportFormatException extends RuntimeException {

    private final String file;
    private final List<String> problems;

    public ExportFormatException(String file, List<String> problems) {
        super(file + ": " + problems.size() + " problem(s) in the export format definition:\n  - "
                + String.join("\n  - ", problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    /** Each written {@code key: why}. */
    public List<String> problems() {
        return problems;
    }
}
