"""On PostgreSQL, refuse UPDATE and DELETE of audit rows in the database itself (等保 安全审计 c).

The one exception is audit_purge(), which removes rows past retention: it turns the transaction-local
setting qinglian.audit_purge on for its single DELETE. TRUNCATE is not covered (Django's test flush uses it);
revoke it, with UPDATE and DELETE, from the application's database account (docs/audit.md).
Other databases rely on the model's refusal and the hash chain.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION qinglian_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('qinglian.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '审计日志只允许追加' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
TRIGGER = """
CREATE TRIGGER audit_auditevent_append_only
BEFORE UPDATE OR DELETE ON audit_auditevent
FOR EACH ROW EXECUTE FUNCTION qinglian_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS qinglian_audit_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION)
        schema_editor.execute(TRIGGER)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger, elidable=False)]
