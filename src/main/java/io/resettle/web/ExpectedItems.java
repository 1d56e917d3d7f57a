package io.resettle.web;

import java.util.OptionalLong;
import org.springframework.batch.core.step.StepExecution;

/**
 * How many items a step is expected to process, when it is known before the step ends: the
 * denominator of a progress bar. A job that knows its volumes adds an implementation.
 */
public interface ExpectedItems {

    OptionalLong expected(StepExecution step);
}
