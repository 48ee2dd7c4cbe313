"""The audit trail: an append-only record of every read and change of sensitive data.

An event is inserted in the transaction of what it records, unsealed and without taking a lock
(its `id` gives the insert order). The sealer (`manage.py seal_audit`) then chains the committed
events in order under a lock of its own: it gives each the next chain position `seq` and an
HMAC, with a key kept outside the database, over the event's fields, its subjects and the
previous event's hash. Signed checkpoints of the chain's head, written outside the database,
let `manage.py verify_audit` notice deleted, truncated or rewritten stretches even by someone
who holds the key. On PostgreSQL a trigger refuses every change but sealing, and every deletion
but the retention job's (migration 0003).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    at = models.DateTimeField(_("tidspunkt"), db_index=True)
    # The actor is kept as plain values (not a foreign key): deleting a user cannot alter the chain.
    actor_id = models.PositiveBigIntegerField(_("medarbejder-id"), null=True, db_index=True)
    actor_username = models.CharField(_("medarbejder"), max_length=150, blank=True)
    action = models.CharField(_("handling"), max_length=60, db_index=True)
    object_type = models.CharField(_("objekttype"), max_length=60, blank=True)
    object_id = models.CharField(_("objekt"), max_length=64, blank=True, db_index=True)
    # Kept for callers that name the person themselves; the subjects are what the auditor searches.
    person_key = models.CharField(_("person"), max_length=64, blank=True, db_index=True)
    ip = models.CharField(_("fra adresse"), max_length=45, blank=True)
    detail = models.JSONField(_("detaljer"), default=dict, blank=True)
    # Set once by the sealer: the position in the chain (no gaps), the previous hash and the HMAC.
    seq = models.PositiveBigIntegerField(null=True, blank=True, unique=True, editable=False)
    prev_hash = models.CharField(max_length=64, blank=True, default="", editable=False)
    hash = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("loghændelse")
        verbose_name_plural = _("loghændelser")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            # The sealer's work list: only the few events not sealed yet are in this index.
            models.Index(fields=["id"], condition=Q(seq__isnull=True), name="audit_unsealed_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq or '-'} {self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"


class AuditSubject(models.Model):
    """Whom an event is about: a notification or case reference, a person's key, or a keyed hash
    of a CPR number (`beredskab.audit.subjects`). One search by any of them finds every event
    about the person; the subjects are covered by the event's HMAC."""

    event = models.ForeignKey(AuditEvent, on_delete=models.CASCADE, related_name="subjects")
    key = models.CharField(max_length=80)
    # The event's time, so that a search by person and dates is one index range.
    at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "key"], name="audit_subject_once")]
        indexes = [models.Index(fields=["key", "at"], name="audit_subject_key_at_idx")]

    def __str__(self) -> str:
        return self.key


class AuditRetention(models.Model):
    """The retention job deleted the events up to and including chain position `seq`, whose hash
    was `hash`: the chain goes on from there. Signed with the audit key, and written to the
    checkpoints outside the database before anything is deleted."""

    seq = models.PositiveBigIntegerField(unique=True)
    hash = models.CharField(max_length=64)
    deleted = models.PositiveBigIntegerField()
    at = models.DateTimeField()
    signature = models.CharField(max_length=64)

    class Meta:
        ordering = ["-seq"]

    def __str__(self) -> str:
        return f"≤ #{self.seq}"
