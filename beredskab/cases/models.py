"""Cases: the handling of a notification, from receipt to closing.

Life cycle: received -> assessed -> routed (to the children's unit or to the coordinator and the
Indsatsgruppe) -> in progress -> closed (with an outcome); a closed case can be reopened.
The allowed moves are one table, and every move goes through one function: cases.workflow.
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
    # When the case is looked at again (opfølgningsdato): set at routing and reopening, moved by
    # whoever works on it; the day it comes, they are reminded (cases.reviews).
    review_on = models.DateField(_("opfølgningsdato"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("sag")
        verbose_name_plural = _("sager")
        indexes = [
            models.Index(fields=["state", "track"], name="case_state_track_idx"),
            # Each caseworker's open cases (Mit arbejde, the leader's view of the team's load).
            models.Index(
                fields=["coordinator"],
                condition=~models.Q(state=CaseState.CLOSED),
                name="case_open_coordinator_idx",
            ),
            # The cases Modtagelsen has handed over, newest first (life_course.handed_over_cases).
            models.Index(
                fields=["-routed_at"],
                condition=models.Q(routed_at__isnull=False),
                name="case_routed_idx",
            ),
        ]

    def __str__(self):
        return f"Sag {self.notification.reference}"

    @property
    def audit_key(self):
        return self.notification.reference

    def audit_subjects(self) -> set[str]:
        return self.notification.audit_subjects()


class CloseReason(models.TextChoices):
    RESOLVED = "resolved", _("Bekymringen er afklaret, og indsatsen er afsluttet")
    NO_GROUNDS = "no_grounds", _("Intet grundlag for bekymring efter vurdering")
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
    """The single overall level of the assessment form used before the structured one; kept on
    the assessments made with it."""

    LOW = "low", _("Lav")
    MEDIUM = "medium", _("Middel")
    HIGH = "high", _("Høj")
    ACUTE = "acute", _("Akut")


class AssessmentKind(models.TextChoices):
    """The 24-hour screening (is acute action needed?) and the full structured assessment that
    § 12 a action plans, the § 18, stk. 3 decision and the Indsatsgruppe rely on."""

    SCREENING = "screening", _("Indledende risikoscreening")
    FULL = "full", _("Risikovurdering")


class Judgement(models.TextChoices):
    LOW = "low", _("Lav")
    MEDIUM = "medium", _("Middel")
    HIGH = "high", _("Høj")


class FamilyContact(models.TextChoices):
    """Barnets Lov § 18, stk. 3: may parents or network be involved? Nothing goes to the family
    until an assessment says it is safe (beredskab.outbox.gate)."""

    SAFE = "safe", _("Forældre/netværk kan inddrages")
    NOT_SAFE = "not_safe", _("Forældre/netværk må ikke inddrages")


class RiskAssessment(models.Model):
    """A risk screening or a full risk assessment. A revision is a new row (numbered across both
    kinds); the newest full assessment is the one later steps rely on.

    The full assessment follows the structure of structured professional judgement: the plan's
    factors in three domains rated now and earlier, scenarios, likely victims, protective
    factors and two separate judgements (serious violence, acute risk)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assessments")
    revision = models.PositiveSmallIntegerField()
    kind = models.CharField(
        _("type"), max_length=10, choices=AssessmentKind.choices, default=AssessmentKind.FULL
    )
    level = models.CharField(
        _("samlet risikoniveau (tidligere skema)"),
        max_length=10,
        choices=RiskLevel.choices,
        blank=True,
    )
    serious_violence = models.CharField(
        _("risiko for alvorlig vold"), max_length=10, choices=Judgement.choices, blank=True
    )
    acute_risk = models.CharField(
        _("akut risiko"), max_length=10, choices=Judgement.choices, blank=True
    )
    family_contact = models.CharField(
        _("Kan forældre/netværk inddrages?"),
        max_length=16,
        choices=FamilyContact.choices,
        blank=True,
    )
    acute_action_needed = models.BooleanField(_("akut indsats nødvendig"))
    police_contacted = models.BooleanField(_("politiet kontaktet"), default=False)
    safe_house = models.BooleanField(_("sikkert opholdssted / krisecenter"), default=False)
    social_doegnvagt = models.BooleanField(_("Social Døgnvagt kontaktet"), default=False)
    other_action = models.CharField(_("anden akut handling"), max_length=300, blank=True)
    justification = models.TextField(_("begrundelse"))
    protective_factors = models.TextField(_("beskyttende faktorer"), blank=True)
    sources = models.TextField(_("kilder til oplysningerne"), blank=True)
    change_reason = models.TextField(_("hvad er ændret og hvorfor"), blank=True)
    review_on = models.DateField(_("revurderes senest"), null=True, blank=True)
    known_travel_on = models.DateField(_("kendt rejse eller ferie"), null=True, blank=True)
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

    @property
    def is_screening(self) -> bool:
        return self.kind == AssessmentKind.SCREENING

    @property
    def is_high(self) -> bool:
        return Judgement.HIGH in (self.serious_violence, self.acute_risk)


class FactorRating(models.TextChoices):
    PRESENT = "present", _("Til stede")
    PARTLY = "partly", _("Delvist til stede")
    ABSENT = "absent", _("Ikke til stede")
    UNKNOWN = "unknown", _("Ved ikke")


