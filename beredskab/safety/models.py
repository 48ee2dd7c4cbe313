"""Protection of the person from the family.

ProtectiveFlags sit on a case or on a person: "forældre/netværk må ikke kontaktes" (with the
reason, who set it and the risk assessment it rests on), "beskyttet adresse", and the safe contact
way (how, where, when, "ring ikke til hjemmet", language, an interpreter not from the family's
network). beredskab.outbox.gate reads them (through selectors.protection_facts) before anything
goes out. A ChildConversation records a talk with a child without the parents' consent (Barnets
Lov § 137, stk. 2). An OutgoingMessage is a letter, e-mail, meeting invitation, hearing or
referral copy the gate let go; a FeedbackTask is the feedback owed to a professional notifier
(§ 133) with its deadline.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from beredskab.intake.models import ContactMeans


class ProtectiveFlags(models.Model):
    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="protective_flags",
    )
    # A person's flags go with the person record (removed when no notification keeps it).
    person = models.OneToOneField(
        "persons.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="protective_flags",
    )
    no_family_contact = models.BooleanField(_("Forældre/netværk må ikke kontaktes"), default=False)
    no_family_contact_reason = models.TextField(_("begrundelse"), blank=True)
    no_family_contact_assessment = models.ForeignKey(
        "cases.RiskAssessment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bygger på risikovurdering"),
    )
    no_family_contact_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    no_family_contact_set_at = models.DateTimeField(null=True, blank=True)
    protected_address = models.BooleanField(_("Beskyttet adresse"), default=False)
    safe_means = models.CharField(
        _("sikker kontaktvej"), max_length=20, choices=ContactMeans.choices, blank=True
    )
    safe_address = models.CharField(_("nummer eller adresse"), max_length=300, blank=True)
    safe_times = models.CharField(_("hvornår"), max_length=200, blank=True)
    no_home_calls = models.BooleanField(_("Ring ikke til hjemmet"), default=False)
    language = models.CharField(_("sprog"), max_length=100, blank=True)
    interpreter_outside_network = models.BooleanField(
        _("Tolk, der ikke kommer fra familiens netværk"), default=False
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("beskyttelsesmarkering")
        verbose_name_plural = _("beskyttelsesmarkeringer")
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=False, person__isnull=True)
                | Q(case__isnull=True, person__isnull=False),
                name="protective_flags_case_or_person",
            )
        ]

    def __str__(self):
        return f"Beskyttelse {self.pk}"

    @property
    def any(self) -> bool:
        return bool(
            self.no_family_contact
            or self.protected_address
            or self.safe_means
            or self.no_home_calls
            or self.interpreter_outside_network
        )


class ChildConversation(models.Model):
    """A talk with the child without the parents' consent (Barnets Lov § 137, stk. 2)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="child_conversations"
    )
    held_at = models.DateTimeField(_("tidspunkt"))
    participants = models.CharField(_("hvem deltog"), max_length=500)
    place = models.CharField(_("hvor"), max_length=300)
    why_without_consent = models.TextField(_("hvorfor uden forældrenes samtykke"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-held_at", "-id"]

    def __str__(self):
        return f"Samtale {self.pk}"


class MessageKind(models.TextChoices):
    LETTER = "letter", _("Brev")
    EMAIL = "email", _("E-mail")
    MEETING_INVITATION = "meeting_invitation", _("Mødeindkaldelse")
    HEARING = "hearing", _("Partshøring")
    REFERRAL_COPY = "referral_copy", _("Kopi af henvisning")


class MessageRecipient(models.TextChoices):
    PERSON = "person", _("Personen selv")
    FAMILY = "family", _("Forældre/netværk")
    PARTNER = "partner", _("Samarbejdspartner")


class OutgoingMessage(models.Model):
    """A letter, e-mail, invitation, hearing or referral copy the gate let go. E-mails go through
    the outbox; a letter is recorded here as sent by post."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="messages")
    kind = models.CharField(_("hvad"), max_length=30, choices=MessageKind.choices)
    recipient = models.CharField(_("til"), max_length=20, choices=MessageRecipient.choices)
    means = models.CharField(_("hvordan"), max_length=20, choices=ContactMeans.choices)
    address = models.CharField(_("adresse, e-mail eller nummer"), max_length=300)
    subject = models.CharField(_("emne"), max_length=200)
    body = models.TextField(_("tekst"))
    meeting_at = models.DateTimeField(_("mødetidspunkt"), null=True, blank=True)
    meeting_place = models.CharField(_("mødested"), max_length=300, blank=True)
    email = models.ForeignKey(
        "outbox.OutboundEmail", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk}"


class FeedbackOutcome(models.TextChoices):
    INVESTIGATION = "investigation", _("Der er iværksat en undersøgelse")
    SUPPORT = "support", _("Der er iværksat støtte")
    NEITHER = "neither", _("Underretningen har ikke ført til en undersøgelse eller støtte")


class FeedbackTask(models.Model):
    """The feedback owed to a professional notifier: whether support or an investigation started
    (Barnets Lov § 133; the plan's `deadlines.feedback_working_days` sets the deadline)."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="feedback")
    due_at = models.DateTimeField(_("frist"), db_index=True)
    outcome = models.CharField(
        _("udfald"), max_length=20, choices=FeedbackOutcome.choices, blank=True
    )
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    email = models.ForeignKey(
        "outbox.OutboundEmail", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    def __str__(self):
        return f"Tilbagemelding {self.pk}"
