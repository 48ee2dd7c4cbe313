"""The history of a notification's deadlines: set, due soon, overdue, met, missed.

A (notification, deadline, event) triple is unique, so a warning is recorded, and e-mailed,
once per threshold even when two sweeps run at the same time.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeadlineKind(models.TextChoices):
    ASSESSMENT = "assessment", _("Risikovurdering")
    RECEIPT = "receipt", _("Kvittering til underretter")


class DeadlineEventKind(models.TextChoices):
    SET = "set", _("Frist fastsat")
    DUE_SOON = "due_soon", _("Frist nærmer sig")
    OVERDUE = "overdue", _("Frist overskredet")
    MET = "met", _("Overholdt")
    MISSED = "missed", _("Ikke overholdt")


class DeadlineEvent(models.Model):
    notification = models.ForeignKey(
        "intake.Notification", on_delete=models.CASCADE, related_name="deadline_events"
    )
    deadline = models.CharField(max_length=20, choices=DeadlineKind.choices)
    event = models.CharField(max_length=20, choices=DeadlineEventKind.choices)
    at = models.DateTimeField(_("tidspunkt"))
    due_at = models.DateTimeField(_("frist"))

    class Meta:
        verbose_name = _("fristhændelse")
        verbose_name_plural = _("fristhændelser")
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "deadline", "event"], name="deadline_event_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_deadline_display()}: {self.get_event_display()}"
