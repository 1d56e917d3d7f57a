-- Master data (io-contract §1), the policy snapshot, and what the ingest job produces.
-- Money columns keep full input precision (R1.1): NUMERIC(30,12).

CREATE TABLE customer_group (
    group_id        VARCHAR(100) PRIMARY KEY,
    group_name      VARCHAR(300),
    currency        VARCHAR(3)   NOT NULL,
    credit_limit    NUMERIC(30,12) NOT NULL,
    rebate_payout   VARCHAR(16)  NOT NULL,
    payee_name      VARCHAR(300),
    payout_account  VARCHAR(300),
    implicit_group  BOOLEAN      NOT NULL  -- R3: formed by a sub-account without a group
);

CREATE TABLE sub_account (
    sub_account_id     VARCHAR(100) PRIMARY KEY,
    sub_account_name   VARCHAR(300),
    group_id           VARCHAR(100) NOT NULL,
    role               VARCHAR(16)  NOT NULL,
    invoice_title      VARCHAR(300),
    tax_id             VARCHAR(100),
    settlement_mode    VARCHAR(16)  NOT NULL,
    currency           VARCHAR(3)   NOT NULL,
    associated_from    VARCHAR(7)   NOT NULL,
    associated_to      VARCHAR(7),
    managed_by         VARCHAR(16)  NOT NULL,
    first_paid_before  DATE,
    id_hash            VARCHAR(200),
    phone_hash         VARCHAR(200),
    pay_account_hash   VARCHAR(200),
    device_hash        VARCHAR(200),
    address_hash       VARCHAR(200)
);

CREATE TABLE agreement (
    agreement_id    VARCHAR(100) PRIMARY KEY,
    group_id        VARCHAR(100) NOT NULL,
    discount_table  VARCHAR(100) NOT NULL,
    term_start      VARCHAR(7)   NOT NULL,
    term_end        VARCHAR(7)   NOT NULL,
    min_commitment  NUMERIC(30,12) NOT NULL,
    clawback_mode   VARCHAR(16)  NOT NULL,
    penalty_rate    NUMERIC(30,12) NOT NULL,
    terminated_on   VARCHAR(7)
);

CREATE TABLE allocation (
    sub_account_id  VARCHAR(100) NOT NULL,
    allocated_on    DATE         NOT NULL,
    reference       VARCHAR(200) NOT NULL,
    amount          NUMERIC(30,12) NOT NULL,
    PRIMARY KEY (sub_account_id, allocated_on, reference)
);

CREATE TABLE ambassador (
    ambassador_id     VARCHAR(100) PRIMARY KEY,
    name              VARCHAR(300),
    payee_type        VARCHAR(16)  NOT NULL,
    payout_account    VARCHAR(300),
    id_hash           VARCHAR(200),
    phone_hash        VARCHAR(200),
    pay_account_hash  VARCHAR(200),
    device_hash       VARCHAR(200),
    address_hash      VARCHAR(200)
);

CREATE TABLE referral_visit (
    ambassador_id   VARCHAR(100) NOT NULL,
    sub_account_id  VARCHAR(100) NOT NULL,
    visited_at      TIMESTAMP    NOT NULL,
    PRIMARY KEY (ambassador_id, sub_account_id, visited_at)
);

-- Every policy file seen, so that settle and forecast read the database only.
CREATE TABLE policy_file (
    effective_from  VARCHAR(7)   PRIMARY KEY,
    file            VARCHAR(500) NOT NULL,
    sha256          VARCHAR(64)  NOT NULL,
    content         TEXT         NOT NULL
);

-- Statements of a period (io-contract §1), replaced whole by each ingest of the period.
CREATE TABLE vendor_statement (
    period          VARCHAR(7)   NOT NULL,
    sub_account_id  VARCHAR(100) NOT NULL,
    payable         NUMERIC(30,12) NOT NULL,
    PRIMARY KEY (period, sub_account_id)
);

