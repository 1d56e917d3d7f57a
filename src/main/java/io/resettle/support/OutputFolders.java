package io.resettle.support;

import java.nio.file.Path;

/** Where a revision's settlement files go: {@code <out>/<period>/r<revision>} (io-contract §3). */
public final class OutputFolders {

    private OutputFolders() {
    }

    public static Path revision(Path out, String period, int revision) {
        return out.resolve(period).resolve("r" + revision);
    }
}
