package io.resettle.run;

import java.io.PrintStream;

/** {@code resettle generate}: wired to the data-set generator. */
final class Generate {

    private Generate() {
    }

    static int run(ResettleCommandLine.Options options, PrintStream out) {
        throw new RefusedException("generate is not available in this build yet");
    }
}
