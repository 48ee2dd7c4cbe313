"""Forms for the Indsatsgruppe's meetings, its decisions, and initiatives and referrals.

The forms only read and check what was typed; the changes go through meetings.services.
"""

from __future__ import annotations

import copy
import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beredskab.accounts import roles as r
from beredskab.cases.services import CaseRuleError
from beredskab.forms import DkfdsFormMixin
from beredskab.plans.templatetags.plan_text import t

from .models import InitiativeStatus
from .services import check_meeting_start

DATE_FORMATS = ["%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
TIME_FORMATS = ["%H:%M", "%H.%M"]

MEETING_ROLES = (r.COORDINATOR, r.INTERVENTION_GROUP, r.LEADER)
# Staff who work on cases and so may be responsible for an initiative.
CASE_ROLES = (r.INTAKE, r.COORDINATOR, r.INTERVENTION_GROUP, r.CHILDREN_UNIT, r.LEADER)
CLOSING_STATES = (
    InitiativeStatus.COMPLETED,
    InitiativeStatus.DECLINED,
    InitiativeStatus.CANCELLED,
)
MAX_DECISION_INITIATIVES = 3


def staff_with_roles(roles, *, also=()):
    """Active users with one of `roles` (plus the users in `also`), by name."""
    return (
        get_user_model()
        .objects.filter(Q(is_active=True, groups__name__in=roles) | Q(pk__in=[u.pk for u in also]))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def person_label(user) -> str:
    return user.get_full_name() or user.get_username()


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_label(obj)


class ParticipantsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        if obj.email:
            return f"{person_label(obj)} ({obj.email})"
        return _("%s (ingen e-mail: får ikke invitationen)") % person_label(obj)


def date_field(label, **kwargs):
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d-%m-%Y", attrs={"autocomplete": "off"}),
        **kwargs,
    )


def initiative_kind_choices(plan):
    """The plan's catalogue of initiatives and referrals, with the partner's name where the
    initiative's own name does not already say it ("Politianmeldelse – Nordsjællands Politi")."""
    partners = {p.key: p.name for p in plan.partners}
    choices = [("", _("Vælg indsats"))]
    for item in plan.initiative_types:
        label = t(item.name)
        partner = t(partners.get(item.partner))
        if partner and partner not in label:
            label = f"{label} – {partner}"
        choices.append((item.key, label))
    return choices


class MeetingForm(DkfdsFormMixin, forms.Form):
    day = date_field(_("Dato"), help_text=_("Fx 24-11-2026."))
    time = forms.TimeField(
        label=_("Klokken"),
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(format="%H:%M"),
        help_text=_("Fx 13:00."),
    )
    duration_minutes = forms.IntegerField(
        label=_("Varighed i minutter"), min_value=15, max_value=480, initial=60
    )
    location = forms.CharField(label=_("Sted"), max_length=200)
    participants = ParticipantsField(
        label=_("Deltagere"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Deltagere med en e-mailadresse står i kalenderinvitationen."),
        error_messages={"required": _("Vælg mindst én deltager.")},
    )
    external_participants = forms.CharField(
        label=_("Andre deltagere"),
        max_length=500,
        required=False,
        help_text=_("Fx en fagperson, der deltager under ét punkt. Kommer ikke i invitationen."),
    )

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        # Keep the people already invited even if they have since left the group.
        current = list(meeting.participants.all()) if meeting is not None else []
        self.fields["participants"].queryset = staff_with_roles(MEETING_ROLES, also=current)

    @classmethod
    def initial_for_new(cls):
        return {
            "duration_minutes": 60,
            "participants": list(
                staff_with_roles([r.INTERVENTION_GROUP]).values_list("pk", flat=True)
            ),
        }

    @classmethod
    def initial_for(cls, meeting):
        local = timezone.localtime(meeting.starts_at)
        return {
            "day": local.date(),
            "time": local.time().replace(second=0, microsecond=0),
            "duration_minutes": meeting.duration_minutes,
            "location": meeting.location,
            "participants": [p.pk for p in meeting.participants.all()],
            "external_participants": meeting.external_participants,
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("day") and cleaned.get("time") is not None:
            starts_at = self._starts_at(cleaned)
            # An unchanged time is kept, even if the plan's bound has since been shortened.
            if self.meeting is None or starts_at != self.meeting.starts_at:
                try:
                    check_meeting_start(starts_at)
                except CaseRuleError as error:
                    self.add_error("day", error.messages)
        return cleaned

    @staticmethod
    def _starts_at(cleaned):
        # Typed in Danish time (settings.TIME_ZONE); stored in UTC.
        return timezone.make_aware(dt.datetime.combine(cleaned["day"], cleaned["time"]))

    def meeting_data(self) -> dict:
        c = self.cleaned_data
        return {
            "starts_at": self._starts_at(c),
            "duration_minutes": c["duration_minutes"],
            "location": c["location"],
            "participants": list(c["participants"]),
            "external_participants": c["external_participants"],
        }


class MinutesForm(DkfdsFormMixin, forms.Form):
    minutes = forms.CharField(
        label=_("Referat"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Når referatet gemmes, markeres mødet som afholdt."),
        error_messages={"required": _("Skriv referatet.")},
    )


class InitiativeForm(DkfdsFormMixin, forms.Form):
    """A new initiative or referral from the plan's catalogue."""

    kind = forms.ChoiceField(
        label=_("Indsats"),
        error_messages={
            "required": _("Vælg en indsats fra listen."),
            "invalid_choice": _("Vælg en indsats fra listen."),
        },
    )
    responsible = PersonChoiceField(
        label=_("Ansvarlig"),
        queryset=None,
        empty_label=_("Vælg ansvarlig"),
        error_messages={"required": _("Vælg den medarbejder, der er ansvarlig.")},
    )
    due_on = date_field(
        _("Frist"),
        help_text=_("Fx 24-11-2026."),
        error_messages={"required": _("Skriv en frist, fx 24-11-2026.")},
    )
    description = forms.CharField(
        label=_("Beskrivelse"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = initiative_kind_choices(plan)
        self.fields["responsible"].queryset = staff_with_roles(CASE_ROLES)

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("Fristen kan ikke ligge før i dag."))
        return due_on

    def initiative_data(self) -> dict:
        c = self.cleaned_data
        return {
            "kind": c["kind"],
            "responsible": c["responsible"],
            "due_on": c["due_on"],
            "description": c["description"],
        }


class DecisionForm(DkfdsFormMixin, forms.Form):
    """A decision and up to three initiatives, each with a responsible person and a due date.

    The initiatives are rows of fields named initiative_<n>_<field>; an empty row is ignored.
    """

    text = forms.CharField(
        label=_("Beslutning"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Hvad Indsatsgruppen besluttede i fællesskab."),
        error_messages={"required": _("Skriv beslutningen.")},
    )
    ROW_FIELDS = ("kind", "responsible", "due_on", "description")

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        template = InitiativeForm(plan=plan)
        for n in range(1, MAX_DECISION_INITIATIVES + 1):
            for name in self.ROW_FIELDS:
                field = template.fields[name]
                # A copy per row (its own widget); a row is optional as a whole.
                row_field = copy.deepcopy(field)
                row_field.required = False
                self.fields[f"initiative_{n}_{name}"] = row_field

    def rows(self):
        """The initiative rows as lists of bound fields, for the template."""
        return [
            [self[f"initiative_{n}_{name}"] for name in self.ROW_FIELDS]
            for n in range(1, MAX_DECISION_INITIATIVES + 1)
        ]

    REQUIRED_IN_ROW = {
        "kind": _("Vælg en indsats fra listen."),
        "responsible": _("Vælg den medarbejder, der er ansvarlig."),
        "due_on": _("Skriv en frist, fx 24-11-2026."),
    }

    def clean(self):
        cleaned = super().clean()
        self.initiatives = []
        for n in range(1, MAX_DECISION_INITIATIVES + 1):
            keys = {name: f"initiative_{n}_{name}" for name in self.ROW_FIELDS}
            if not any(self.data.get(self.add_prefix(key), "").strip() for key in keys.values()):
                continue  # an empty row
            row = {name: cleaned.get(key) for name, key in keys.items()}
            for name, message in self.REQUIRED_IN_ROW.items():
                if not row[name] and keys[name] not in self.errors:
                    self.add_error(keys[name], message)
            if row["due_on"] and row["due_on"] < timezone.localdate():
                self.add_error(keys["due_on"], _("Fristen kan ikke ligge før i dag."))
            if not any(key in self.errors for key in keys.values()):
                self.initiatives.append({**row, "description": row["description"] or ""})
        return cleaned


class InitiativeUpdateForm(DkfdsFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=InitiativeStatus.choices)
    referred_on = date_field(
        _("Henvist den"),
        required=False,
        help_text=_("Dagen, borgeren blev henvist. Sættes til i dag, hvis den mangler."),
    )
    outcome = forms.CharField(
        label=_("Resultat"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hvad kom der ud af indsatsen? Skal udfyldes, når indsatsen afsluttes."),
    )

    def clean_referred_on(self):
        referred_on = self.cleaned_data["referred_on"]
        if referred_on and referred_on > timezone.localdate():
            raise forms.ValidationError(_("Datoen for henvisningen kan ikke ligge i fremtiden."))
        return referred_on

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") in CLOSING_STATES and not cleaned.get("outcome", "").strip():
            self.add_error("outcome", _("Skriv resultatet, når indsatsen afsluttes."))
        return cleaned
