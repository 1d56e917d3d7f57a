package io.resettle.support;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Crash simulation for restart tests: when {@code resettle.fault.fail-at-row} is set, a writer
 * fails the chunk holding that row of a file named by {@code resettle.fault.file} (any file if
 * unset); {@code resettle.fault.chunk-delay-ms} slows chunked steps down. Off unless a test sets them.
 */
@Component
public class FaultInjection {

    private final long failAtRow;
    private final String file;
    private final long chunkDelayMillis;
    private final long launchDelayMillis;

    public FaultInjection(@Value("${resettle.fault.fail-at-row:0}") long failAtRow,
            @Value("${resettle.fault.file:}") String file,
            @Value("${resettle.fault.chunk-delay-ms:0}") long chunkDelayMillis,
            @Value("${resettle.fault.launch-delay-ms:0}") long launchDelayMillis) {
        this.failAtRow = failAtRow;
        this.file = file;
        this.chunkDelayMillis = chunkDelayMillis;
        this.launchDelayMillis = launchDelayMillis;
    }

    /**
     * With {@code resettle.fault.launch-delay-ms}, waits between a launch's "is the period running?"
     * checks and the job's start, so that a test can start a second launch inside that window.
     */
    public void beforeLaunch() {
        sleep(launchDelayMillis);
    }

    /** With {@code resettle.fault.chunk-delay-ms}, slows each chunk so a test can kill the process mid-step. */
    public void afterChunkWritten() {
        sleep(chunkDelayMillis);
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void beforeWriting(String fileName, long firstRow, long lastRow) {
        if (failAtRow > 0 && firstRow <= failAtRow && failAtRow <= lastRow && (file.isEmpty() || fileName.endsWith(file))) {
            throw new IllegalStateException("injected failure at " + fileName + " row " + failAtRow);
        }
    }
}
