"""The protection forms: flags, a § 137, stk. 2 conversation, an outgoing message, feedback."""

from __future__ import annotations

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from beredskab.forms import DanishDateField, DanishTimeField, DkfdsFormMixin, local_datetime
from beredskab.intake.models import ContactMeans

from .models import FeedbackOutcome, MessageKind, MessageRecipient


class FlagsForm(DkfdsFormMixin, forms.Form):
    no_family_contact = forms.BooleanField(
        label=_("Forældre/netværk må ikke kontaktes"), required=False
    )
    no_family_contact_reason = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Hvorfor må familien ikke kontaktes? Hvad bygger det på?"),
    )
    no_family_contact_assessment = forms.TypedChoiceField(
        label=_("Bygger på risikovurdering"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    protected_address = forms.BooleanField(label=_("Beskyttet adresse"), required=False)
    safe_means = forms.ChoiceField(
        label=_("Sikker kontaktvej"),
        choices=[("", _("Ingen registreret")), *ContactMeans.choices],
        required=False,
    )
    safe_address = forms.CharField(label=_("Nummer eller adresse"), max_length=300, required=False)
    safe_times = forms.CharField(
        label=_("Hvornår"), max_length=200, required=False, help_text=_("Fx hverdage kl. 15–17.")
    )
    no_home_calls = forms.BooleanField(label=_("Ring ikke til hjemmet"), required=False)
    language = forms.CharField(label=_("Sprog"), max_length=100, required=False)
    interpreter_outside_network = forms.BooleanField(
        label=_("Tolk, der ikke kommer fra familiens netværk"), required=False
    )

    def __init__(self, *args, assessments=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["no_family_contact_assessment"]
        if assessments:
            field.choices = [("", _("Ingen"))] + [
                (
                    a.pk,
                    _("Version %(revision)s (%(level)s)")
                    % {"revision": a.revision, "level": a.get_level_display()},
                )
                for a in assessments
            ]
        else:
            del self.fields["no_family_contact_assessment"]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("no_family_contact")
            and not (cleaned.get("no_family_contact_reason") or "").strip()
        ):
            self.add_error(
                "no_family_contact_reason", _("Skriv, hvorfor forældre/netværk ikke må kontaktes.")
            )
        needs_address = cleaned.get("safe_means") not in ("", None, ContactMeans.IN_PERSON)
        if needs_address and not (cleaned.get("safe_address") or "").strip():
            self.add_error("safe_address", _("Skriv det nummer eller den adresse, der er sikker."))
        return cleaned


class ConversationForm(DkfdsFormMixin, forms.Form):
    held_on = DanishDateField(label=_("Dato"))
    held_time = DanishTimeField(label=_("Klokkeslæt"))
    participants = forms.CharField(
        label=_("Hvem deltog"), max_length=500, help_text=_("Fx barnet, sagsbehandler, lærer.")
    )
    place = forms.CharField(label=_("Hvor"), max_length=300)
    why_without_consent = forms.CharField(
        label=_("Hvorfor uden forældrenes samtykke"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Skriv, hvorfor samtalen blev holdt uden samtykke.")},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("held_on") and cleaned.get("held_time"):
            cleaned["held_at"] = local_datetime(cleaned["held_on"], cleaned["held_time"])
        return cleaned


class MessageForm(DkfdsFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Hvad skal sendes?"), choices=MessageKind.choices)
    recipient = forms.ChoiceField(
        label=_("Til hvem?"), choices=MessageRecipient.choices, widget=forms.RadioSelect
    )
    means = forms.ChoiceField(label=_("Hvordan?"), choices=ContactMeans.choices)
    address = forms.CharField(
        label=_("Adresse, e-mail eller nummer"),
        max_length=300,
        error_messages={"required": _("Skriv, hvor det skal sendes hen.")},
    )
    subject = forms.CharField(label=_("Emne"), max_length=200)
    body = forms.CharField(
        label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )
    meeting_on = DanishDateField(label=_("Mødedato"), required=False)
    meeting_time = DanishTimeField(label=_("Mødetidspunkt"), required=False)
    meeting_place = forms.CharField(label=_("Mødested"), max_length=300, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("means") == ContactMeans.EMAIL and cleaned.get("address"):
            try:
                validate_email(cleaned["address"])
            except forms.ValidationError:
                self.add_error("address", _("Skriv en e-mailadresse, fx navn@example.dk."))
        if cleaned.get("kind") == MessageKind.MEETING_INVITATION:
            if not cleaned.get("meeting_on") or not cleaned.get("meeting_time"):
                self.add_error("meeting_on", _("Skriv mødets dato og tidspunkt."))
            else:
                cleaned["meeting_at"] = local_datetime(
                    cleaned["meeting_on"], cleaned["meeting_time"]
                )
        return cleaned


class FeedbackForm(DkfdsFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Hvad har underretningen ført til?"),
        choices=FeedbackOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg, hvad underretningen har ført til.")},
    )
