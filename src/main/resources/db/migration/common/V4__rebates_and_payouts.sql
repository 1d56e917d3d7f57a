-- Rebates, referral commissions and payouts (R7-R10, R11.2, R12.3-R12.4). Every derived row
-- carries (period, revision) like the settlement tables of V3.

-- rebates.csv: one row per (program, scope key, category) at the period (R7.5).
CREATE TABLE rebate_accrual (
    period               VARCHAR(7)     NOT NULL,
    revision             INT            NOT NULL,
    program              VARCHAR(100)   NOT NULL,
    direction            VARCHAR(16)    NOT NULL,
    scope_id             VARCHAR(100)   NOT NULL,
    category             VARCHAR(16)    NOT NULL,
    ytd_volume           NUMERIC(30,12) NOT NULL,
    ytd_weighted_volume  NUMERIC(30,12) NOT NULL,
    tier_from            NUMERIC(30,12),
    ytd_rebate           NUMERIC(20,2)  NOT NULL,
    accrual              NUMERIC(20,2)  NOT NULL,
    PRIMARY KEY (period, revision, program, scope_id, category)
);

-- rebate-slices.csv: the GRADUATED walk's slices of the period's lines (R7.3); line_no is the
-- line's place in the fiscal year's event order (R2.4), slice_no its place in the walk.
CREATE TABLE rebate_slice (
    period     VARCHAR(7)     NOT NULL,
    revision   INT            NOT NULL,
    program    VARCHAR(100)   NOT NULL,
    scope_id   VARCHAR(100)   NOT NULL,
    line_no    BIGINT         NOT NULL,
    slice_no   INT            NOT NULL,
    line_id    VARCHAR(200)   NOT NULL,
    category   VARCHAR(16)    NOT NULL,
    tier_from  NUMERIC(30,12),
    amount     NUMERIC(30,12) NOT NULL,
    rate       NUMERIC(30,12) NOT NULL,
    rebate     NUMERIC(30,12) NOT NULL,
    PRIMARY KEY (period, revision, program, scope_id, line_no, slice_no)
);

-- CASH stages (R8.3) as they stand after the run of the period: pending ones only.
CREATE TABLE rebate_stage (
    period           VARCHAR(7)    NOT NULL,
    revision         INT           NOT NULL,
    program          VARCHAR(100)  NOT NULL,
    group_id         VARCHAR(100)  NOT NULL,
    accrual_period   VARCHAR(7)    NOT NULL,
    stage_index      INT           NOT NULL,
    amount           NUMERIC(20,2) NOT NULL,
    due_period       VARCHAR(7)    NOT NULL,
    stage_condition  VARCHAR(16)   NOT NULL,
    PRIMARY KEY (period, revision, program, group_id, accrual_period, stage_index)
);

-- commissions.csv: the referral ledger as of the period (R9).
CREATE TABLE commission (
    period          VARCHAR(7)     NOT NULL,
    revision        INT            NOT NULL,
    order_id        VARCHAR(200)   NOT NULL,
    sub_account_id  VARCHAR(100)   NOT NULL,
    ambassador_id   VARCHAR(100),
    payment_time    TIMESTAMP,
    order_payable   NUMERIC(30,12) NOT NULL,
    refunded        NUMERIC(30,12) NOT NULL,
    status          VARCHAR(32)    NOT NULL,
    commission      NUMERIC(20,2)  NOT NULL,
    due_date        DATE,
    PRIMARY KEY (period, revision, sub_account_id, order_id)
);

-- payout-items.csv: the items the run of the period took (R10.1).
CREATE TABLE payout_item (
    period       VARCHAR(7)    NOT NULL,
    revision     INT           NOT NULL,
    item_no      INT           NOT NULL,
    payout_id    VARCHAR(200)  NOT NULL,
    payee_type   VARCHAR(16)   NOT NULL,
    payee_id     VARCHAR(100)  NOT NULL,
    item_type    VARCHAR(16)   NOT NULL,
    reference    VARCHAR(300)  NOT NULL,
    due_period   VARCHAR(7)    NOT NULL,
    amount       NUMERIC(20,2) NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    PRIMARY KEY (period, revision, item_no)
);

-- What the run of the period hands to the next one: carry-forwards, held items, items not yet due.
CREATE TABLE payout_open_item (
    period       VARCHAR(7)    NOT NULL,
    revision     INT           NOT NULL,
    item_no      INT           NOT NULL,
    payee_type   VARCHAR(16)   NOT NULL,
    payee_id     VARCHAR(100)  NOT NULL,
    item_type    VARCHAR(16)   NOT NULL,
    reference    VARCHAR(300)  NOT NULL,
    due_period   VARCHAR(7)    NOT NULL,
    amount       NUMERIC(20,2) NOT NULL,
    PRIMARY KEY (period, revision, item_no)
);

-- payouts.csv (R10, R11.2).
CREATE TABLE payout (
    period          VARCHAR(7)    NOT NULL,
    revision        INT           NOT NULL,
    payout_id       VARCHAR(200)  NOT NULL,
    payee_type      VARCHAR(16)   NOT NULL,
    payee_id        VARCHAR(100)  NOT NULL,
    payee_name      VARCHAR(300),
    payout_account  VARCHAR(300),
    gross           NUMERIC(20,2) NOT NULL,
    tax_withheld    NUMERIC(20,2) NOT NULL,
    net             NUMERIC(20,2) NOT NULL,
    currency        VARCHAR(3)    NOT NULL,
    item_count      INT           NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    PRIMARY KEY (period, revision, payout_id)
);

-- Per payee, what a revision of the period issued (paid or carried): a re-run pays only the
-- difference (R11.2).
CREATE TABLE payout_issued (
    period      VARCHAR(7)    NOT NULL,
    revision    INT           NOT NULL,
    payee_type  VARCHAR(16)   NOT NULL,
    payee_id    VARCHAR(100)  NOT NULL,
    gross       NUMERIC(20,2) NOT NULL,
    tax         NUMERIC(20,2) NOT NULL,
    net         NUMERIC(20,2) NOT NULL,
    PRIMARY KEY (period, revision, payee_type, payee_id)
);

-- resettle forecast: month-to-date volume, the next tier edge and what crossing it is worth.
CREATE TABLE forecast (
    period            VARCHAR(7)     NOT NULL,
    scope             VARCHAR(100)   NOT NULL,
    program_or_table  VARCHAR(100)   NOT NULL,
    volume            NUMERIC(30,12) NOT NULL,
    next_tier_from    NUMERIC(30,12),
    needed            NUMERIC(30,12),
    worth             NUMERIC(20,2),
    PRIMARY KEY (period, scope, program_or_table)
);
