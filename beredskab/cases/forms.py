"""Forms for the case pages: risk screening and assessment, routing on the two tracks, the
journal, closing and reopening, break the glass. They only check what a person typed; the rules
live in services."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beredskab import cpr
from beredskab.accounts import roles
from beredskab.forms import (
    WIDGET_CLASSES,
    DanishDateField,
    DanishTimeField,
    DkfdsFormMixin,
    in_the_future,
    local_datetime,
)
from beredskab.plans.selectors import current_plan
from beredskab.plans.templatetags.plan_text import t

from .models import (
    AssessmentKind,
    CloseReason,
    FactorRating,
    FamilyContact,
    HandoverMethod,
    HowSoon,
    Judgement,
    ReceivingStatus,
    Track,
    VictimRelation,
)
from .services import FactorInput, ScenarioInput, VictimInput

YES_NO = [("yes", _("Ja")), ("no", _("Nej"))]

# The roles that work on cases; anyone with one of them can be assigned to a case.
CASE_ROLES = (
    roles.INTAKE,
    roles.COORDINATOR,
    roles.INTERVENTION_GROUP,
    roles.CHILDREN_UNIT,
    roles.LEADER,
)


def staff_with_roles(*wanted):
    User = get_user_model()
    return (
        User.objects.filter(is_active=True, groups__name__in=wanted)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


SCENARIO_SLOTS = 3
VICTIM_SLOTS = 4

JUDGEMENT_CHOICES = [("", _("Vælg")), *Judgement.choices]


class _ActionFields(forms.Form):
    """Is acute action needed, and what was done: asked by the screening and the assessment."""

    acute_action_needed = forms.ChoiceField(
        label=_("Er akut indsats nødvendig?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Svar, om der er brug for en akut indsats.")},
    )
    police_contacted = forms.BooleanField(label=_("Politiet er kontaktet"), required=False)
    safe_house = forms.BooleanField(
        label=_("Sikkert opholdssted / krisecenter er fundet"), required=False
    )
    social_doegnvagt = forms.BooleanField(label=_("Social Døgnvagt er kontaktet"), required=False)
    other_action = forms.CharField(label=_("Andet, der er gjort"), max_length=300, required=False)
    family_contact = forms.ChoiceField(
        label=_("Kan forældre/netværk inddrages?"),
        help_text=_(
            "Barnets Lov § 18, stk. 3: er der mistanke om en æresrelateret konflikt, må "
            "forældre og netværk først inddrages, når risikovurderingen siger, at det er sikkert. "
            "Indtil da sendes intet til familien."
        ),
        choices=[("", _("Ikke vurderet endnu")), *FamilyContact.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    justification = forms.CharField(
        label=_("Begrundelse for vurderingen"),
        help_text=_("Hvad bygger vurderingen på? Skriv det, en kollega skal vide."),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Skriv en begrundelse for vurderingen.")},
    )
    known_travel_on = DanishDateField(
        label=_("Kendt rejse eller ferie (dato)"),
        help_text=_(
            "Skal personen ud at rejse, eller er der ferie? Så beder sagen om en ny vurdering før."
        ),
        required=False,
    )

    def action_arguments(self) -> dict:
        c = self.cleaned_data
        return {
            "acute_action_needed": c["acute_action_needed"] == "yes",
            "police_contacted": c["police_contacted"],
            "safe_house": c["safe_house"],
            "social_doegnvagt": c["social_doegnvagt"],
            "other_action": c["other_action"],
            "justification": c["justification"],
            "known_travel_on": c["known_travel_on"],
        }


class RiskScreeningForm(DkfdsFormMixin, _ActionFields):
    """The indledende risikoscreening within 24 hours: is acute action needed, what was done."""

    def service_arguments(self) -> dict:
        return {"kind": AssessmentKind.SCREENING, **self.action_arguments()}


class RiskAssessmentForm(DkfdsFormMixin, _ActionFields):
    """The full risk assessment: the plan's factors by domain (now and earlier), scenarios,
    likely victims, protective factors, sources, two judgements and the § 18, stk. 3 question.
    A revision says what changed and why."""

    serious_violence = forms.ChoiceField(
        label=_("Risiko for alvorlig vold"),
        choices=Judgement.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vurdér risikoen for alvorlig vold: lav, middel eller høj.")},
    )
    acute_risk = forms.ChoiceField(
        label=_("Akut risiko (de nærmeste dage)"),
        choices=Judgement.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vurdér den akutte risiko: lav, middel eller høj.")},
    )
    family_contact = forms.ChoiceField(
        label=_("Kan forældre/netværk inddrages?"),
        help_text=_(
            "Barnets Lov § 18, stk. 3: forældre og netværk inddrages først, når "
            "risikovurderingen siger, at det er sikkert."
        ),
        choices=FamilyContact.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Svar, om forældre/netværk kan inddrages.")},
    )
    protective_factors = forms.CharField(
        label=_("Beskyttende faktorer"),
        help_text=_(
            "Hvad og hvem beskytter personen? Fx en voksen, personen stoler på, skole, "
            "venner, egen handlekraft."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Skriv de beskyttende faktorer, eller skriv »ingen kendte«.")
        },
    )
    sources = forms.CharField(
        label=_("Kilder til oplysningerne"),
        help_text=_(
            "Hvem og hvad bygger vurderingen på? Fx samtale med personen, underretter, "
            "skole, politi, tidligere sager."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv, hvad vurderingen bygger på.")},
    )
    change_reason = forms.CharField(
        label=_("Hvad er ændret siden sidste vurdering, og hvorfor?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    review_on = DanishDateField(
        label=_("Revurderes senest"),
        help_text=_("Dag-måned-år. Tom: planens frist for revurdering."),
        required=False,
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, risk_factors, revision: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.risk_factors = list(risk_factors)
        self.revision = revision
        ratings = [("", _("Vælg")), *FactorRating.choices]
        for factor in self.risk_factors:
            text = t(factor.text)
            self.fields[f"now_{factor.key}"] = forms.ChoiceField(
                label=_("Nu"),
                choices=ratings,
                error_messages={"required": _("Vurdér »%s« nu.") % text},
            )
            self.fields[f"earlier_{factor.key}"] = forms.ChoiceField(
                label=_("Tidligere"), choices=ratings, required=False
            )
            self.fields[f"note_{factor.key}"] = forms.CharField(
                label=_("Bemærkning"), max_length=500, required=False
            )
        for n in range(1, SCENARIO_SLOTS + 1):
            self.fields[f"scenario_{n}_what"] = forms.CharField(
                label=_("Hvad kan der ske?"),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
            self.fields[f"scenario_{n}_who"] = forms.CharField(
                label=_("Hvem vil gøre det?"), max_length=300, required=False
            )
            self.fields[f"scenario_{n}_how_soon"] = forms.ChoiceField(
                label=_("Hvor snart?"),
                choices=[("", _("Vælg")), *HowSoon.choices],
                required=False,
            )
        for n in range(1, VICTIM_SLOTS + 1):
            self.fields[f"victim_{n}_relation"] = forms.ChoiceField(
                label=_("Relation"),
                choices=[("", _("Vælg")), *VictimRelation.choices],
                required=False,
            )
            self.fields[f"victim_{n}_description"] = forms.CharField(
                label=_("Hvem (navn eller beskrivelse)"), max_length=200, required=False
            )
            self.fields[f"victim_{n}_is_child"] = forms.BooleanField(
                label=_("Under 18 år"), required=False
            )
        # DkfdsFormMixin styled the fields that existed when it ran; style the new ones too.
        for field in self.fields.values():
            for widget_type, css in WIDGET_CLASSES.items():
                if isinstance(field.widget, widget_type):
                    field.widget.attrs.setdefault("class", css)
                    break

    @classmethod
    def initial_from(cls, assessment, plan) -> dict:
        """A revision starts from the current full assessment (a first one from the screening's
        actions); the person at risk is the first likely victim."""
        initial: dict = {"victim_1_relation": VictimRelation.PERSON}
        if assessment is None:
            return initial
        initial.update(
            {
                "acute_action_needed": "yes" if assessment.acute_action_needed else "no",
                "police_contacted": assessment.police_contacted,
                "safe_house": assessment.safe_house,
                "social_doegnvagt": assessment.social_doegnvagt,
                "other_action": assessment.other_action,
                "known_travel_on": assessment.known_travel_on,
            }
        )
        if assessment.kind != AssessmentKind.FULL:
            return initial
        initial.update(
            {
                "serious_violence": assessment.serious_violence,
                "acute_risk": assessment.acute_risk,
                "family_contact": assessment.family_contact,
                "protective_factors": assessment.protective_factors,
                "sources": assessment.sources,
                "justification": assessment.justification,
            }
        )
        for answer in assessment.answers.all():
            initial[f"now_{answer.factor}"] = answer.now
            initial[f"earlier_{answer.factor}"] = answer.earlier
            initial[f"note_{answer.factor}"] = answer.note
        for n, scenario in enumerate(assessment.scenarios.all()[:SCENARIO_SLOTS], start=1):
            initial[f"scenario_{n}_what"] = scenario.what
            initial[f"scenario_{n}_who"] = scenario.who
            initial[f"scenario_{n}_how_soon"] = scenario.how_soon
        for n, victim in enumerate(assessment.likely_victims.all()[:VICTIM_SLOTS], start=1):
            initial[f"victim_{n}_relation"] = victim.relation
            initial[f"victim_{n}_description"] = victim.description
            initial[f"victim_{n}_is_child"] = victim.is_child
        return initial

    def clean(self):
        c = super().clean()
        if self.revision and not (c.get("change_reason") or "").strip():
            self.add_error(
                "change_reason", _("Skriv, hvad der er ændret siden sidste vurdering, og hvorfor.")
            )
        for n in range(1, SCENARIO_SLOTS + 1):
            what, who, soon = (
                c.get(f"scenario_{n}_{part}") for part in ("what", "who", "how_soon")
            )
            if (what or who or soon) and not (what and who and soon):
                self.add_error(
                    f"scenario_{n}_what",
                    _("Scenarie %d: skriv hvad der kan ske, hvem og hvor snart.") % n,
                )
        if not any(c.get(f"scenario_{n}_what") for n in range(1, SCENARIO_SLOTS + 1)):
            self.add_error("scenario_1_what", _("Beskriv mindst ét scenarie."))
        for n in range(1, VICTIM_SLOTS + 1):
            relation, who = c.get(f"victim_{n}_relation"), c.get(f"victim_{n}_description")
            if who and not relation:
                self.add_error(f"victim_{n}_relation", _("Vælg relationen for »%s«.") % who)
            if relation and relation != VictimRelation.PERSON and not who:
                self.add_error(
                    f"victim_{n}_description",
                    _("Skriv, hvem offer %d er (navn eller beskrivelse).") % n,
                )
        return c

    def domain_rows(self, domains) -> list[tuple[str, list[dict]]]:
        """Per domain its title and one row per factor: text, help, and the three fields."""
        return [
            (
                title,
                [
                    {
                        "factor": f,
                        "now": self[f"now_{f.key}"],
                        "earlier": self[f"earlier_{f.key}"],
                        "note": self[f"note_{f.key}"],
                    }
                    for f in factors
                ],
            )
            for _key, title, factors in domains
        ]

    def scenario_rows(self) -> list[dict]:
        return [
            {part: self[f"scenario_{n}_{part}"] for part in ("what", "who", "how_soon")} | {"n": n}
            for n in range(1, SCENARIO_SLOTS + 1)
        ]

    def victim_rows(self) -> list[dict]:
        return [
            {part: self[f"victim_{n}_{part}"] for part in ("relation", "description", "is_child")}
            | {"n": n}
            for n in range(1, VICTIM_SLOTS + 1)
        ]

    def answers(self) -> dict[str, FactorInput]:
        c = self.cleaned_data
        return {
            f.key: FactorInput(
                now=c[f"now_{f.key}"],
                earlier=c.get(f"earlier_{f.key}", ""),
                note=c.get(f"note_{f.key}", ""),
            )
            for f in self.risk_factors
        }

    def service_arguments(self) -> dict:
        c = self.cleaned_data
        return {
            "kind": AssessmentKind.FULL,
            **self.action_arguments(),
            "answers": self.answers(),
            "serious_violence": c["serious_violence"],
            "acute_risk": c["acute_risk"],
            "family_contact": c["family_contact"],
            "protective_factors": c["protective_factors"],
            "sources": c["sources"],
            "change_reason": c["change_reason"],
            "review_on": c["review_on"],
            "scenarios": [
                ScenarioInput(
                    what=c[f"scenario_{n}_what"],
                    who=c[f"scenario_{n}_who"],
                    how_soon=c[f"scenario_{n}_how_soon"],
                )
                for n in range(1, SCENARIO_SLOTS + 1)
                if c.get(f"scenario_{n}_what")
            ],
            "likely_victims": [
                VictimInput(
                    relation=c[f"victim_{n}_relation"],
                    description=c[f"victim_{n}_description"] or "",
                    is_child=c[f"victim_{n}_is_child"],
                )
                for n in range(1, VICTIM_SLOTS + 1)
                if c.get(f"victim_{n}_relation")
            ],
        }


class TrackForm(DkfdsFormMixin, forms.Form):
    track = forms.ChoiceField(
        label=_("Spor"),
        choices=[(Track.CHILD, Track.CHILD.label), (Track.ADULT, Track.ADULT.label)],
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg, om personen er under eller over 18 år.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tracks = current_plan().tracks
        # The plan names the units (and the age) of its tracks.
        self.fields["track"].help_text = _(
            "Under %(age)s år: %(child)s. %(age)s år eller ældre: %(adult)s."
        ) % {
            "age": tracks.adult_from_age,
            "child": t(tracks.child.unit),
            "adult": t(tracks.adult.unit),
        }


class HandoverForm(DkfdsFormMixin, forms.Form):
    """A child's case handed to the children's unit: who received it, when and how."""

    received_by = StaffChoiceField(
        label=_("Medarbejder, der modtager sagen"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("– Ikke i systemet –"),
        help_text=_("Vælg medarbejderen, hvis vedkommende har adgang til systemet."),
    )
    received_by_name = forms.CharField(
        label=_("Modtaget af (navn)"),
        max_length=200,
        required=False,
        help_text=_("Kun hvis modtageren ikke er valgt ovenfor."),
    )
    received_date = DanishDateField(
        label=_("Overdraget dato"),
        help_text=_("Fx 24-11-2026."),
        error_messages={"required": _("Skriv datoen for overdragelsen.")},
    )
    received_time = DanishTimeField(
        label=_("Overdraget klokken"),
        help_text=_("Fx 14:30."),
        error_messages={"required": _("Skriv klokkeslættet for overdragelsen.")},
    )
    method = forms.ChoiceField(
        label=_("Hvordan blev sagen overdraget?"),
        choices=HandoverMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg, hvordan sagen blev overdraget.")},
    )
    note = forms.CharField(
        label=_("Bemærkning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_by"].queryset = staff_with_roles(roles.CHILDREN_UNIT)

    @classmethod
    def initial_now(cls) -> dict:
        now = timezone.localtime()
        return {
            "received_date": now.date(),
            "received_time": now.time().replace(second=0, microsecond=0),
        }

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("received_date"), cleaned.get("received_time")
        if day and time:
            received = local_datetime(day, time)
            if in_the_future(received):
                self.add_error("received_time", _("Overdragelsen kan ikke ligge i fremtiden."))
            cleaned["received_at"] = received
        receiver = cleaned.get("received_by")
        if not cleaned.get("received_by_name"):
            if receiver is not None:
                cleaned["received_by_name"] = receiver.get_full_name() or receiver.get_username()
            else:
                self.add_error(
                    "received_by_name",
                    _("Vælg medarbejderen, eller skriv navnet på den, der tog imod sagen."),
                )
        return cleaned


class CoordinatorForm(DkfdsFormMixin, forms.Form):
    coordinator = StaffChoiceField(
        label=_("Tovholder"),
        queryset=get_user_model().objects.none(),
        help_text=_("Tovholderen tager sagen videre til Indsatsgruppen."),
        error_messages={"required": _("Vælg en tovholder.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = staff_with_roles(roles.COORDINATOR)


class AssignForm(DkfdsFormMixin, forms.Form):
    """Who gets access to the case, and why; `candidates` are the people the user may assign
    (cases.access.may_take and may_assign_others)."""

    user = StaffChoiceField(
        label=_("Medarbejder"),
        queryset=get_user_model().objects.none(),
        help_text=_("Medarbejderen får adgang til sagen."),
        error_messages={
            "required": _("Vælg en medarbejder."),
            "invalid_choice": _("Vælg en medarbejder fra listen."),
        },
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        help_text=_("Hvorfor skal medarbejderen have adgang? Begrundelsen står i sagens journal."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv, hvorfor medarbejderen skal have adgang til sagen.")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates


class NoteForm(DkfdsFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Nyt notat"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        error_messages={"required": _("Skriv notatet, før du gemmer.")},
    )


class ReviewDateForm(DkfdsFormMixin, forms.Form):
    review_on = DanishDateField(
        label=_("Opfølgningsdato"),
        help_text=_("Den dag sagen skal ses på igen; du får en e-mail. Fx 24-11-2026."),
        error_messages={"required": _("Skriv datoen, sagen skal følges op.")},
    )


class SearchForm(DkfdsFormMixin, forms.Form):
    """Find a case by one criterion. Sent by POST: the criterion never goes into a URL."""

    BY_CHOICES = [
        ("reference", _("Reference")),
        ("name", _("Navn")),
        ("cpr", _("CPR-nummer")),
        ("date", _("Modtaget dato")),
    ]
    by = forms.ChoiceField(
        label=_("Søg på"), choices=BY_CHOICES, widget=forms.RadioSelect, initial="reference"
    )
    text = forms.CharField(
        label=_("Søgetekst"),
        max_length=200,
        help_text=_("Fx U-7K2M-9XWA, et navn, 010203-1234 eller 24-11-2026."),
        error_messages={"required": _("Skriv, hvad du søger efter.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean(self):
        cleaned = super().clean()
        by, text = cleaned.get("by"), (cleaned.get("text") or "").strip()
        if not by or not text:
            return cleaned
        if by == "cpr":
            try:
                cleaned["value"] = cpr.normalise(text)
            except cpr.InvalidCPR:
                self.add_error("text", _("Et CPR-nummer har 10 cifre, fx 010203-1234."))
        elif by == "date":
            try:
                cleaned["value"] = DanishDateField().clean(text)
            except forms.ValidationError:
                self.add_error("text", _("Skriv datoen som dag-måned-år, fx 24-11-2026."))
        elif by == "name" and len(text) < 2:
            self.add_error("text", _("Skriv mindst to bogstaver af navnet."))
        else:
            cleaned["value"] = text
        return cleaned


class CorrectionForm(DkfdsFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Rettelse"),
        help_text=_("Det oprindelige notat bliver stående; rettelsen vises ved siden af."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        error_messages={"required": _("Skriv rettelsen, før du gemmer.")},
    )


class CloseForm(DkfdsFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Hvorfor lukkes sagen?"),
        choices=CloseReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg en årsag.")},
    )
    note = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        help_text=_("Skal udfyldes, når årsagen er »Andet«."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    confirm = forms.BooleanField(
        label=_("Jeg har læst advarslerne og lukker sagen alligevel"), required=False
    )

    def __init__(self, *args, warnings: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.warnings = warnings or []
        if not self.warnings:
            del self.fields["confirm"]

    new_municipality = forms.CharField(
        label=_("Den nye kommune"),
        required=False,
        max_length=100,
        help_text=_(
            "Skal udfyldes, når personen er flyttet: der oprettes en opgave om at orientere den "
            "nye kommune."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == CloseReason.OTHER and not cleaned.get("note"):
            self.add_error("note", _("Skriv en begrundelse, når årsagen er »Andet«."))
        if self.warnings and not cleaned.get("confirm"):
            self.add_error(
                "confirm",
                _(
                    "Sagen har noget, der ikke er afsluttet (se ovenfor). "
                    "Bekræft, at den skal lukkes."
                ),
            )
        if (
            cleaned.get("reason") == CloseReason.MOVED
            and not cleaned.get("new_municipality", "").strip()
        ):
            self.add_error("new_municipality", _("Skriv hvilken kommune personen er flyttet til."))
        return cleaned


class AdultTrackForm(DkfdsFormMixin, forms.Form):
    """Move a child case to the adult track once the person has reached the plan's age."""

    coordinator: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Tovholder på voksensporet"),
        queryset=None,
        error_messages={"required": _("Vælg tovholderen, der overtager sagen.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = staff_with_roles(roles.COORDINATOR)


class ReceivingStatusForm(DkfdsFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Sagens status hos den modtagende enhed"),
        choices=ReceivingStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg sagens status.")},
    )
    note = forms.CharField(label=_("Bemærkning"), required=False, max_length=500)


class MoveInformedForm(DkfdsFormMixin, forms.Form):
    how = forms.CharField(
        label=_("Hvordan er den nye kommune orienteret?"),
        max_length=300,
        help_text=_("Fx »Sikker e-mail til Familieafdelingen 3. marts«."),
        error_messages={"required": _("Skriv hvordan den nye kommune er orienteret.")},
    )


class ReopenForm(DkfdsFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor genåbnes sagen?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Skriv hvorfor sagen genåbnes.")},
    )


class BreakGlassForm(DkfdsFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse"),
        help_text=_(
            "Skriv konkret, hvorfor du har brug for adgang til sagen nu (mindst 20 tegn). "
            "Begrundelsen kommer i sagens journal og sendes til lederen."
        ),
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Skriv en begrundelse for, at du skal have adgang."),
            "min_length": _("Skriv en konkret begrundelse (mindst 20 tegn)."),
        },
    )
