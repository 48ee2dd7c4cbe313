"""The audit trail: an append-only, hash-chained record of every read and change of sensitive data.

Each event's hash covers its own fields and the previous event's hash, and `seq` numbers the chain
without gaps, so `manage.py verify_audit` detects a changed, deleted or reordered row.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField(_("tidspunkt"), db_index=True)
    # The actor is kept as plain values (not a foreign key): deleting a user cannot alter the chain.
    actor_id = models.PositiveBigIntegerField(_("medarbejder-id"), null=True, db_index=True)
    actor_username = models.CharField(_("medarbejder"), max_length=150, blank=True)
    action = models.CharField(_("handling"), max_length=60, db_index=True)
    object_type = models.CharField(_("objekttype"), max_length=60, blank=True)
    object_id = models.CharField(_("objekt"), max_length=64, blank=True, db_index=True)
    person_key = models.CharField(_("person"), max_length=64, blank=True, db_index=True)
    ip = models.CharField(_("fra adresse"), max_length=45, blank=True)
    detail = models.JSONField(_("detaljer"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("loghændelse")
        verbose_name_plural = _("loghændelser")
        ordering = ["-seq"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self):
        return f"#{self.seq} {self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"


class AuditChainHead(models.Model):
    """One row: the newest event's sequence number and hash. Locking it serialises appends."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self):
        return f"#{self.seq}"
