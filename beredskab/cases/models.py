"""Cases: the handling of a notification, from receipt to closing.

Life cycle: received -> assessed -> routed (to the children's unit or to the coordinator and the
Indsatsgruppe) -> in progress -> closed (with an outcome); a closed case can be reopened.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseState(models.TextChoices):
    RECEIVED = "received", _("Modtaget")
    ASSESSED = "assessed", _("Risikovurderet")
    ROUTED = "routed", _("Videregivet")
    IN_PROGRESS = "in_progress", _("I gang")
    CLOSED = "closed", _("Lukket")


# Modtagelsen's queue: the cases it still owns.
INTAKE_STATES = (CaseState.RECEIVED, CaseState.ASSESSED)


class Track(models.TextChoices):
    CHILD = "child", _("Barn (under 18 år)")
    ADULT = "adult", _("Voksen (18 år eller ældre)")
    UNDECIDED = "undecided", _("Ikke afgjort")


class Case(models.Model):
    notification = models.OneToOneField(
        "intake.Notification", on_delete=models.PROTECT, related_name="case"
    )
    state = models.CharField(
        _("status"), max_length=20, choices=CaseState.choices, default=CaseState.RECEIVED
    )
    track = models.CharField(_("spor"), max_length=20, choices=Track.choices)
    opened_at = models.DateTimeField(_("oprettet"))
    closed_at = models.DateTimeField(_("lukket"), null=True, blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_cases",
        verbose_name=_("tovholder"),
    )
    routed_at = models.DateTimeField(_("videregivet"), null=True, blank=True)
    close_reason = models.CharField(_("afslutningsårsag"), max_length=20, blank=True)
    close_note = models.TextField(_("begrundelse for afslutning"), blank=True)

    class Meta:
        verbose_name = _("sag")
        verbose_name_plural = _("sager")
        indexes = [models.Index(fields=["state", "track"], name="case_state_track_idx")]

    def __str__(self):
        return f"Sag {self.notification.reference}"

    @property
    def audit_key(self):
        return self.notification.reference

    def audit_subjects(self) -> set[str]:
        return self.notification.audit_subjects()


class CloseReason(models.TextChoices):
    RESOLVED = "resolved", _("Bekymringen er afklaret, og indsatsen er afsluttet")
    NO_GROUNDS = "no_grounds", _("Ingen grundlag for bekymring efter vurdering")
    DECLINED = "declined", _("Borgeren har takket nej til hjælp")
    MOVED = "moved", _("Borgeren er flyttet til en anden kommune")
    HANDED_OVER = "handed_over", _("Overgået til anden myndighed eller sag")
    OTHER = "other", _("Andet (se begrundelse)")


class CaseAssignment(models.Model):
    """A person the case is assigned to (beyond the coordinator): they may see and work on it
    while the assignment lasts. Who assigned whom, when and why is kept after it has ended
    (cases.access says who may assign whom; an assignment made in intake ends at routing)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_assignments"
    )
    assigned_at = models.DateTimeField()
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reason = models.TextField(_("begrundelse"), blank=True)
    ended_at = models.DateTimeField(_("ophørt"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=models.Q(ended_at__isnull=True),
                name="case_assignment_active_once",
            )
        ]

    def __str__(self):
        return f"{self.case} → {self.user}"


class RiskLevel(models.TextChoices):
    LOW = "low", _("Lav")
    MEDIUM = "medium", _("Middel")
    HIGH = "high", _("Høj")
    ACUTE = "acute", _("Akut")


class RiskAssessment(models.Model):
    """Modtagelsen's risk assessment. A revision is a new row; the newest is the current one."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assessments")
    revision = models.PositiveSmallIntegerField()
    level = models.CharField(_("risikoniveau"), max_length=10, choices=RiskLevel.choices)
    acute_action_needed = models.BooleanField(_("akut indsats nødvendig"))
    police_contacted = models.BooleanField(_("politiet kontaktet"), default=False)
    safe_house = models.BooleanField(_("sikkert opholdssted / krisecenter"), default=False)
    social_doegnvagt = models.BooleanField(_("Social Døgnvagt kontaktet"), default=False)
    other_action = models.CharField(_("anden akut handling"), max_length=300, blank=True)
    justification = models.TextField(_("begrundelse"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField(_("vurderet"))

    class Meta:
        ordering = ["case", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["case", "revision"], name="assessment_revision_once")
        ]

    def __str__(self):
        return f"{self.case} vurdering {self.revision}"


class RiskAnswer(models.TextChoices):
    YES = "yes", _("Ja")
    NO = "no", _("Nej")
    UNKNOWN = "unknown", _("Ved ikke")


class RiskFactorAnswer(models.Model):
    """One of the plan's risk factors (by key) answered in an assessment."""

    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE, related_name="answers")
    factor = models.CharField(max_length=50)
    answer = models.CharField(max_length=10, choices=RiskAnswer.choices)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.factor}: {self.answer}"


class HandoverMethod(models.TextChoices):
    MEETING = "meeting", _("Personligt møde")
    PHONE = "phone", _("Telefon")
    SECURE_EMAIL = "secure_email", _("Sikker e-mail")
    CASE_SYSTEM = "case_system", _("Fagsystem")


class Handover(models.Model):
    """A child's case handed to the children's unit under the plan for abuse against children."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="handovers")
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("modtaget af (medarbejder)"),
    )
    received_by_name = models.CharField(_("modtaget af"), max_length=200)
    received_at = models.DateTimeField(_("modtaget"))
    method = models.CharField(_("hvordan"), max_length=20, choices=HandoverMethod.choices)
    note = models.TextField(_("bemærkning"), blank=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self):
        return f"{self.case} overdraget {self.received_at:%Y-%m-%d}"


class JournalKind(models.TextChoices):
    NOTE = "note", _("Notat")
    STATE = "state", _("Status ændret")
    DEADLINE = "deadline", _("Frist")
    ASSESSMENT = "assessment", _("Risikovurdering")
    ROUTING = "routing", _("Videregivet")
    HANDOVER = "handover", _("Overdraget til Børneenheden")
    COORDINATOR = "coordinator", _("Tovholder")
    COUNSELLING = "counselling", _("Rådgivning (§ 12 a)")
    ACTION_PLAN = "action_plan", _("Handleplan (§ 12 a)")
    MEETING = "meeting", _("Indsatsgruppen")
    DECISION = "decision", _("Beslutning")
    INITIATIVE = "initiative", _("Indsats / henvisning")
    ACCESS = "access", _("Adgang (bryd glasset)")
    ASSIGNMENT = "assignment", _("Tildeling")
    CORRECTION = "correction", _("Rettelse")


class JournalEntry(models.Model):
    """The case's journal: append-only. A correction is a new entry pointing to the one it
    corrects; nothing is edited or deleted."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="journal")
    at = models.DateTimeField(db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=JournalKind.choices)
    text = models.TextField()
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("journalnotat")
        verbose_name_plural = _("journal")

    def __str__(self):
        return f"{self.case} {self.at:%Y-%m-%d %H:%M} {self.kind}"


class BreakGlassGrant(models.Model):
    """Time-limited access to a case for someone without need to know, with a written reason;
    journaled, audited and reported to the leader."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="break_glass_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("begrundelse"))
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.user} → {self.case} til {self.expires_at:%Y-%m-%d %H:%M}"