CREATE TABLE vendor_rebate (
    period    VARCHAR(7)   NOT NULL,
    program   VARCHAR(100) NOT NULL,
    category  VARCHAR(16)  NOT NULL,
    amount    NUMERIC(30,12) NOT NULL,
    PRIMARY KEY (period, program, category)
);

CREATE TABLE payout_return (
    period     VARCHAR(7)   NOT NULL,
    payout_id  VARCHAR(200) NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    amount     NUMERIC(30,12) NOT NULL,
    paid_at    TIMESTAMP,
    PRIMARY KEY (period, payout_id)
);

-- One row per export file of a period: what the latest ingest of its content found.
-- generation orders ingests (R2.7: a later ingest's row replaces an earlier one).
CREATE TABLE ingest_file (
    period         VARCHAR(7)   NOT NULL,
    file           VARCHAR(500) NOT NULL,
    sha256         VARCHAR(64)  NOT NULL,
    format         VARCHAR(32),
    encoding       VARCHAR(32),
    generation     BIGINT       NOT NULL,
    row_count      BIGINT       NOT NULL,
    accepted       BIGINT       NOT NULL,
    rejected       BIGINT       NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    payable_total  NUMERIC(30,12) NOT NULL,
    PRIMARY KEY (period, file)
);

CREATE SEQUENCE ingest_generation_seq;

CREATE TABLE ingest_reject (
    period  VARCHAR(7)   NOT NULL,
    file    VARCHAR(500) NOT NULL,
    row_no  BIGINT       NOT NULL,
    reason  VARCHAR(40)  NOT NULL,
    detail  VARCHAR(1000),
    raw     TEXT,
    PRIMARY KEY (period, file, row_no)
);

-- Accepted rows of every ingested file version, as read; billing_line is derived from them.
CREATE TABLE staged_line (
    period           VARCHAR(7)   NOT NULL,
    file             VARCHAR(500) NOT NULL,
    row_no           BIGINT       NOT NULL,
    generation       BIGINT       NOT NULL,
    line_id          VARCHAR(200) NOT NULL,
    related_line_id  VARCHAR(200),
    sub_account_id   VARCHAR(100) NOT NULL,
    order_id         VARCHAR(200),
    product_code     VARCHAR(200),
    category         VARCHAR(16)  NOT NULL,
    billing_method   VARCHAR(16)  NOT NULL,
    charge_type      VARCHAR(16)  NOT NULL,
    list_amount      NUMERIC(30,12),
    payable_amount   NUMERIC(30,12) NOT NULL,
    paid_amount      NUMERIC(30,12) NOT NULL,
    currency         VARCHAR(3)   NOT NULL,
    payment_time     TIMESTAMP,
    usage_start      TIMESTAMP,
    usage_end        TIMESTAMP,
    paid             BOOLEAN      NOT NULL,
    PRIMARY KEY (period, file, row_no)
);

-- The period's effective billing lines: one per line id, from the latest ingest (R2.7),
-- excluding quarantined files (R2.6).
CREATE TABLE billing_line (
    period           VARCHAR(7)   NOT NULL,
    line_id          VARCHAR(200) NOT NULL,
    related_line_id  VARCHAR(200),
    sub_account_id   VARCHAR(100) NOT NULL,
    order_id         VARCHAR(200),
    product_code     VARCHAR(200),
    category         VARCHAR(16)  NOT NULL,
    billing_method   VARCHAR(16)  NOT NULL,
    charge_type      VARCHAR(16)  NOT NULL,
    list_amount      NUMERIC(30,12),
    payable_amount   NUMERIC(30,12) NOT NULL,
    paid_amount      NUMERIC(30,12) NOT NULL,
    currency         VARCHAR(3)   NOT NULL,
    payment_time     TIMESTAMP,
    usage_start      TIMESTAMP,
    usage_end        TIMESTAMP,
    paid             BOOLEAN      NOT NULL,
    file             VARCHAR(500) NOT NULL,
    row_no           BIGINT       NOT NULL,
    PRIMARY KEY (period, line_id)
);

CREATE INDEX billing_line_sub_account ON billing_line (period, sub_account_id);
