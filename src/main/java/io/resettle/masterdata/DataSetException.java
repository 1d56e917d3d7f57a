package io.resettle.masterdata;

import java.util.List;

/**
 * The data set cannot be used as it is: the message lists every problem, each naming the file,
 * the row or key, and what is wrong. Nothing of it has been applied.
 */
public class DataSetException extends RuntimeException {

    private final List<String> problems;

    public DataSetException(List<String> problems) {
        super(problems.size() + " problem(s) in the data set:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
