package io.resettle.support;

/** A command refused before anything ran (exit code 2, io-contract §4): the message says why. */
public class RefusedException extends RuntimeException {
    public RefusedException(String message) {
        super(message);
    }
}
