package io.resettle.run;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Crash simulation for restart tests: when {@code resettle.fault.fail-at-row} is set, a writer
 * fails the chunk holding that row of a file named by {@code resettle.fault.file} (any file if
 * unset). Off unless a test sets the property.
 */
@Component
public class FaultInjection {

    private final long failAtRow;
    private final String file;

    public FaultInjection(@Value("${resettle.fault.fail-at-row:0}") long failAtRow,
            @Value("${resettle.fault.file:}") String file) {
        this.failAtRow = failAtRow;
        this.file = file;
    }

    public void beforeWriting(String fileName, long firstRow, long lastRow) {
        if (failAtRow > 0 && firstRow <= failAtRow && failAtRow <= lastRow && (file.isEmpty() || fileName.endsWith(file))) {
            throw new IllegalStateException("injected failure at " + fileName + " row " + failAtRow);
        }
    }
}
