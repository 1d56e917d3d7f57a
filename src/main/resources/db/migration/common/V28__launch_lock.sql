-- One row that every launch of a period job (ingest, settle, restart) locks while it checks that the
-- period is idle and registers its job execution: two launches at once run one after the other, and
-- the second sees the first one running (issue 15.6).
CREATE TABLE launch_lock (
    name VARCHAR(40) PRIMARY KEY
);

INSERT INTO launch_lock (name) VALUES ('period-jobs');
