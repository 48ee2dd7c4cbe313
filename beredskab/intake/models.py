"""Notifications (underretninger): what was received, from whom, about whom, and its deadlines.

A notification is kept as received; its handling (assessment, routing, journal) lives in the case
(`beredskab.cases`). Names, CPR numbers and free text here are personal data: they never go into
URLs, logs or e-mail subjects; the `reference` is the notification's only outward name.
"""

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beredskab.audit.subjects import cpr_subject

# Crockford's base32 without look-alikes: easy to read aloud on the phone.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference() -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"U-{code[:4]}-{code[4:]}"


class Channel(models.TextChoices):
    WEB_PROFESSIONAL = "web_professional", _("Webformular, fagperson")
    WEB_CITIZEN = "web_citizen", _("Webformular, borger")
    PHONE = "phone", _("Telefon")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Brev")
    POLICE = "police", _("Politiet")
    SOCIAL_DOEGNVAGT = "social_doegnvagt", _("Social Døgnvagt")
    API = "api", _("Andet fagsystem (API)")


STAFF_CHANNELS = [
    Channel.PHONE,
    Channel.EMAIL,
    Channel.LETTER,
    Channel.POLICE,
    Channel.SOCIAL_DOEGNVAGT,
    Channel.WEB_PROFESSIONAL,
    Channel.WEB_CITIZEN,
]


class NotifierKind(models.TextChoices):
    PROFESSIONAL = "professional", _("Fagperson")
    CITIZEN = "citizen", _("Borger")
    ANONYMOUS = "anonymous", _("Anonym")
    AUTHORITY = "authority", _("Myndighed (politi, døgnvagt)")


class AgeGroup(models.TextChoices):
    CHILD = "child", _("Under 18 år")
    ADULT = "adult", _("18 år eller ældre")
    UNKNOWN = "unknown", _("Alder ukendt")


class YesNoUnknown(models.TextChoices):
    YES = "yes", _("Ja")
    NO = "no", _("Nej")
    UNKNOWN = "unknown", _("Ved ikke")


class ReceiptMethod(models.TextChoices):
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Brev")
    PHONE = "phone", _("Telefon")
    NOT_POSSIBLE = "not_possible", _("Ikke muligt (anonym)")
    # A citizen who did not ask for a receipt gets none: nothing is sent automatically.
    NOT_WANTED = "not_wanted", _("Ikke ønsket")


# No receipt is owed for these: nothing goes out, and no deadline is set.
NO_RECEIPT = (ReceiptMethod.NOT_POSSIBLE, ReceiptMethod.NOT_WANTED)


class ContactMeans(models.TextChoices):
    """A way to reach someone (the values are beredskab.outbox.gate.Means)."""

    PHONE = "phone", _("Opkald")
    SMS = "sms", _("Sms")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Brev")
    IN_PERSON = "in_person", _("Personligt møde")


