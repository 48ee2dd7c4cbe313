-- The role the application connects as may record, read and seal audit events, never change or
-- delete them. Run as the owner of the tables (the role that runs `manage.py migrate`), after
-- every migrate:
--
--   psql "$OWNER_DATABASE_URL" -v app_role=beredskab_app -f scripts/audit-grants.sql
--
-- The application's DATABASE_URL then names beredskab_app; `manage.py migrate` and
-- `manage.py apply_audit_retention` run with the owner's. See docs/operations.md, "Audit trail".

GRANT USAGE ON SCHEMA public TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app_role";
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_role";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"app_role";

-- The audit trail: insert and read; the sealer sets the three sealing columns (the trigger of
-- migration audit 0003 lets that happen once per event); nothing is updated or deleted.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditevent, audit_auditsubject, audit_auditretention
    FROM :"app_role";
GRANT UPDATE (seq, prev_hash, hash) ON audit_auditevent TO :"app_role";
