"""The press log (the plan's annex 1): inquiries from journalists, who answers them and by when.

Whoever takes a press call registers it; the spokesperson (pressekontakt) or the leader answers it
before the journalist's deadline, and is reminded by e-mail when the deadline is near or passed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class InquiryStatus(models.TextChoices):
    NEW = "new", _("Ny")
    ASSIGNED = "assigned", _("Tildelt")
    ANSWERED = "answered", _("Besvaret")
    CLOSED = "closed", _("Afsluttet")


# Inquiries still waiting for an answer: listed first and reminded.
OPEN_STATUSES = (InquiryStatus.NEW, InquiryStatus.ASSIGNED)


class PressInquiry(models.Model):
    medium = models.CharField(_("medie"), max_length=200)
    journalist_name = models.CharField(_("journalistens navn"), max_length=200)
    journalist_phone = models.CharField(_("journalistens telefon"), max_length=40)
    journalist_email = models.EmailField(_("journalistens e-mail"), blank=True)
    subject = models.TextField(_("hvad det handler om"), max_length=4000)
    deadline = models.DateTimeField(_("journalistens frist"))
    received_at = models.DateTimeField(_("modtaget"))
    # Who took the call: a user, or the name of someone without an account (e.g. a teacher).
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("modtaget af"),
    )
    received_by_name = models.CharField(_("modtaget af (navn)"), max_length=200, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="press_inquiries",
        verbose_name=_("sag"),
    )
    spokesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="press_inquiries",
        verbose_name=_("ansvarlig for svaret"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=InquiryStatus.choices, default=InquiryStatus.NEW
    )
    answered_at = models.DateTimeField(_("besvaret"), null=True, blank=True)
    answer_summary = models.TextField(_("svarets indhold"), blank=True, max_length=4000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registreret af"),
    )
    created_at = models.DateTimeField(_("registreret"))

    class Meta:
        verbose_name = _("pressehenvendelse")
        verbose_name_plural = _("pressehenvendelser")
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["status", "deadline"], name="press_status_deadline_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(received_by__isnull=False) | ~Q(received_by_name=""),
                name="press_received_by_someone",
            )
        ]

    def __str__(self):
        return f"Pressehenvendelse #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def receiver_name(self) -> str:
        if self.received_by is not None:
            return self.received_by.get_full_name() or self.received_by.get_username()
        return self.received_by_name


class ReminderThreshold(models.TextChoices):
    BEFORE = "before", _("Frist nærmer sig")
    OVERDUE = "overdue", _("Frist overskredet")


class PressReminder(models.Model):
    """A reminder e-mailed about an inquiry's deadline: once per threshold, even when two runs
    race."""

    inquiry = models.ForeignKey(PressInquiry, on_delete=models.CASCADE, related_name="reminders")
    threshold = models.CharField(max_length=20, choices=ReminderThreshold.choices)
    sent_at = models.DateTimeField(_("sendt"))

    class Meta:
        verbose_name = _("påmindelse om pressefrist")
        verbose_name_plural = _("påmindelser om pressefrister")
        ordering = ["sent_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "threshold"], name="press_reminder_once")
        ]

    def __str__(self):
        return f"{self.inquiry}: {self.get_threshold_display()}"