class Notification(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True, default=new_reference)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    plan_version = models.ForeignKey(
        "plans.PlanVersion", on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(_("modtaget via"), max_length=20, choices=Channel.choices)
    received_at = models.DateTimeField(_("modtaget"), db_index=True)
    registered_at = models.DateTimeField(_("registreret"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    # The notifier (underretter).
    notifier_kind = models.CharField(_("underretter"), max_length=20, choices=NotifierKind.choices)
    notifier_name = models.CharField(_("navn"), max_length=200, blank=True)
    notifier_workplace = models.CharField(_("arbejdssted"), max_length=200, blank=True)
    notifier_role = models.CharField(_("funktion"), max_length=200, blank=True)
    notifier_phone = models.CharField(_("telefon"), max_length=40, blank=True)
    notifier_email = models.EmailField(_("e-mail"), blank=True)
    notifier_address = models.CharField(_("postadresse"), max_length=300, blank=True)

    # The person concerned, as the notifier described them.
    person_name = models.CharField(_("navn"), max_length=200, blank=True)
    person_cpr = models.CharField(_("CPR-nummer"), max_length=10, blank=True)
    person_birth_date = models.DateField(_("fødselsdato"), null=True, blank=True)
    person_age = models.PositiveSmallIntegerField(_("alder"), null=True, blank=True)
    person_address = models.CharField(_("adresse"), max_length=300, blank=True)
    person_language = models.CharField(_("sprog"), max_length=100, blank=True)
    interpreter_needed = models.BooleanField(_("behov for tolk"), default=False)
    children_in_household = models.CharField(
        _("børn i husstanden"), max_length=10, choices=YesNoUnknown.choices, default="unknown"
    )
    children_details = models.TextField(_("om børnene"), blank=True)
    age_group = models.CharField(_("alder"), max_length=10, choices=AgeGroup.choices)

    # What happened.
    description = models.TextField(_("hvad er der sket"))
    immediate_danger = models.BooleanField(_("akut fare"), default=False)
    # Set when staff marked the notification acute after it came in (the notifier marks it on the
    # form: then these stay empty).
    acute_marked_at = models.DateTimeField(_("markeret akut"), null=True, blank=True)
    acute_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notifier_actions = models.TextField(_("hvad underretter har gjort"), blank=True)
    family_knows = models.CharField(
        _("ved familien det"), max_length=10, choices=YesNoUnknown.choices, default="unknown"
    )
    # A citizen writing about themselves asks for help (a henvendelse), not a notification; they
    # said whether, and how, they can be contacted without the family knowing.
    about_self = models.BooleanField(_("handler om den, der skriver"), default=False)
    safe_to_contact = models.CharField(
        _("sikkert at kontakte"),
        max_length=10,
        choices=YesNoUnknown.choices,
        blank=True,
        default="",
    )
    safe_contact_means = models.CharField(
        _("sikker kontaktvej"), max_length=20, choices=ContactMeans.choices, blank=True, default=""
    )
    safe_contact_address = models.CharField(
        _("nummer eller adresse"), max_length=300, blank=True, default=""
    )
    safe_contact_times = models.CharField(_("hvornår"), max_length=200, blank=True, default="")

    # Deadlines, set at registration (beredskab.deadlines.rules) and closed when met.
    assessment_due_at = models.DateTimeField(_("risikovurdering senest"))
    assessed_at = models.DateTimeField(_("risikovurderet"), null=True, blank=True)
    receipt_method = models.CharField(
        _("kvittering via"), max_length=20, choices=ReceiptMethod.choices
    )
    receipt_due_at = models.DateTimeField(_("kvittering senest"), null=True, blank=True)
    receipt_sent_at = models.DateTimeField(_("kvittering sendt"), null=True, blank=True)
    # The earliest deadline still open: what the queue sorts on. Null when none is open.
    next_due_at = models.DateTimeField(null=True, blank=True)
    # A likely duplicate: the same notifier about the same person or with the same text shortly
    # before (Back and Send again in a browser). Registered all the same, and shown as such.
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="likely_duplicates",
        verbose_name=_("mulig dublet af"),
    )
    # Set when the retention job has removed the personal data (the statistics remain).
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True)

    class Meta:
        verbose_name = _("underretning")
        verbose_name_plural = _("underretninger")
        indexes = [
            models.Index(fields=["next_due_at"], name="notification_next_due_idx"),
            models.Index(fields=["channel", "received_at"], name="notification_channel_idx"),
            models.Index(fields=["age_group", "received_at"], name="notification_age_idx"),
            # The sweep looks only at open deadlines: a few rows among a million.
            models.Index(
                fields=["assessment_due_at"],
                condition=models.Q(assessed_at__isnull=True),
                name="notification_open_assess_idx",
            ),
            models.Index(
                fields=["receipt_due_at"],
                condition=models.Q(receipt_sent_at__isnull=True, receipt_due_at__isnull=False),
                name="notification_open_receipt_idx",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def audit_key(self):
        return self.reference

    def audit_subjects(self, *, linked: Iterable[Any] | None = None) -> set[str]:
        """What the audit trail files events about this notification under: the reference, the
        CPR number as a keyed hash, and the persons linked to it (their keys and CPR hashes).
        `linked`: the person links, when the caller has them (a registration, before any)."""
        keys = {self.reference}
        if self.person_cpr:
            keys.add(cpr_subject(self.person_cpr))
        if linked is None and self.pk is not None:
            linked = self.person_links.select_related("person__merged_into")
        for link in linked or ():
            keys |= link.person.audit_subjects(with_notifications=False)
            if link.cpr:  # a related person's number, as typed when they were added
                keys.add(cpr_subject(link.cpr))
        return keys

    @property
    def receipt_needed(self) -> bool:
        return self.receipt_method not in NO_RECEIPT

    def open_deadlines(self) -> list[tuple[str, dt.datetime]]:
        due = []
        if self.assessed_at is None:
            due.append(("assessment", self.assessment_due_at))
        if self.receipt_needed and self.receipt_sent_at is None and self.receipt_due_at:
            due.append(("receipt", self.receipt_due_at))
        return due

    def refresh_next_due(self):
        open_ = [when for _, when in self.open_deadlines()]
        self.next_due_at = min(open_) if open_ else None


class NotificationConcern(models.Model):
    """One of the plan's concern types (by key) that a notification is about."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="concerns"
    )
    concern_type = models.CharField(max_length=50, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "concern_type"], name="notification_concern_once"
            )
        ]

    def __str__(self):
        return self.concern_type


def attachment_path(instance, filename):
    # Stored under a random name: the uploaded file name may itself be personal data.
    return f"attachments/{instance.notification.reference}/{secrets.token_hex(16)}"


class Attachment(models.Model):
    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.notification.reference} bilag {self.pk}"


class AcuteAlert(models.Model):
    """An alert that a notification says someone is in acute danger: sent at once to whom the
    plan names (acute_alerts), acknowledged in the system by who read it, and escalated when
    nobody has acknowledged it within the plan's minutes. One per notification."""

    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, related_name="acute_alert"
    )
    raised_at = models.DateTimeField(_("alarm sendt"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outside_hours = models.BooleanField(_("uden for åbningstiden"))
    escalate_at = models.DateTimeField(_("eskaleres"))
    acknowledged_at = models.DateTimeField(_("kvitteret"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("akut-alarm")
        verbose_name_plural = _("akut-alarmer")
        indexes = [
            # The sweep looks only at alerts nobody has acknowledged.
            models.Index(
                fields=["escalate_at"],
                condition=models.Q(acknowledged_at__isnull=True),
                name="acute_alert_open_idx",
            )
        ]

    def __str__(self):
        return f"Akut-alarm {self.notification.reference}"


class AlertEscalation(models.Model):
    """An alert escalated because nobody acknowledged it in time: recorded once (beredskab.once),
    however often the sweep runs."""

    alert = models.OneToOneField(AcuteAlert, on_delete=models.CASCADE, related_name="escalation")
    at = models.DateTimeField()
    recipients = models.PositiveSmallIntegerField(default=0)

    def __str__(self):
        return f"Eskaleret {self.alert}"
