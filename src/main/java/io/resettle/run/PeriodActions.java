package io.resettle.run;

import java.time.YearMonth;

/**
 * Everything the dashboard and the scheduler may ask of the jobs. One small interface, so that
 * the controllers and the scheduler do not know how a launch, a re-run or a close is carried out.
 * Refusals are thrown as exceptions whose message is shown to the user as it is.
 */
public interface PeriodActions {

    /** Starts an ingest of the period; returns the new job execution's id. */
    long launchIngest(YearMonth period) throws Exception;

    /** Settles the period (its first revision); returns the job execution's id. */
    long launchSettle(YearMonth period) throws Exception;

    /** Runs the forecast of the period (month-to-date tier edges); returns the job execution's id. */
    long launchForecast(YearMonth period) throws Exception;

    /** Settles the period again as a new revision; returns the job execution's id. */
    long rerun(YearMonth period) throws Exception;

    /** Resumes a FAILED or STOPPED execution from its last committed chunk; returns the new execution's id. */
    long restart(long executionId) throws Exception;

    /** Asks a running execution to stop at its next chunk boundary. */
    void stop(long executionId) throws Exception;

    /** Marks an execution a dead JVM left STARTED as FAILED, so that it can be restarted. */
    void recover(long executionId) throws Exception;

    /** Marks a failed or stopped execution ABANDONED: it will never be restarted. */
    void abandon(long executionId) throws Exception;

    void close(YearMonth period, String user) throws Exception;

    void reopen(YearMonth period, String reason, String user) throws Exception;
}
