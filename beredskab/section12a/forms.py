"""Forms for § 12 a (Serviceloven) on an adult's case: the offer of free counselling and the action
plan. The rules themselves live in services.record_counselling_offer and create_action_plan."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beredskab.cases.models import RiskAssessment
from beredskab.forms import DkfdsFormMixin

from .models import ActionPlan, CounsellingStatus
from .services import ACTION_PLAN_FIELDS

DATE_FORMATS = ["%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
TIME_FORMATS = ["%H:%M", "%H.%M"]
# A few minutes' grace for clocks that differ a little.
FUTURE_GRACE = dt.timedelta(minutes=5)


def _date_field(label, help_text):
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d-%m-%Y", attrs={"autocomplete": "off"}),
        help_text=help_text,
        error_messages={
            "required": _("Skriv en dato, fx 24-11-2026."),
            "invalid": _("Skriv datoen som dag-måned-år, fx 24-11-2026."),
        },
    )


class CounsellingForm(DkfdsFormMixin, forms.Form):
    """Free counselling offered, accepted or declined (§ 12 a, stk. 1)."""

    status = forms.ChoiceField(
        label=_("Hvad skete der?"),
        choices=CounsellingStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vælg om rådgivningen blev tilbudt, taget imod eller takket nej til.")
        },
    )
    date = _date_field(_("Dato"), _("Fx 24-11-2026."))
    time = forms.TimeField(
        label=_("Klokken"),
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(format="%H:%M", attrs={"autocomplete": "off"}),
        help_text=_("Fx 14:30."),
        error_messages={
            "required": _("Skriv et klokkeslæt, fx 14:30."),
            "invalid": _("Skriv klokkeslættet som timer:minutter, fx 14:30."),
        },
    )
    note = forms.CharField(
        label=_("Bemærkning"),
        required=False,
        max_length=500,
        help_text=_("Fx hvordan tilbuddet blev givet. Højst 500 tegn."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @classmethod
    def initial_now(cls) -> dict:
        now = timezone.localtime()
        return {"date": now.date(), "time": now.time().replace(second=0, microsecond=0)}

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("date"), cleaned.get("time")
        if day and time:
            at = timezone.make_aware(dt.datetime.combine(day, time))
            if at > timezone.now() + FUTURE_GRACE:
                self.add_error(
                    "time", _("Tidspunktet ligger i fremtiden. Skriv hvornår det skete.")
                )
            cleaned["at"] = at
        return cleaned


PART_REQUIRED = _("Udfyld feltet – alle handleplanens fire dele skal udfyldes.")


def _part(label, help_text="", rows=4):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": PART_REQUIRED},
    )


class ActionPlanForm(DkfdsFormMixin, forms.Form):
    """The four parts of a § 12 a action plan (Serviceloven § 12 a, stk. 3), in the law's order.

    The service refuses a plan with an empty part or not made with the person; the form says the
    same at once, beside the field, so that every error shows after one attempt.
    """

    risk_assessment = _part(
        _("Risikoniveau og begrundelse"),
        _("Den første handleplan udfyldes fra sagens aktuelle risikovurdering. Ret og uddyb."),
        rows=6,
    )
    situation_housing = _part(_("Bolig"), rows=3)
    situation_work = _part(_("Arbejde"), rows=3)
    situation_education = _part(_("Uddannelse"), rows=3)
    situation_relatives = _part(_("Forhold til pårørende"), rows=3)
    support_housing_work_education = _part(_("Overvejet støtte til bolig, arbejde og uddannelse"))
    support_housing_work_education_purpose = _part(
        _("Formålet med støtten til bolig, arbejde og uddannelse"), rows=3
    )
    support_other_law = _part(
        _("Overvejet støtte efter serviceloven eller anden lovgivning"),
        _("Fx krisecenter, mentor, henvisning til politiet eller RED Safehouse."),
    )
    support_other_law_purpose = _part(
        _("Formålet med støtten efter serviceloven eller anden lovgivning"), rows=3
    )
    made_with_person = forms.BooleanField(
        label=_("Handleplanen er udarbejdet sammen med borgeren"),
        # The service's own words (create_action_plan).
        error_messages={
            "required": _("Handleplanen skal udarbejdes sammen med borgeren (§ 12 a, stk. 4).")
        },
    )
    agreed_on = _date_field(_("Aftalt med borgeren den"), _("Fx 24-11-2026."))

    def clean_agreed_on(self):
        agreed_on = self.cleaned_data["agreed_on"]
        if agreed_on > timezone.localdate():
            raise forms.ValidationError(
                _("Datoen ligger i fremtiden. Skriv den dato, handleplanen blev aftalt.")
            )
        return agreed_on

    def parts(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in ACTION_PLAN_FIELDS}

    @staticmethod
    def initial_for(latest: ActionPlan | None, assessment: RiskAssessment | None) -> dict:
        """A new version starts from the latest; the first from the case's risk assessment."""
        initial = {"agreed_on": timezone.localdate()}
        if latest is not None:
            initial.update({name: getattr(latest, name) for name in ACTION_PLAN_FIELDS})
        elif assessment is not None:
            initial["risk_assessment"] = risk_assessment_text(assessment)
        return initial


def risk_assessment_text(assessment: RiskAssessment) -> str:
    lines = [
        _("Risikoniveau: %(level)s (vurderet %(date)s).")
        % {
            "level": assessment.get_level_display(),
            "date": timezone.localtime(assessment.assessed_at).strftime("%d-%m-%Y"),
        }
    ]
    if assessment.acute_action_needed:
        lines.append(str(_("Akut indsats nødvendig.")))
    lines.append(assessment.justification)
    return "\n".join(lines)
