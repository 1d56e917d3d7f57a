package io.resettle.reconcile;

/** An R12.2 invariant does not hold: the run fails rather than publish numbers that do not add up. */
public class InvariantViolation extends RuntimeException {
    public InvariantViolation(String message) {
        super("R12.2 invariant violated: " + message);
    }
}
