"""Registering a press inquiry in a minute, and assigning and answering it."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beredskab.forms import (
    DanishDateField,
    DanishTimeField,
    DkfdsFormMixin,
    in_the_future,
    local_datetime,
)

from .models import OPEN_STATUSES, InquiryStatus
from .selectors import linkable_case, press_team

CASE_HIDDEN = _("Sagen findes ikke, eller du har ikke adgang til den.")


def date_field(label, **kwargs):
    kwargs.setdefault("help_text", _("Fx 24-11-2026."))
    return DanishDateField(label=label, **kwargs)


def time_field(label, **kwargs):
    kwargs.setdefault("help_text", _("Fx 14:00."))
    return DanishTimeField(label=label, **kwargs)


class PressInquiryForm(DkfdsFormMixin, forms.Form):
    """What the plan asks you to note: the medium, the journalist's name and phone, the subject
    and the (often short) deadline."""

    medium = forms.CharField(
        label=_("Medie"),
        max_length=200,
        help_text=_("Fx DR, TV 2 Lorry eller Frederiksborg Amts Avis."),
        error_messages={"required": _("Skriv, hvilket medie journalisten er fra.")},
    )
    journalist_name = forms.CharField(
        label=_("Journalistens navn"),
        max_length=200,
        error_messages={"required": _("Skriv journalistens navn.")},
    )
    journalist_phone = forms.CharField(
        label=_("Journalistens telefonnummer"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        error_messages={"required": _("Skriv journalistens telefonnummer.")},
    )
    journalist_email = forms.EmailField(
        label=_("Journalistens e-mail"),
        required=False,
        error_messages={"invalid": _("Skriv en gyldig e-mailadresse, fx navn@medie.dk.")},
    )
    subject = forms.CharField(
        label=_("Hvad handler henvendelsen om?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Skriv kort, hvad journalisten spørger om."),
        error_messages={"required": _("Skriv kort, hvad journalisten spørger om.")},
    )
    deadline_date = date_field(
        _("Journalistens frist, dato"),
        error_messages={"required": _("Skriv datoen for journalistens frist.")},
    )
    deadline_time = time_field(
        _("Journalistens frist, klokkeslæt"),
        error_messages={"required": _("Skriv klokkeslættet for journalistens frist.")},
    )
    received_date = date_field(
        _("Modtaget dato"), error_messages={"required": _("Skriv, hvornår du blev kontaktet.")}
    )
    received_time = time_field(
        _("Modtaget klokken"),
        error_messages={"required": _("Skriv, hvornår du blev kontaktet.")},
    )
    received_by_name = forms.CharField(
        label=_("Modtaget af en anden"),
        max_length=200,
        required=False,
        help_text=_(
            "Lad feltet stå tomt, hvis du selv talte med journalisten. Ellers skriv navnet på "
            "den, der blev kontaktet, fx en lærer."
        ),
    )
    case_reference = forms.CharField(
        label=_("Sagens reference"),
        max_length=20,
        required=False,
        help_text=_("Kun hvis henvendelsen handler om en bestemt sag, fx U-7K2M-9XWA."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_received_by_name(self):
        return " ".join(self.cleaned_data["received_by_name"].split())

    def clean_case_reference(self):
        reference = self.cleaned_data["case_reference"].strip()
        if not reference:
            return None
        case = linkable_case(self.user, reference)
        if case is None:
            raise forms.ValidationError(CASE_HIDDEN)
        return case

    def clean(self):
        cleaned = super().clean()
        now = timezone.now()
        if cleaned.get("deadline_date") and cleaned.get("deadline_time"):
            deadline = local_datetime(cleaned["deadline_date"], cleaned["deadline_time"])
            if deadline <= now:
                self.add_error(
                    "deadline_time",
                    _(
                        "Tidspunktet er passeret. "
                        "Skriv journalistens frist, som ligger i fremtiden."
                    ),
                )
            cleaned["deadline"] = deadline
        if cleaned.get("received_date") and cleaned.get("received_time"):
            received = local_datetime(cleaned["received_date"], cleaned["received_time"])
            if in_the_future(received):
                self.add_error(
                    "received_time",
                    _("Tidspunktet ligger i fremtiden. Skriv, hvornår du blev kontaktet."),
                )
            cleaned["received_at"] = received
        return cleaned

    def inquiry_data(self) -> dict:
        c = self.cleaned_data
        return {
            "medium": c["medium"],
            "journalist_name": c["journalist_name"],
            "journalist_phone": c["journalist_phone"],
            "journalist_email": c["journalist_email"],
            "subject": c["subject"],
            "deadline": c["deadline"],
            "received_at": c["received_at"],
            "received_by_name": c["received_by_name"],
            "case": c["case_reference"],
        }


class SpokespersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class PressInquiryEditForm(DkfdsFormMixin, forms.Form):
    """The press team assigns the inquiry, and records when and what was answered."""

    spokesperson = SpokespersonChoiceField(
        label=_("Ansvarlig for svaret"),
        queryset=None,
        required=False,
        empty_label=_("Ingen endnu"),
        help_text=_(
            "Den, der svarer journalisten: direktøren, socialchefen eller pressekontakten."
        ),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=InquiryStatus.choices, widget=forms.RadioSelect
    )
    answered_date = date_field(
        _("Besvaret dato"),
        required=False,
        help_text=_("Står dato og klokkeslæt tomme ved status »Besvaret«, bruges tidspunktet nu."),
    )
    answered_time = time_field(_("Besvaret klokken"), required=False)
    answer_summary = forms.CharField(
        label=_("Hvad blev der svaret?"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, inquiry, **kwargs):
        local_answer = timezone.localtime(inquiry.answered_at) if inquiry.answered_at else None
        kwargs.setdefault(
            "initial",
            {
                "spokesperson": inquiry.spokesperson_id,
                "status": inquiry.status,
                "answered_date": local_answer.date() if local_answer else None,
                "answered_time": local_answer.time().replace(second=0, microsecond=0)
                if local_answer
                else None,
                "answer_summary": inquiry.answer_summary,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["spokesperson"].queryset = press_team(including=inquiry.spokesperson_id)

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("answered_date"), cleaned.get("answered_time")
        cleaned["answered_at"] = None
        if day and not time:
            self.add_error("answered_time", _("Skriv også klokkeslættet for svaret."))
        elif time and not day:
            self.add_error("answered_date", _("Skriv også datoen for svaret."))
        elif day and time:
            answered = local_datetime(day, time)
            if in_the_future(answered):
                self.add_error("answered_time", _("Svartidspunktet ligger i fremtiden."))
            elif cleaned.get("status") in OPEN_STATUSES:
                self.add_error(
                    "status",
                    _("Vælg »Besvaret« eller »Afsluttet«, eller lad svartidspunktet stå tomt."),
                )
            cleaned["answered_at"] = answered
        return cleaned
