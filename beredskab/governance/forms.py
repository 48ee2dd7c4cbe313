"""Forms for the plan's governance: uploading a version, the council's adoption, coordination
meetings. They check what was typed; the changes go through governance.services."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from beredskab.forms import DanishDateField, DanishTimeField, DkfdsFormMixin, local_datetime
from beredskab.plans.schema import latest_revision

from .services import MAX_UPLOAD_BYTES


class PlanUploadForm(DkfdsFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Planfil (YAML)"),
        help_text=_(
            "Filen skal følge formatet i docs/plan-schema.md, fx en rettet kopi af "
            "plans/allerod.yaml. Giv den reviderede plan et nyt versionsnummer (plan.version)."
        ),
        error_messages={"required": _("Vælg planfilen, der skal uploades.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() not in {".yaml", ".yml"}:
            raise forms.ValidationError(_("Vælg en YAML-fil (.yaml eller .yml)."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen er for stor. En planfil fylder under 2 MB."))
        return upload

    @property
    def filename(self) -> str:
        return PurePath(self.cleaned_data["file"].name).name


class AdoptionForm(DkfdsFormMixin, forms.Form):
    adopted_on = DanishDateField(
        label=_("Vedtaget af kommunalbestyrelsen den"),
        help_text=_("Datoen for kommunalbestyrelsens beslutning, fx 24-03-2024."),
        error_messages={
            "required": _("Skriv datoen for vedtagelsen."),
            "invalid": _("Skriv datoen som dag-måned-år, fx 24-03-2024."),
        },
    )
    next_revision = DanishDateField(
        label=_("Næste revision senest"),
        help_text=_(
            "Barnets Lov § 15, stk. 3: planen skal revideres mindst hvert fjerde år, "
            "dvs. senest fire år efter vedtagelsen."
        ),
        error_messages={
            "required": _("Skriv datoen for næste revision."),
            "invalid": _("Skriv datoen som dag-måned-år, fx 01-03-2028."),
        },
    )
    note = forms.CharField(
        label=_("Bemærkning om vedtagelsen"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Fx mødet og punktets nummer. Vises i planen."),
    )

    @classmethod
    def initial_for(cls, version) -> dict:
        adopted = version.document["plan"]["adopted"]
        note = adopted.get("note") or {}
        return {
            "adopted_on": version.adopted_on,
            "next_revision": version.next_revision,
            # A note that explains a missing date is no longer true once the date is known.
            "note": note.get("da", "") if version.adopted_on else "",
        }

    def clean_adopted_on(self):
        adopted_on = self.cleaned_data["adopted_on"]
        if adopted_on > timezone.localdate():
            raise forms.ValidationError(
                _(
                    "Vedtagelsen kan ikke ligge i fremtiden. "
                    "Registrér datoen, når planen er vedtaget."
                )
            )
        return adopted_on

    def clean(self):
        cleaned = super().clean()
        adopted_on, next_revision = cleaned.get("adopted_on"), cleaned.get("next_revision")
        if adopted_on and next_revision:
            latest = latest_revision(adopted_on)
            if next_revision > latest:
                self.add_error(
                    "next_revision",
                    _(
                        "Næste revision ligger mere end fire år efter vedtagelsen. Efter Barnets "
                        "Lov § 15, stk. 3 skal planen revideres senest %(latest)s. Ret datoen for "
                        "næste revision."
                    )
                    % {"latest": formats.date_format(latest, "j. F Y")},
                )
            elif next_revision <= adopted_on:
                self.add_error(
                    "next_revision", _("Næste revision skal ligge efter vedtagelsen. Ret datoen.")
                )
        return cleaned


DEFAULT_PARTICIPANTS = _(
    "Tovholder (teamleder, administrativt team)\n"
    "Borgerservice: \n"
    "Skole & Dagtilbud: \n"
    "Ældre & Sundhed: "
)


class CoordinationMeetingForm(DkfdsFormMixin, forms.Form):
    day = DanishDateField(
        label=_("Dato"),
        help_text=_("Fx 24-11-2026."),
        error_messages={
            "required": _("Skriv mødets dato."),
            "invalid": _("Skriv datoen som dag-måned-år, fx 24-11-2026."),
        },
    )
    time = DanishTimeField(
        label=_("Klokken"),
        help_text=_("Fx 13:00."),
        error_messages={
            "required": _("Skriv, hvornår mødet begynder."),
            "invalid": _("Skriv klokkeslættet som timer og minutter, fx 13:00."),
        },
    )
    participants = forms.CharField(
        label=_("Deltagere"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Tovholderen og repræsentanter for Borgerservice, Skole & Dagtilbud og "
            "Ældre & Sundhed. Én pr. linje."
        ),
        error_messages={"required": _("Skriv, hvem der deltager.")},
    )
    notes = forms.CharField(
        label=_("Noter"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Fx sted og dagsorden. Skriv ingen personoplysninger om borgere."),
    )

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("day"), cleaned.get("time")
        if day and time:
            cleaned["starts_at"] = local_datetime(day, time)
        return cleaned


class StartDraftForm(DkfdsFormMixin, forms.Form):
    """A new plan from the starter plan (a new municipality) or from the published plan."""

    name = forms.CharField(
        label=_("Kommunens navn"),
        max_length=200,
        required=False,
        help_text=_("Fx Eksempelby Kommune. Kun når planen begynder fra skabelonen."),
    )
    version = forms.CharField(
        label=_("Versionsnummer"),
        max_length=40,
        help_text=_(
            "Fx 2026-01. En offentliggjort version ændres aldrig; en ny får et nyt nummer."
        ),
        error_messages={"required": _("Skriv versionsnummeret.")},
    )


class ReviewForm(DkfdsFormMixin, forms.Form):
    """A leader's decision on a version: approve with the council's adoption date, or return."""

    APPROVE, RETURN = "approve", "return"
    decision = forms.ChoiceField(
        label=_("Afgørelse"),
        choices=[(APPROVE, _("Godkend versionen")), (RETURN, _("Send den tilbage"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg, om du godkender versionen eller sender den tilbage.")},
    )
    adopted_on = DanishDateField(
        label=_("Vedtaget af kommunalbestyrelsen den"),
        required=False,
        help_text=_("Datoen for kommunalbestyrelsens beslutning, fx 24-03-2026."),
        error_messages={"invalid": _("Skriv datoen som dag-måned-år, fx 24-03-2026.")},
    )
    next_revision = DanishDateField(
        label=_("Næste revision senest"),
        required=False,
        help_text=_(
            "Tom: fire år efter vedtagelsen (Barnets Lov § 15, stk. 3). En tidligere dato kan "
            "vælges."
        ),
        error_messages={"invalid": _("Skriv datoen som dag-måned-år, fx 24-03-2030.")},
    )
    note = forms.CharField(
        label=_("Bemærkning"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Fx mødet og punktets nummer, eller hvad der skal rettes."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") != self.APPROVE:
            return cleaned
        adopted_on = cleaned.get("adopted_on")
        if adopted_on is None:
            if "adopted_on" not in self.errors:
                self.add_error("adopted_on", _("Skriv datoen for vedtagelsen."))
            return cleaned
        if adopted_on > timezone.localdate():
            self.add_error(
                "adopted_on",
                _("Vedtagelsen kan ikke ligge i fremtiden. Godkend, når planen er vedtaget."),
            )
        latest = latest_revision(adopted_on)
        next_revision = cleaned.get("next_revision") or latest
        if next_revision > latest:
            self.add_error(
                "next_revision",
                _(
                    "Næste revision ligger mere end fire år efter vedtagelsen. Efter Barnets "
                    "Lov § 15, stk. 3 skal planen revideres senest %(latest)s."
                )
                % {"latest": formats.date_format(latest, "j. F Y")},
            )
        elif next_revision <= adopted_on:
            self.add_error("next_revision", _("Næste revision skal ligge efter vedtagelsen."))
        cleaned["next_revision"] = next_revision
        return cleaned
