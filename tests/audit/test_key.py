"""The audit key lives outside the database: from the environment or a file, required when
DJANGO_DEBUG is off."""

from tests.test_settings import PRODUCTION, manage


def without_audit_key():
    return {k: v for k, v in PRODUCTION.items() if not k.startswith("BEREDSKAB_AUDIT_KEY")}


def test_production_refuses_to_start_without_an_audit_key():
    result = manage("check", env=without_audit_key())

    assert result.returncode != 0
    assert "BEREDSKAB_AUDIT_KEY" in result.stderr


def test_the_key_may_come_from_a_file(tmp_path):
    key_file = tmp_path / "audit.key"
    key_file.write_text("k" * 40 + "\n")

    result = manage("check", env={**without_audit_key(), "BEREDSKAB_AUDIT_KEY_FILE": str(key_file)})

    assert result.returncode == 0, result.stderr


def test_a_short_key_is_refused():
    result = manage("check", env={**without_audit_key(), "BEREDSKAB_AUDIT_KEY": "too-short"})

    assert result.returncode != 0
    assert "at least 32 characters" in result.stderr
