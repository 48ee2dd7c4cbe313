"""On PostgreSQL a trigger refuses every UPDATE and DELETE of audit rows, for every role, except
sealing an unsealed event (its seq, prev_hash and hash, once) and the retention job's deletions
(which set `beredskab.audit_retention` in their transaction). The owner of the tables can still
switch triggers off: against the owner, the checkpoints outside the database are the guard, and
the application connects as a role with INSERT and SELECT only (scripts/audit-grants.sql)."""

from django.db import migrations

TABLES = ["audit_auditevent", "audit_auditsubject", "audit_auditretention"]

FUNCTION = """
CREATE OR REPLACE FUNCTION beredskab_audit_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF current_setting('beredskab.audit_retention', true) = 'on' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit rows are deleted only by manage.py apply_audit_retention'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_TABLE_NAME = 'audit_auditevent' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
       AND to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash'
           = to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit rows are never changed (only an unsealed event is sealed, once)'
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_guard BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION beredskab_audit_guard()"
        )


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_guard ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS beredskab_audit_guard()")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_sealed_chain_and_subjects")]

    operations = [migrations.RunPython(install, remove)]