class RiskFactorAnswer(models.Model):
    """One of the plan's risk factors (by key) rated in an assessment, now and earlier."""

    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE, related_name="answers")
    factor = models.CharField(max_length=50)
    now = models.CharField(_("nu"), max_length=10, choices=FactorRating.choices)
    earlier = models.CharField(
        _("tidligere"), max_length=10, choices=FactorRating.choices, blank=True
    )
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.factor}: {self.now}"


class HowSoon(models.TextChoices):
    DAYS = "days", _("Inden for dage")
    WEEKS = "weeks", _("Inden for uger")
    MONTHS = "months", _("Inden for måneder")
    UNKNOWN = "unknown", _("Uvist")


class RiskScenario(models.Model):
    """A scenario the assessor writes: what could happen, who would do it, how soon."""

    assessment = models.ForeignKey(
        RiskAssessment, on_delete=models.CASCADE, related_name="scenarios"
    )
    what = models.TextField(_("hvad kan der ske"))
    who = models.CharField(_("hvem"), max_length=300)
    how_soon = models.CharField(_("hvor snart"), max_length=10, choices=HowSoon.choices)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.assessment} scenarie {self.pk}"


class VictimRelation(models.TextChoices):
    PERSON = "person", _("Personen selv")
    SIBLING = "sibling", _("Søskende")
    OTHER_CHILD = "other_child", _("Andet barn")
    PARTNER = "partner", _("Kæreste eller ægtefælle")
    OTHER_ADULT = "other_adult", _("Anden voksen")


class LikelyVictim(models.Model):
    """Someone the assessor judges likely to be harmed. A child other than the person is
    someone to notify about (the heightened duty to notify)."""

    assessment = models.ForeignKey(
        RiskAssessment, on_delete=models.CASCADE, related_name="likely_victims"
    )
    relation = models.CharField(_("relation"), max_length=12, choices=VictimRelation.choices)
    description = models.CharField(_("hvem"), max_length=200)
    is_child = models.BooleanField(_("under 18 år"), default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.assessment} {self.relation}"

    @property
    def needs_notification(self) -> bool:
        return self.is_child and self.relation != VictimRelation.PERSON


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
    HANDOVER = "handover", _("Overdraget")
    COORDINATOR = "coordinator", _("Tovholder")
    COUNSELLING = "counselling", _("Rådgivning (§ 12 a)")
    ACTION_PLAN = "action_plan", _("Handleplan (§ 12 a)")
    MEETING = "meeting", _("Indsatsgruppen")
    DECISION = "decision", _("Beslutning")
    INITIATIVE = "initiative", _("Indsats / henvisning")
    ACCESS = "access", _("Adgang (bryd glasset)")
    ASSIGNMENT = "assignment", _("Tildeling")
    CORRECTION = "correction", _("Rettelse")
    REVIEW = "review", _("Opfølgningsdato")
    PROTECTION = "protection", _("Beskyttelse")
    CHILD_CONVERSATION = "child_conversation", _("Samtale uden forældres samtykke (§ 137, stk. 2)")
    COMMUNICATION = "communication", _("Udgående kommunikation")
    FEEDBACK = "feedback", _("Tilbagemelding til underretter (§ 133)")
    ACUTE = "acute", _("Akut fare")
    AGE_LIMIT = "age_limit", _("Aldersgrænse (voksensporet)")
    RECEIVING_STATUS = "receiving_status", _("Status fra modtagende enhed")
    MOVED = "moved", _("Flyttet til anden kommune")


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


class ReviewReminder(models.Model):
    """A reminder sent because a case's review date came: one per case and date (once.py)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="review_reminders")
    review_on = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "review_on"], name="review_reminder_once")
        ]

    def __str__(self):
        return f"{self.case} {self.review_on}"


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


class AgeLimitEvent(models.Model):
    """The person of an open child case reached the plan's age for the adult track
    (`tracks.adult_from_age`): recorded once per case and age, however often the watch runs."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="age_limit_events")
    age = models.PositiveSmallIntegerField()
    reached_on = models.DateField()
    at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "age"], name="age_limit_event_once")]

    def __str__(self):
        return f"{self.case} {self.age} år"


class ReceivingStatus(models.TextChoices):
    RECEIVED = "received", _("Modtaget")
    INVESTIGATION_STARTED = "investigation_started", _("Undersøgelse startet")
    CLOSED = "closed", _("Afsluttet")


class ReceivingStatusReport(models.Model):
    """The receiving unit's status of a case after the hand-over, so the case does not vanish
    from view: a new row for each report, the newest is the status."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="receiving_statuses")
    status = models.CharField(_("status"), max_length=30, choices=ReceivingStatus.choices)
    note = models.CharField(_("bemærkning"), max_length=500, blank=True)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.case} {self.status}"


class MoveNotice(models.Model):
    """The person moved to another municipality: the task to inform the new municipality, made
    when the case is closed for that reason, and when and how it was done."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="move_notice")
    new_municipality = models.CharField(_("den nye kommune"), max_length=100)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    informed_at = models.DateTimeField(_("orienteret"), null=True, blank=True)
    informed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    how = models.CharField(_("hvordan"), max_length=300, blank=True)

    def __str__(self):
        return f"{self.case} flyttet"
