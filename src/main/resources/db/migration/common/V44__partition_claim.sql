-- Remote partitioning (issue 17): which worker took which partition (step execution), once.
-- The primary key makes a second claim of the same partition impossible; bench and docs read
-- per-worker figures from it.
CREATE TABLE partition_claim (
    step_execution_id BIGINT PRIMARY KEY,
    step_name VARCHAR(100) NOT NULL,
    worker VARCHAR(200) NOT NULL,
    claimed_at TIMESTAMP NOT NULL
);
