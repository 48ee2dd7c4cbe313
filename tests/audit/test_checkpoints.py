"""Signed checkpoints of the chain's head go outside the database: to an append-only folder and
to the operator's syslog server. verify_audit reads them back."""

import json
import socket

import pytest
from django.core.management import CommandError, call_command

from beredskab.audit.models import AuditEvent
from beredskab.audit.services import record

from .conftest import as_database_owner, verify

pytestmark = pytest.mark.django_db


def read(n):
    return record("case.view", object_type="cases.case", object_id=f"U-CASE-000{n}")


def checkpoint_lines(folder):
    lines = []
    for path in sorted(folder.iterdir()):
        lines += [line for line in path.read_text().splitlines() if line.strip()]
    return lines


def test_the_checkpoint_holds_the_head_signed_and_no_personal_data(checkpoint_dir):
    read(1)
    read(2)

    call_command("checkpoint_audit")

    (line,) = checkpoint_lines(checkpoint_dir)
    marker, _, body = line.partition(" ")
    checkpoint = json.loads(body)
    head = AuditEvent.objects.get(seq=2)
    assert marker == "beredskab-audit-checkpoint"
    assert checkpoint["kind"] == "head"
    assert (checkpoint["seq"], checkpoint["hash"], checkpoint["count"]) == (2, head.hash, 2)
    assert len(checkpoint["sig"]) == 64
    assert "U-CASE" not in line


def test_the_sealer_writes_a_checkpoint_when_it_sealed_something(checkpoint_dir):
    call_command("seal_audit")
    assert checkpoint_lines(checkpoint_dir) == []

    read(1)
    call_command("seal_audit")
    call_command("seal_audit")

    assert len(checkpoint_lines(checkpoint_dir)) == 1


def test_checkpoints_are_appended_never_rewritten(checkpoint_dir):
    read(1)
    call_command("checkpoint_audit")
    first = checkpoint_lines(checkpoint_dir)
    read(2)

    call_command("checkpoint_audit")

    lines = checkpoint_lines(checkpoint_dir)
    assert lines[: len(first)] == first and len(lines) == 2


def test_a_checkpoint_folder_that_cannot_be_written_fails_loudly(settings, tmp_path):
    settings.BEREDSKAB_AUDIT_CHECKPOINT_DIR = str(tmp_path / "missing")
    read(1)

    with pytest.raises(CommandError, match="checkpoint"):
        call_command("checkpoint_audit")


@pytest.fixture
def syslog_server(settings):
    """A syslog receiver on 127.0.0.1 (UDP), as the operator's log server would be."""
    server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    server.bind(("127.0.0.1", 0))
    server.settimeout(5)
    settings.BEREDSKAB_AUDIT_SYSLOG = f"127.0.0.1:{server.getsockname()[1]}"
    yield server
    server.close()


def test_checkpoints_go_to_the_syslog_server(syslog_server):
    read(1)

    call_command("checkpoint_audit")

    message = syslog_server.recv(65535).decode()
    assert message.startswith("<133>1 ")  # local0.notice, RFC 5424
    _, _, body = message.partition("beredskab-audit-checkpoint ")
    checkpoint = json.loads(body)
    assert checkpoint["seq"] == 1
    assert checkpoint["hash"] == AuditEvent.objects.get(seq=1).hash


def test_what_the_syslog_server_kept_catches_a_truncation(syslog_server, tmp_path, capsys):
    for n in range(4):
        read(n)
    call_command("checkpoint_audit")
    kept = tmp_path / "syslog.log"
    kept.write_text("Nov 30 12:00:00 loghost " + syslog_server.recv(65535).decode() + "\n")
    with as_database_owner():
        AuditEvent.objects.filter(seq__gte=3).delete()

    with pytest.raises(CommandError):
        verify("--checkpoints", str(kept))
    assert "the newest events after #2 were deleted" in capsys.readouterr().err


def test_without_checkpoints_verify_says_what_it_cannot_see(capsys):
    read(1)

    verify()

    out = capsys.readouterr().out
    assert "audit trail intact: 1 events" in out
    assert "no checkpoints" in out
