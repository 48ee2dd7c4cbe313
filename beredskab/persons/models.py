"""Persons: one person behind many notifications (underretninger).

A notification keeps the person's data as received; a Person is the municipality's working
identity that links a person's notifications so staff see the history. A person is named
outward only by its random reference ("P-7K2M-9XWA-3QRT"), never by name, CPR number or its
sequential id, so no one can walk through persons by counting.

Person's own name, birth date and address are matching keys, not something to show: staff see a
person only as the notifications they may see describe them (persons.selectors).

Merging two persons never changes or deletes rows: the newer person points to the older
(`merged_into`) and its links move, recorded in a MergeRecord so the merge can be undone exactly.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from beredskab.audit.subjects import cpr_subject
from beredskab.intake.models import REFERENCE_ALPHABET


def new_person_reference() -> str:
    """60 random bits in Crockford's base32, read aloud as easily as a notification's."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(12))
    return f"P-{code[:4]}-{code[4:8]}-{code[8:]}"


class Person(models.Model):
    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_person_reference, editable=False
    )
    # A CPR number belongs to one person: a second notification with it joins that person.
    cpr = models.CharField(_("CPR-nummer"), max_length=10, null=True, blank=True, unique=True)
    name = models.CharField(_("navn"), max_length=200, blank=True)
    birth_date = models.DateField(_("fødselsdato"), null=True, blank=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    # Matching keys (persons.normalise), kept beside the data so matching is index lookups.
    norm_name = models.CharField(max_length=200, blank=True, editable=False)
    norm_address = models.CharField(max_length=300, blank=True, editable=False)
    # The name folded for spelling variants (what is scored) and its consonant skeleton (an
    # index finds persons by it).
    name_fold = models.CharField(max_length=200, blank=True, default="", editable=False)
    name_key = models.CharField(max_length=200, blank=True, default="", editable=False)
    # The birth date's year, or, when only an age was given, the year it points to (give or
    # take one): persons.matching compares years only then.
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_persons"
    )
    # Set when staff split this person off another: "lay them together again" undoes the split.
    split_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"))

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        # The candidates for a proposal (persons.selectors.possible_matches) are found through
        # these: the birth date (and the same date with day and month swapped), the address,
        # and the name key within a few birth years.
        indexes = [
            models.Index(fields=["birth_date", "norm_address"], name="person_birth_address_idx"),
            models.Index(fields=["norm_address"], name="person_address_idx"),
            models.Index(fields=["name_key", "birth_year"], name="person_name_key_year_idx"),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.reference

    @property
    def audit_key(self):
        return self.label

    def audit_subjects(self, *, with_notifications=True) -> set[str]:
        """What the audit trail files events about this person under: the person's key (and the
        key of the person it was merged into), the CPR number as a keyed hash, and the
        references of the person's notifications."""
        keys = {self.audit_key}
        if self.cpr:
            keys.add(cpr_subject(self.cpr))
        if self.merged_into is not None:
            keys.add(self.merged_into.audit_key)
        if with_notifications and self.pk is not None:
            keys.update(self.links.values_list("notification__reference", flat=True))
        return keys


class Role(models.TextChoices):
    AT_RISK = "at_risk", _("Personen underretningen handler om")
    SIBLING = "sibling", _("Søskende")
    CHILD_IN_HOUSEHOLD = "child_in_household", _("Barn i husstanden")
    OTHER_CHILD_AT_RISK = "other_child_at_risk", _("Andet barn i risiko")
    ALLEGED_PERPETRATOR = "alleged_perpetrator", _("Formodet udøver")
    SUPPORTING_ADULT = "supporting_adult", _("Støttende voksen")
    OTHER = "other", _("Anden i familien")


# Children around the person: each may need a notification of their own (heightened duty).
CHILD_ROLES = (Role.SIBLING, Role.CHILD_IN_HOUSEHOLD, Role.OTHER_CHILD_AT_RISK)


class NotificationPerson(models.Model):
    """A person named in a notification, in a role.

    The person at risk is described by the notification itself; a sibling or a child in the
    household is described here, as the employee who added them typed it. The person pages
    show a person only through these descriptions, in the notifications the viewer may see.
    """

    notification = models.ForeignKey(
        "intake.Notification", on_delete=models.CASCADE, related_name="person_links"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="links")
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    linked_at = models.DateTimeField()
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A related person as given when added (empty for the person at risk: see the notification).
    name = models.CharField(_("navn"), max_length=200, blank=True)
    birth_date = models.DateField(_("fødselsdato"), null=True, blank=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    cpr = models.CharField(_("CPR-nummer"), max_length=10, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "person"], name="notification_person_once"
            )
        ]

    def __str__(self):
        return f"{self.notification} – {self.person} ({self.role})"

    def described(self) -> tuple[str, object, str, str]:
        """(name, birth date, address, CPR number) as this notification gives them."""
        if self.role == Role.AT_RISK:
            n = self.notification
            return n.person_name, n.person_birth_date, n.person_address, n.person_cpr
        return self.name, self.birth_date, self.address, self.cpr


class RejectedMatch(models.Model):
    """Staff judged two persons to be different people: never propose the pair again.
    Stored as the ordered pair (person_a.pk < person_b.pk) so each pair is one row."""

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    rejected_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="rejected_match_once"),
            models.CheckConstraint(
                condition=Q(person_a__lt=F("person_b")), name="rejected_match_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.person_a} ≠ {self.person_b}"


class MergeRecord(models.Model):
    """Staff confirmed that `source` is `target`: what moved, so that it can be undone exactly."""

    source = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merge_records")
    moved_link_ids = models.JSONField(default=list)
    # Persons merged into `source` earlier now point to `target` (merges stay one level deep).
    moved_person_ids = models.JSONField(default=list)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField()
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.source} → {self.target}"

    @property
    def audit_key(self):
        return f"{self.source.label}>{self.target.label}"
