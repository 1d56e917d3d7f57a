-- resettle forecast (issue 4 item 6): the V4 table, still unused, replaced by one keyed by kind as
-- well (a discount table and a program may share a name), with the tier reached and the run number.
DROP TABLE forecast;

CREATE TABLE forecast (
    period            VARCHAR(7)     NOT NULL,
    run               BIGINT         NOT NULL,
    kind              VARCHAR(20)    NOT NULL,
    program_or_table  VARCHAR(100)   NOT NULL,
    scope             VARCHAR(100)   NOT NULL,
    volume            NUMERIC(30,12) NOT NULL,
    tier_from         NUMERIC(30,12),
    next_tier_from    NUMERIC(30,12),
    needed            NUMERIC(30,12),
    worth             NUMERIC(20,2),
    PRIMARY KEY (period, kind, program_or_table, scope)
);

CREATE SEQUENCE forecast_run_seq;
