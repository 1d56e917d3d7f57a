-- Monthly settlement (R4-R6, R11, R12.1-R12.2). Every derived row carries (period, revision):
-- a re-run writes revision n+1 beside the earlier ones, which stay readable (R11.1).

-- One row per settlement revision of a period (R11).
CREATE TABLE period_run (
    period            VARCHAR(7)   NOT NULL,
    revision          INT          NOT NULL,
    job_execution_id  BIGINT       NOT NULL,  -- the execution that started it; restarts keep it
    status            VARCHAR(32)  NOT NULL,  -- STARTED, COMPLETED, COMPLETED_WITH_BREAKS, FAILED
    forced            BOOLEAN      NOT NULL,  -- settled despite quarantined files (--force)
    closed            BOOLEAN      NOT NULL,
    created_at        TIMESTAMP    NOT NULL,
    PRIMARY KEY (period, revision)
);

-- Closing and reopening, as they happened (R11.5).
CREATE TABLE period_event (
    period     VARCHAR(7)    NOT NULL,
    event_no   INT           NOT NULL,
    event      VARCHAR(16)   NOT NULL,  -- CLOSED or REOPENED
    at_time    TIMESTAMP     NOT NULL,
    by_user    VARCHAR(100)  NOT NULL,
    reason     VARCHAR(1000),
    PRIMARY KEY (period, event_no)
);

CREATE TABLE group_statement (
    period        VARCHAR(7)    NOT NULL,
    revision      INT           NOT NULL,
    group_id      VARCHAR(100)  NOT NULL,
    volume        NUMERIC(30,12) NOT NULL,  -- V(G,P) at full precision (R4.1)
    tier_from     NUMERIC(30,12),
    agreement_id  VARCHAR(100),
    credit_total  NUMERIC(20,2),
    credit_limit  NUMERIC(30,12) NOT NULL,
    status        VARCHAR(16),
    PRIMARY KEY (period, revision, group_id)
);

CREATE TABLE invoice_line (
    period          VARCHAR(7)    NOT NULL,
    revision        INT           NOT NULL,
    invoice_id      VARCHAR(150)  NOT NULL,
    sub_account_id  VARCHAR(100)  NOT NULL,
    line_id         VARCHAR(200)  NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    kind_order      INT           NOT NULL,  -- CHARGE, CLAWBACK, PENALTY, REBATE_CREDIT (io-contract §3)
    product_code    VARCHAR(200),
    category        VARCHAR(16),
    charge_type     VARCHAR(16),
    payable         NUMERIC(20,2) NOT NULL,
    discount_rate   NUMERIC(30,12) NOT NULL,
    discount        NUMERIC(20,2) NOT NULL,
    net             NUMERIC(20,2) NOT NULL,
    currency        VARCHAR(3)    NOT NULL,
    PRIMARY KEY (period, revision, invoice_id, kind, line_id)
);

CREATE INDEX invoice_line_by_line_id ON invoice_line (line_id);

CREATE TABLE invoice (
    period           VARCHAR(7)    NOT NULL,
    revision         INT           NOT NULL,
    invoice_id       VARCHAR(150)  NOT NULL,
    sub_account_id   VARCHAR(100)  NOT NULL,
    group_id         VARCHAR(100)  NOT NULL,
    invoice_title    VARCHAR(300),
    tax_id           VARCHAR(100),
    settlement_mode  VARCHAR(16)   NOT NULL,
    line_count       BIGINT        NOT NULL,
    payable          NUMERIC(20,2) NOT NULL,
    discount         NUMERIC(20,2) NOT NULL,
    net              NUMERIC(20,2) NOT NULL,
    currency         VARCHAR(3)    NOT NULL,
    PRIMARY KEY (period, revision, invoice_id)
);

CREATE TABLE prepaid_balance (
    period          VARCHAR(7)    NOT NULL,
    revision        INT           NOT NULL,
    sub_account_id  VARCHAR(100)  NOT NULL,
    opening         NUMERIC(20,2) NOT NULL,
    allocated       NUMERIC(20,2) NOT NULL,
    charged         NUMERIC(20,2) NOT NULL,
    closing         NUMERIC(20,2) NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    PRIMARY KEY (period, revision, sub_account_id)
);

CREATE TABLE reconciliation (
    period      VARCHAR(7)    NOT NULL,
    revision    INT           NOT NULL,
    check_name  VARCHAR(60)   NOT NULL,
    check_key   VARCHAR(300)  NOT NULL,
    expected    NUMERIC(30,12),
    actual      NUMERIC(30,12),
    difference  NUMERIC(30,12),
    status      VARCHAR(16)   NOT NULL,  -- BREAK
    PRIMARY KEY (period, revision, check_name, check_key)
);
