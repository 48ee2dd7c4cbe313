"""Outgoing e-mail, saved before it is sent: a mail server that is down loses nothing.

A message is written in the same transaction as the change that causes it (a notification's
receipt, a deadline warning) and delivered by the background worker with retries.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailKind(models.TextChoices):
    RECEIPT = "receipt", _("Kvittering til underretter")
    DEADLINE_WARNING = "deadline_warning", _("Påmindelse om frist")
    DEADLINE_OVERDUE = "deadline_overdue", _("Frist overskredet")
    ACUTE_ALERT = "acute_alert", _("Akut-alarm")
    ACUTE_ESCALATION = "acute_escalation", _("Akut-alarm eskaleret")
    WAITING_NOTICE = "waiting_notice", _("Besked om ny underretning")
    CASE_PROMPT = "case_prompt", _("Besked om en sag")
    OTHER = "other", _("Andet")


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Venter")
    SENT = "sent", _("Sendt")
    FAILED = "failed", _("Kunne ikke sendes")


class OutboundEmail(models.Model):
    kind = models.CharField(max_length=30, choices=EmailKind.choices)
    notification = models.ForeignKey(
        "intake.Notification",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="emails",
    )
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(
        max_length=20, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(db_index=True)
    # A worker holds the message until this time while it sends; after it, another may retry.
    locked_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=200, unique=True)

    class Meta:
        verbose_name = _("udgående e-mail")
        verbose_name_plural = _("udgående e-mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"
