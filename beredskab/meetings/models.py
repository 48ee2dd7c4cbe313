"""The Indsatsgruppe (the intervention group for adults): its meetings, the cases on their
agendas, the decisions taken together, and the initiatives and referrals on a case.

The tables were created by the cases app and keep its names (cases_meeting, ...): only the
models moved here (cases.0004, meetings.0001).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beredskab.cases.models import Case


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    HELD = "held", _("Afholdt")
    CANCELLED = "cancelled", _("Aflyst")


class Meeting(models.Model):
    """A meeting of the Indsatsgruppe (the intervention group for adults)."""

    starts_at = models.DateTimeField(_("tidspunkt"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(_("varighed (minutter)"), default=60)
    location = models.CharField(_("sted"), max_length=200)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="meetings", verbose_name=_("deltagere")
    )
    external_participants = models.CharField(_("andre deltagere"), max_length=500, blank=True)
    minutes = models.TextField(_("referat"), blank=True)
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The invited members read the cases on the agenda from this moment (meetings.access).
    agenda_sent_at = models.DateTimeField(_("dagsorden udsendt"), null=True, blank=True)
    uid = models.CharField(max_length=100, unique=True)  # the calendar invitation's UID
    sequence = models.PositiveIntegerField(default=0)  # bumped when the invitation changes

    class Meta:
        db_table = "cases_meeting"
        ordering = ["-starts_at"]

    def __str__(self):
        return f"Indsatsgruppemøde {self.starts_at:%Y-%m-%d %H:%M}"

    def audit_subjects(self) -> set[str]:
        """The meeting's pages show the cases on its agenda: events about it concern them."""
        keys = set()
        for item in self.agenda.select_related("case__notification"):
            keys |= item.case.audit_subjects()
        return keys


class AgendaItem(models.Model):
    """A case on a meeting's agenda. The meeting's invited members may see the case from when the
    agenda is sent until a while after the meeting (the plan says how long)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=0)
    discussion = models.TextField(_("drøftelse"), blank=True)

    class Meta:
        db_table = "cases_agendaitem"
        ordering = ["meeting", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "case"], name="agenda_case_once")]

    def __str__(self):
        return f"{self.meeting}: {self.case}"


class Decision(models.Model):
    """A decision the Indsatsgruppe took together about a case."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions")
    text = models.TextField(_("beslutning"))
    decided_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        db_table = "cases_decision"

    def __str__(self):
        return f"Beslutning {self.pk}"


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    REFERRED = "referred", _("Henvist")
    IN_PROGRESS = "in_progress", _("I gang")
    COMPLETED = "completed", _("Gennemført")
    DECLINED = "declined", _("Afvist / takket nej")
    CANCELLED = "cancelled", _("Annulleret")


OPEN_INITIATIVE_STATES = (
    InitiativeStatus.PLANNED,
    InitiativeStatus.REFERRED,
    InitiativeStatus.IN_PROGRESS,
)


class PartnerAnswer(models.TextChoices):
    ACKNOWLEDGED = "acknowledged", _("Modtagelse bekræftet")
    ACCEPTED = "accepted", _("Taget imod")
    DECLINED = "declined", _("Afvist")


class Initiative(models.Model):
    """An initiative or referral from the plan's catalogue (initiative_types), e.g. a police
    report, RED Safehouse, a crisis shelter; often the result of an Indsatsgruppe decision."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="initiatives")
    kind = models.CharField(_("indsats"), max_length=50, db_index=True)
    description = models.CharField(_("beskrivelse"), max_length=500, blank=True)
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="initiatives"
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="responsible_initiatives",
        verbose_name=_("ansvarlig"),
    )
    due_on = models.DateField(_("frist"), db_index=True)
    status = models.CharField(
        max_length=15, choices=InitiativeStatus.choices, default=InitiativeStatus.PLANNED
    )
    referred_on = models.DateField(_("henvist den"), null=True, blank=True)
    # A referral's answer from the partner (sent = referred_on): acknowledged, then accepted or
    # declined. Without an answer the responsible person is reminded (meetings.referrals).
    partner_answer = models.CharField(
        _("svar fra samarbejdspartner"), max_length=15, choices=PartnerAnswer.choices, blank=True
    )
    answered_on = models.DateField(_("svar modtaget"), null=True, blank=True)
    outcome = models.TextField(_("resultat"), blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        db_table = "cases_initiative"
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["status", "due_on"], name="initiative_status_due_idx"),
            # Each caseworker's open initiatives (Mit arbejde, the team's load).
            models.Index(
                fields=["responsible", "due_on"],
                condition=models.Q(status__in=OPEN_INITIATIVE_STATES),
                name="initiative_open_resp_idx",
            ),
        ]

    def __str__(self):
        return f"{self.kind} ({self.get_status_display()})"


class ReferralReminder(models.Model):
    """A reminder sent because a partner has not answered a referral (once each, once.py)."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="referral_reminder"
    )
    sent_at = models.DateTimeField()

    def __str__(self):
        return f"{self.initiative} {self.sent_at:%Y-%m-%d}"
