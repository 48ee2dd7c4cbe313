"""What the retention job does with every text field of every model: one table, so that no field
is forgotten when a case's personal data is removed.

Each field is either personal data or free text that `apply_retention` removes from everything
tied to an expired case (emptied, replaced by REMOVED, or deleted with its row or file), or
something that is not personal (a code, a key, a choice, a hash) and is kept, with the reason.
`tests/privacy/test_registry.py` walks every model of the project and fails on a text field that
is missing here, so a new field is classified before it ships.

`rows` says how a model's rows are tied to an expired case: a lookup from the model to
`cases.Case` ("" for the case itself), MEETINGS (Indsatsgruppe meetings whose agenda holds only
anonymised cases), PERSONS (the person records that only the anonymised notification kept), or
None when nothing in the model is removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.apps import apps
from django.db import models

# What a required or longer text becomes: the reader sees that something was there.
REMOVED = "[anonymiseret]"

MEETINGS = "@meetings"
PERSONS = "@persons"

# The kinds of field that can hold what someone wrote.
TEXT_FIELDS = (
    models.CharField,
    models.TextField,
    models.JSONField,
    models.FileField,
    models.GenericIPAddressField,
    models.BinaryField,
)


class How(StrEnum):
    KEEP = "keep"  # not personal, or kept for the stated reason
    BLANK = "blank"  # emptied: "" (or NULL where the column allows it)
    REDACT = "redact"  # replaced by REMOVED where it held anything
    DELETE_ROW = "delete_row"  # the row is deleted
    DELETE_FILE = "delete_file"  # the stored file is deleted (with its row)


@dataclass(frozen=True)
class Field:
    how: How
    why: str = ""


@dataclass(frozen=True)
class Entry:
    fields: dict[str, Field]
    rows: str | None = None


def keep(why: str) -> Field:
    return Field(How.KEEP, why)


BLANK = Field(How.BLANK)
REDACT = Field(How.REDACT)
DELETE_ROW = Field(How.DELETE_ROW)
DELETE_FILE = Field(How.DELETE_FILE)

CHOICE = keep("a choice from a fixed list (statistics count it)")
PLAN_KEY = keep("a key from the plan's catalogue (statistics count it)")
KEY = keep("an internal or random key, or a hash")


REGISTRY: dict[str, Entry] = {
    # -- Notifications ---------------------------------------------------------------------------
    "intake.Notification": Entry(
        rows="case",
        fields={
            "reference": keep("the random outward name; the audit trail and statistics use it"),
            "channel": CHOICE,
            "notifier_kind": CHOICE,
            "notifier_name": BLANK,
            "notifier_workplace": BLANK,
            "notifier_role": BLANK,
            "notifier_phone": BLANK,
            "notifier_email": BLANK,
            "notifier_address": BLANK,
            "person_name": BLANK,
            "person_cpr": BLANK,
            "person_birth_date": BLANK,  # not text, but identifying (the age group stays)
            "person_address": BLANK,
            "person_language": BLANK,
            "children_in_household": CHOICE,
            "children_details": BLANK,
            "age_group": CHOICE,
            "description": REDACT,
            "notifier_actions": BLANK,
            "family_knows": CHOICE,
            "receipt_method": CHOICE,
        },
    ),
    "intake.NotificationConcern": Entry(fields={"concern_type": PLAN_KEY}),
    "intake.Attachment": Entry(
        rows="notification__case",
        fields={
            "file": DELETE_FILE,
            "original_name": DELETE_ROW,
            "content_type": DELETE_ROW,
            "sha256": DELETE_ROW,
        },
    ),
    # The outbox is a delivery queue, not a record: the notification keeps when its receipt went.
    "outbox.OutboundEmail": Entry(
        rows="notification__case",
        fields={
            "kind": DELETE_ROW,
            "to": DELETE_ROW,
            "subject": DELETE_ROW,
            "body": DELETE_ROW,
            "status": DELETE_ROW,
            "last_error": DELETE_ROW,
            "message_id": DELETE_ROW,
        },
    ),
    "deadlines.DeadlineEvent": Entry(fields={"deadline": CHOICE, "event": CHOICE}),
    # -- Cases -----------------------------------------------------------------------------------
    "cases.Case": Entry(
        rows="",
        fields={
            "state": CHOICE,
            "track": CHOICE,
            "close_reason": CHOICE,
            "close_note": BLANK,
        },
    ),
    "cases.RiskAssessment": Entry(
        rows="case",
        fields={"level": CHOICE, "other_action": BLANK, "justification": REDACT},
    ),
    "cases.RiskFactorAnswer": Entry(
        rows="assessment__case",
        fields={"factor": PLAN_KEY, "answer": CHOICE, "note": BLANK},
    ),
    "cases.Handover": Entry(
        rows="case",
        fields={
            # The receiver may be someone outside the system, named in free text.
            "received_by_name": REDACT,
            "method": CHOICE,
            "note": BLANK,
        },
    ),
    "section12a.CounsellingOffer": Entry(rows="case", fields={"status": CHOICE, "note": BLANK}),
    "section12a.ActionPlan": Entry(
        rows="case",
        fields={
            "risk_assessment": REDACT,
            "situation_housing": REDACT,
            "situation_work": REDACT,
            "situation_education": REDACT,
            "situation_relatives": REDACT,
            "support_housing_work_education": REDACT,
            "support_housing_work_education_purpose": REDACT,
            "support_other_law": REDACT,
            "support_other_law_purpose": REDACT,
        },
    ),
    "meetings.AgendaItem": Entry(rows="case", fields={"discussion": REDACT}),
    "meetings.Decision": Entry(rows="agenda_item__case", fields={"text": REDACT}),
    "meetings.Initiative": Entry(
        rows="case",
        fields={"kind": PLAN_KEY, "description": BLANK, "status": CHOICE, "outcome": BLANK},
    ),
    # Corrections are journal entries too.
    "cases.JournalEntry": Entry(rows="case", fields={"kind": CHOICE, "text": REDACT}),
    "cases.BreakGlassGrant": Entry(rows="case", fields={"reason": REDACT}),
    "cases.CaseAssignment": Entry(rows="case", fields={"reason": REDACT}),
    # Minutes are written per meeting and may name every case on the agenda: they go when the
    # last case on the agenda is anonymised (a meeting without an agenda: after the retention
    # period). Until then they stay with the cases that still need them.
    "meetings.Meeting": Entry(
        rows=MEETINGS,
        fields={
            "location": keep("a meeting room at the town hall, not a person's address"),
            "external_participants": BLANK,
            "minutes": REDACT,
            "status": CHOICE,
            "uid": KEY,
        },
    ),
    # -- Persons ---------------------------------------------------------------------------------
    # persons.services.forget_notification unlinks the notification and deletes the persons no
    # other notification refers to (with their rejected matches and merge records).
    "persons.Person": Entry(
        rows=PERSONS,
        fields={
            "cpr": DELETE_ROW,
            "name": DELETE_ROW,
            "address": DELETE_ROW,
            "norm_name": DELETE_ROW,
            "norm_address": DELETE_ROW,
            "name_fold": DELETE_ROW,
            "name_key": DELETE_ROW,
            "reference": DELETE_ROW,
        },
    ),
    # What the notifier typed about a related person (sibling, child in the household).
    "persons.NotificationPerson": Entry(
        rows=PERSONS,
        fields={
            "role": DELETE_ROW,
            "name": DELETE_ROW,
            "address": DELETE_ROW,
            "cpr": DELETE_ROW,
        },
    ),
    "persons.MergeRecord": Entry(
        fields={
            "moved_link_ids": keep("ids only (deleted with the persons)"),
            "moved_person_ids": keep("ids only (deleted with the persons)"),
        }
    ),
    # -- The press log ---------------------------------------------------------------------------
    # An inquiry linked to an expired case loses what could tell whom it was about, and the
    # journalist's and receiver's identity; the medium and the times stay for the press log's
    # statistics. Inquiries about no case, or a kept case, are kept.
    "press.PressInquiry": Entry(
        rows="case",
        fields={
            "medium": keep("the name of a newspaper or station, not a person"),
            "journalist_name": REDACT,
            "journalist_phone": BLANK,
            "journalist_email": BLANK,
            "subject": REDACT,
            "received_by_name": REDACT,
            "status": CHOICE,
            "answer_summary": REDACT,
        },
    ),
    "press.PressReminder": Entry(fields={"threshold": CHOICE}),
    # -- Not about a case ------------------------------------------------------------------------
    "plans.Plan": Entry(
        fields={
            "municipality_slug": keep("the municipality's code"),
            "municipality_name": keep("the municipality's name"),
        }
    ),
    "plans.PlanVersion": Entry(
        fields={
            "version": keep("the plan's version label"),
            "document": keep("the published plan: public contact points, no case data"),
            "content_hash": KEY,
            "source_name": keep("the plan file's name"),
        }
    ),
    "governance.RevisionReminder": Entry(fields={"threshold": CHOICE}),
    "governance.CoordinationMeeting": Entry(
        fields={
            "participants": keep(
                "the representatives of the municipality's units at a coordination meeting; "
                "a governance record about the plan, not about a case"
            ),
            "notes": keep(
                "status of the preparedness for the plan's review; a governance record kept "
                "under the archive rules, not about a case"
            ),
        }
    ),
    # The audit trail is append-only and chained: it holds keys and codes (`record` takes no
    # free text in `detail`), staff names as actors, and has a retention of its own.
    "audit.AuditEvent": Entry(
        fields={
            "actor_username": keep("the employee who acted: the log must name them"),
            "action": CHOICE,
            "object_type": KEY,
            "object_id": KEY,
            "person_key": KEY,
            "ip": keep("the address the request came from: part of the log"),
            "detail": keep("ids and codes only, by the rule of audit.services.record"),
            "prev_hash": KEY,
            "hash": KEY,
        }
    ),
    "audit.AuditSubject": Entry(
        fields={"key": keep("a reference, a person key or a keyed hash of a CPR number")}
    ),
    "audit.AuditRetention": Entry(fields={"hash": KEY, "signature": KEY}),
    "accounts.IdentityProviderDevice": Entry(
        fields={"name": keep("the name of an employee's second factor")}
    ),
    "accounts.ExternalIdentity": Entry(
        fields={
            "issuer": keep("the identity provider's address: links a staff account"),
            "subject": keep("the provider's opaque id of a staff member, not of a citizen"),
        }
    ),
    "accounts.SystemAccount": Entry(
        fields={"description": keep("which system uses the account (an integration, not a person)")}
    ),
    "accounts.ApiToken": Entry(
        fields={
            "prefix": KEY,
            "key_hash": KEY,
            "revoked_by": keep("the user name of the employee who revoked it: an account's log"),
        }
    ),
}

# Other packages' models hold no case data; each says why.
OUT_OF_SCOPE = {
    "admin": "the admin's change log: the admin edits plans, accounts and devices, never cases",
    "auth": "staff accounts and roles, not the people the cases are about",
    "contenttypes": "model names",
    "sessions": "staff sessions; they expire (BEREDSKAB_SESSION_SECONDS, `clearsessions`)",
    "otp_totp": "staff's second factors",
    "otp_static": "staff's backup codes",
    "axes": "sign-in attempts of staff accounts (the sign-in's own retention)",
    "django_tasks_database": "background tasks carry ids only (which e-mail to send)",
    "mozilla_django_oidc": "single sign-on with the municipality's identity provider",
}


def text_fields(model) -> list:
    return [
        f
        for f in model._meta.get_fields()
        if isinstance(f, TEXT_FIELDS) and f.concrete and not f.auto_created
    ]


def project_models() -> list:
    return [m for m in apps.get_models() if m._meta.app_config.name.startswith("beredskab.")]


def unclassified_fields() -> list[str]:
    """The text fields of the project's models that this registry does not classify."""
    missing = []
    for model in project_models():
        entry = REGISTRY.get(model._meta.label, Entry(fields={}))
        missing += [
            f"{model._meta.label}.{f.name}"
            for f in text_fields(model)
            if f.name not in entry.fields
        ]
    return missing


@dataclass(frozen=True)
class Removal:
    """A model's personal fields, grouped by how they are removed."""

    model: type[models.Model]
    rows: str
    blank: list[str] = field(default_factory=list)
    redact: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    delete_rows: bool = False


def removals(*, meetings: bool = False) -> list[Removal]:
    """What to remove, model by model: for the models tied to an expired case by a lookup, or
    (with `meetings`) for the Indsatsgruppe's meetings."""
    result = []
    for label, entry in REGISTRY.items():
        if entry.rows in (None, PERSONS) or (entry.rows == MEETINGS) != meetings:
            continue
        hows = {name: f.how for name, f in entry.fields.items()}
        result.append(
            Removal(
                model=apps.get_model(label),
                rows=entry.rows,
                blank=[n for n, h in hows.items() if h == How.BLANK],
                redact=[n for n, h in hows.items() if h == How.REDACT],
                files=[n for n, h in hows.items() if h == How.DELETE_FILE],
                delete_rows=any(h in (How.DELETE_ROW, How.DELETE_FILE) for h in hows.values()),
            )
        )
    return result
