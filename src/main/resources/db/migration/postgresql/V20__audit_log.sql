-- Every dashboard and scheduler action: who, when, what, with which parameters, and what came of it.
-- Append-only: the application has no UPDATE or DELETE for it, and the trigger below refuses them.
CREATE TABLE audit_log (
    id          BIGSERIAL     PRIMARY KEY,
    at          TIMESTAMP     NOT NULL,
    username    VARCHAR(100)  NOT NULL,
    action      VARCHAR(40)   NOT NULL,
    parameters  VARCHAR(1000),
    outcome     VARCHAR(16)   NOT NULL,
    result      VARCHAR(2000)
);

CREATE INDEX audit_log_at ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
