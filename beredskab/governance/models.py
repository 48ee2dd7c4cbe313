"""The plan's governance records: the reminders that the revision date is near, and the
coordination meetings that review the plan.

Both tables were made when these models belonged to the plans app and keep their names
(migrations/0001_initial.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beredskab.plans.models import PlanVersion


class RevisionThreshold(models.TextChoices):
    """How long before the revision date the leaders are reminded (least urgent first)."""

    SIX_MONTHS = "6_months", _("6 måneder før")
    THREE_MONTHS = "3_months", _("3 måneder før")


class RevisionReminder(models.Model):
    """A reminder that a published version's revision date is near, e-mailed once.

    Unique per (version, threshold, revision date): two runs of `remind_plan_revision` at the same
    time record it once, and only the run that records it queues the e-mails. A new revision date
    on the same version (recorded with the adoption) is a new date to remind about.
    """

    plan_version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="revision_reminders"
    )
    threshold = models.CharField(_("tærskel"), max_length=20, choices=RevisionThreshold.choices)
    next_revision = models.DateField(_("næste revision"))
    sent_at = models.DateTimeField(_("sendt"))
    # 0 when a more urgent threshold was reached at the same time and reminded instead.
    emails_queued = models.PositiveIntegerField(_("e-mails"), default=0)

    class Meta:
        db_table = "plans_revisionreminder"  # made when the model was the plans app's
        verbose_name = _("påmindelse om revision")
        verbose_name_plural = _("påmindelser om revision")
        constraints = [
            models.UniqueConstraint(
                fields=["plan_version", "threshold", "next_revision"],
                name="revision_reminder_once",
            )
        ]

    def __str__(self):
        return f"{self.plan_version}: {self.get_threshold_display()}"


class CoordinationMeeting(models.Model):
    """A coordination meeting (koordineringsmøde): the coordinator and the representatives of
    Borgerservice, Skole & Dagtilbud and Ældre & Sundhed review the status of the preparedness and
    update the plan, about twice a year (the plan's organisation.meetings_per_year)."""

    starts_at = models.DateTimeField(_("tidspunkt"), db_index=True)
    participants = models.TextField(_("deltagere"))
    notes = models.TextField(_("noter"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        db_table = "plans_coordinationmeeting"  # made when the model was the plans app's
        verbose_name = _("koordineringsmøde")
        verbose_name_plural = _("koordineringsmøder")
        ordering = ["-starts_at", "-id"]

    def __str__(self):
        return f"Koordineringsmøde {self.starts_at:%Y-%m-%d %H:%M}"


class PlanDraft(models.Model):
    """A plan being written in the plan editor: the plan file's data as typed, valid or not.

    Several administrators may edit it; each page of the editor has its own revision number,
    so that two saving the same page from the same revision get a conflict, not an overwrite.
    """

    municipality_slug = models.SlugField(_("kommune (kode)"), max_length=50)
    document = models.JSONField(_("indhold"))
    # {page slug: revision}; {page slug: {"by": username, "at": ISO time}} of the last save.
    revisions = models.JSONField(default=dict)
    saved_by = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gemt"), auto_now=True)
    # The version it was sent for approval as; editing again starts from the returned version.
    submitted_version = models.ForeignKey(
        PlanVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("plankladde")
        verbose_name_plural = _("plankladder")
        ordering = ["-updated_at", "-id"]

    def __str__(self):
        return f"{self.municipality_slug} {self.document.get('plan', {}).get('version', '')}"

    def revision(self, page: str) -> int:
        return int(self.revisions.get(page, 0))


class ReviewDecision(models.TextChoices):
    PENDING = "pending", _("Til godkendelse")
    APPROVED = "approved", _("Godkendt")
    RETURNED = "returned", _("Sendt tilbage")


class VersionReview(models.Model):
    """A version sent for approval, and the named leader's decision on it. Only an approved
    version is published."""

    plan_version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="reviews")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("sendt til godkendelse"))
    decision = models.CharField(
        _("afgørelse"),
        max_length=16,
        choices=ReviewDecision.choices,
        default=ReviewDecision.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    note = models.TextField(_("bemærkning"), blank=True)

    class Meta:
        verbose_name = _("godkendelse af planversion")
        verbose_name_plural = _("godkendelser af planversioner")
        ordering = ["-submitted_at", "-id"]

    def __str__(self):
        return f"{self.plan_version}: {self.get_decision_display()}"
