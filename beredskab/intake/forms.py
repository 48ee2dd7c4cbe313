"""The three ways in: a professional's form, a citizen's form (may be anonymous), and Modtagelsen's
registration of notifications that came by phone, e-mail, letter or the police."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from beredskab import cpr
from beredskab.forms import (
    DanishDateField,
    DanishTimeField,
    DkfdsFormMixin,
    in_the_future,
    local_datetime,
)

from .models import (
    STAFF_CHANNELS,
    AgeGroup,
    ContactMeans,
    NotifierKind,
    ReceiptMethod,
    YesNoUnknown,
)
from .services import NotificationData
from .uploads import validate_uploads

YES_NO = [("yes", _("Ja")), ("no", _("Nej"))]

# The bounds of a time of receipt: a registering clock may run a little ahead of ours
# (in_the_future allows for it), and a notification received more than five years ago is a typing
# error (the year), not a notification to assess within 24 hours. A birth date more than 120 years
# back likewise.
OLDEST_RECEIPT_YEARS = 5
OLDEST_BIRTH_YEARS = 120


def _years_before(moment, years):
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def received_at_problem(received_at: dt.datetime) -> str | Promise | None:
    """Why a time of receipt cannot be right, or None. Shared by the staff form and the API."""
    if in_the_future(received_at):
        return _("Modtagelsestidspunktet ligger i fremtiden.")
    if received_at < _years_before(timezone.now(), OLDEST_RECEIPT_YEARS):
        return _("Modtagelsestidspunktet ligger mere end %(years)s år tilbage. Tjek året.") % {
            "years": OLDEST_RECEIPT_YEARS
        }
    return None


def birth_date_problem(born: dt.date) -> str | Promise | None:
    """Why a birth date cannot be right, or None. Shared by the forms and the API."""
    today = timezone.localdate()
    if born > today:
        return _("Fødselsdatoen ligger i fremtiden.")
    if born < _years_before(today, OLDEST_BIRTH_YEARS):
        return _("Fødselsdatoen ligger mere end %(years)s år tilbage. Tjek året.") % {
            "years": OLDEST_BIRTH_YEARS
        }
    return None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class NotificationForm(DkfdsFormMixin, forms.Form):
    """What every notification holds: the person concerned and what happened."""

    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    concern_types = forms.MultipleChoiceField(
        label=_("Hvad handler bekymringen om?"),
        help_text=_("Vælg alt det, der passer."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Vælg mindst én type bekymring.")},
    )
    person_name = forms.CharField(label=_("Personens navn"), max_length=200, required=False)
    person_cpr = forms.CharField(
        label=_("CPR-nummer"),
        max_length=11,
        required=False,
        help_text=_("Hvis du kender det, fx 010203-1234."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    person_birth_date = DanishDateField(
        label=_("Fødselsdato"),
        required=False,
        help_text=_("Hvis du ikke kender CPR-nummeret. Skriv fx 24-12-2010."),
    )
    person_age = forms.IntegerField(
        label=_("Alder"),
        required=False,
        min_value=0,
        max_value=120,
        help_text=_("Omtrentlig alder, hvis du hverken kender CPR-nummer eller fødselsdato."),
    )
    age_group = forms.ChoiceField(
        label=_("Er personen under 18 år?"),
        choices=AgeGroup.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Svar, hvis du ikke har skrevet CPR-nummer, fødselsdato eller alder."),
    )
    person_address = forms.CharField(label=_("Adresse"), max_length=300, required=False)
    person_language = forms.CharField(
        label=_("Hvilket sprog taler personen?"), max_length=100, required=False
    )
    interpreter_needed = forms.BooleanField(label=_("Personen har brug for tolk"), required=False)
    children_in_household = forms.ChoiceField(
        label=_("Er der børn i husstanden?"),
        choices=YesNoUnknown.choices,
        widget=forms.RadioSelect,
        initial=YesNoUnknown.UNKNOWN,
    )
    children_details = forms.CharField(
        label=_("Om børnene"),
        required=False,
        max_length=2000,
        help_text=_("Fx alder og navne, hvis du kender dem."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label=_("Hvad er der sket?"),
        help_text=_("Beskriv hvad du har set, hørt eller fået fortalt, og hvornår."),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        error_messages={"required": _("Beskriv hvad der er sket.")},
    )
    immediate_danger = forms.ChoiceField(
        label=_("Er personen i akut fare lige nu?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text=_("Er nogen i akut fare, så ring 112 nu – og send også underretningen."),
        error_messages={"required": _("Svar på, om personen er i akut fare.")},
    )
    notifier_actions = forms.CharField(
        label=_("Hvad har du selv gjort?"),
        required=False,
        max_length=5000,
        help_text=_("Fx talt med personen, talt med din leder, kontaktet politiet."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    family_knows = forms.ChoiceField(
        label=_("Ved familien, at du underretter?"),
        choices=YesNoUnknown.choices,
        widget=forms.RadioSelect,
        initial=YesNoUnknown.UNKNOWN,
    )
    attachments = MultipleFileField(
        label=_("Vedhæft filer"),
        required=False,
        help_text=_(
            "Højst 5 filer på hver højst 10 MB: PDF, Word, billeder (JPEG, PNG, HEIC) eller tekst."
        ),
    )

    channel: str  # set by each form (the staff's form takes it from the staff member)
    notifier_kind: str

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["concern_types"].choices = [
            (c.key, c.title.get(_language(), c.title["da"])) for c in plan.procedure.concern_types
        ]

    def clean_person_cpr(self):
        value = self.cleaned_data["person_cpr"].strip()
        if not value:
            return ""
        try:
            born = cpr.birth_date(value)
        except cpr.InvalidCPR as exc:
            raise forms.ValidationError(
                _("CPR-nummeret er ikke gyldigt: %(why)s. Lad feltet stå tomt, hvis du er i tvivl.")
                % {"why": exc}
            ) from exc
        if born > timezone.localdate():
            raise forms.ValidationError(_("CPR-nummerets fødselsdato ligger i fremtiden."))
        return cpr.normalise(value)

    def clean_person_birth_date(self):
        value = self.cleaned_data["person_birth_date"]
        problem = value and birth_date_problem(value)
        if problem:
            raise forms.ValidationError(problem)
        return value

    def clean_attachments(self):
        return validate_uploads(self.cleaned_data.get("attachments") or [])

    def clean(self):
        cleaned = super().clean()
        known_age = (
            cleaned.get("person_cpr")
            or cleaned.get("person_birth_date")
            or cleaned.get("person_age") is not None
            or cleaned.get("age_group")
        )
        if not known_age and not self.errors.get("person_cpr"):
            self.add_error(
                "age_group",
                _(
                    "Skriv CPR-nummer, fødselsdato eller alder – "
                    "eller svar, om personen er under 18 år."
                ),
            )
        self._check_age_answers(cleaned)
        return cleaned

    def _check_age_answers(self, cleaned) -> None:
        """Ask when the answer "under 18" or "18 or older" contradicts the CPR number, the birth
        date or the age typed: the track must not be chosen silently from one of them."""
        chosen = cleaned.get("age_group")
        if chosen not in (AgeGroup.CHILD, AgeGroup.ADULT):
            return
        today = timezone.localdate()
        if cleaned.get("person_cpr"):
            age, what = cpr.age_on(cpr.birth_date(cleaned["person_cpr"]), today), _("CPR-nummeret")
        elif cleaned.get("person_birth_date"):
            age, what = cpr.age_on(cleaned["person_birth_date"], today), _("fødselsdatoen")
        elif cleaned.get("person_age") is not None:
            age, what = cleaned["person_age"], _("alderen")
        else:
            return
        if (age < 18) != (chosen == AgeGroup.CHILD):
            self.add_error(
                "age_group",
                _(
                    "Svarene om alderen passer ikke sammen: du har svaret »%(answer)s«, men "
                    "%(what)s giver %(age)d år. Ret det, der er forkert."
                )
                % {"answer": AgeGroup(chosen).label, "what": what, "age": age},
            )

    def notification_data(
        self, *, notifier_kind_override=None, channel_override=None, **extra
    ) -> NotificationData:
        c = self.cleaned_data
        return NotificationData(
            channel=channel_override or self.channel,
            notifier_kind=notifier_kind_override or self.notifier_kind,
            concern_types=c["concern_types"],
            description=c["description"],
            age_group=c.get("age_group") or AgeGroup.UNKNOWN,
            person_name=c.get("person_name", ""),
            person_cpr=c.get("person_cpr", ""),
            person_birth_date=c.get("person_birth_date"),
            person_age=c.get("person_age"),
            person_address=c.get("person_address", ""),
            person_language=c.get("person_language", ""),
            interpreter_needed=c.get("interpreter_needed", False),
            children_in_household=c.get("children_in_household") or "unknown",
            children_details=c.get("children_details", ""),
            immediate_danger=c.get("immediate_danger") == "yes",
            notifier_actions=c.get("notifier_actions", ""),
            family_knows=c.get("family_knows") or "unknown",
            attachments=c.get("attachments") or [],
            **extra,
        )


def _language():
    from django.utils.translation import get_language

    return (get_language() or "da").split("-")[0]


class ProfessionalNotificationForm(NotificationForm):
    """Professionals notify under their own name (skærpet underretningspligt)."""

    channel = "web_professional"
    notifier_kind = NotifierKind.PROFESSIONAL

    notifier_name = forms.CharField(label=_("Dit navn"), max_length=200)
    notifier_workplace = forms.CharField(label=_("Din arbejdsplads"), max_length=200)
    notifier_role = forms.CharField(
        label=_("Din funktion"),
        max_length=200,
        help_text=_("Fx lærer, sagsbehandler, sundhedsplejerske."),
    )
    notifier_phone = forms.CharField(label=_("Dit telefonnummer"), max_length=40)
    notifier_email = forms.EmailField(
        label=_("Din e-mail"),
        max_length=254,
        help_text=_("Du får en kvittering hertil. Brug din arbejdsmail."),
    )

    field_order = [
        "notifier_name",
        "notifier_workplace",
        "notifier_role",
        "notifier_phone",
        "notifier_email",
    ]

    def notification_data(self, **extra):
        c = self.cleaned_data
        return super().notification_data(
            notifier_name=c["notifier_name"],
            notifier_workplace=c["notifier_workplace"],
            notifier_role=c["notifier_role"],
            notifier_phone=c["notifier_phone"],
            notifier_email=c["notifier_email"],
            **extra,
        )


class CitizenNotificationForm(NotificationForm):
    """A worried citizen, perhaps the person at risk, perhaps on a shared phone: fewer questions
    than a professional's, in plain words, every one but the story optional. Writing about oneself
    makes it a request for help (henvendelse), not a notification. Nothing is sent to the citizen
    unless they ask for it at a way they say is safe (beredskab.outbox.gate)."""

    channel = "web_citizen"
    notifier_kind = NotifierKind.CITIZEN

    about = forms.ChoiceField(
        label=_("Handler det om dig selv eller om en anden?"),
        choices=[("self", _("Det handler om mig")), ("other", _("Det handler om en anden"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Svar, om det handler om dig selv eller om en anden.")},
    )
    anonymous = forms.BooleanField(
        label=_("Jeg vil være anonym"),
        required=False,
        help_text=_("Så kan vi ikke kontakte dig eller sende dig en kvittering."),
    )
    notifier_name = forms.CharField(label=_("Dit navn"), max_length=200, required=False)
    notifier_relation = forms.CharField(
        label=_("Hvem er du i forhold til personen?"),
        max_length=200,
        required=False,
        help_text=_("Fx nabo, ven eller familie."),
    )
    safe_to_contact = forms.ChoiceField(
        label=_("Er det sikkert for dig, at vi kontakter dig?"),
        choices=[("yes", _("Ja")), ("no", _("Nej, kontakt mig ikke"))],
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Tænk på, om andre kan se din telefon, dine beskeder eller din post."),
    )
    safe_contact_means = forms.ChoiceField(
        label=_("Hvordan er det sikkert at kontakte dig?"),
        choices=[(v, label) for v, label in ContactMeans.choices if v != "in_person"],
        widget=forms.RadioSelect,
        required=False,
    )
    safe_contact_address = forms.CharField(
        label=_("Nummer, e-mail eller adresse"),
        max_length=300,
        required=False,
        help_text=_("Kun et nummer eller en adresse, som andre ikke kan se."),
    )
    safe_contact_times = forms.CharField(
        label=_("Hvornår må vi kontakte dig?"),
        max_length=200,
        required=False,
        help_text=_("Fx hverdage kl. 15–17."),
    )
    receipt_wanted = forms.BooleanField(
        label=_("Send mig en kvittering ad den vej"),
        required=False,
        help_text=_("Vi sender kun en kvittering, hvis du beder om det."),
    )

    # Left out to keep the form short: staff ask for the rest when they talk to the citizen.
    # (Django's way to leave out an inherited field; the stubs type the attributes as fields.)
    person_cpr = None  # type: ignore[assignment]
    person_birth_date = None  # type: ignore[assignment]
    person_language = None  # type: ignore[assignment]
    interpreter_needed = None  # type: ignore[assignment]
    children_details = None  # type: ignore[assignment]
    notifier_actions = None  # type: ignore[assignment]
    family_knows = None  # type: ignore[assignment]
    attachments = None  # type: ignore[assignment]

    field_order = [
        "about",
        "anonymous",
        "notifier_name",
        "notifier_relation",
        "safe_to_contact",
        "safe_contact_means",
        "safe_contact_address",
        "safe_contact_times",
        "receipt_wanted",
    ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("anonymous") or cleaned.get("safe_to_contact") != "yes":
            if cleaned.get("receipt_wanted") and not cleaned.get("anonymous"):
                self.add_error(
                    "receipt_wanted",
                    _(
                        "Svar ja til, at vi må kontakte dig, og skriv hvordan – så kan vi sende "
                        "en kvittering."
                    ),
                )
            return cleaned
        means = cleaned.get("safe_contact_means")
        address = (cleaned.get("safe_contact_address") or "").strip()
        if not means:
            self.add_error("safe_contact_means", _("Vælg, hvordan vi sikkert kan kontakte dig."))
        if not address:
            self.add_error(
                "safe_contact_address",
                _("Skriv det nummer, den e-mail eller den adresse, hvor det er sikkert."),
            )
        elif means == ContactMeans.EMAIL:
            try:
                validate_email(address)
            except forms.ValidationError as invalid:
                self.add_error("safe_contact_address", invalid)
        cleaned["safe_contact_address"] = address
        return cleaned

    def notification_data(self, **extra):
        c = self.cleaned_data
        about_self = c.get("about") == "self"
        if c.get("anonymous"):
            return super().notification_data(
                notifier_kind_override=NotifierKind.ANONYMOUS, about_self=about_self, **extra
            )
        safe = c.get("safe_to_contact") or ""
        means = c.get("safe_contact_means") if safe == "yes" else ""
        address = c.get("safe_contact_address", "") if safe == "yes" else ""
        receipt = (
            RECEIPT_BY_MEANS.get(means, ReceiptMethod.NOT_WANTED)
            if c.get("receipt_wanted")
            else ReceiptMethod.NOT_WANTED
        )
        return super().notification_data(
            notifier_name=c.get("notifier_name", ""),
            notifier_role=_("Personen selv") if about_self else c.get("notifier_relation", ""),
            notifier_phone=address if means in (ContactMeans.PHONE, ContactMeans.SMS) else "",
            notifier_email=address if means == ContactMeans.EMAIL else "",
            notifier_address=address if means == ContactMeans.LETTER else "",
            receipt_method=receipt,
            about_self=about_self,
            safe_to_contact=safe,
            safe_contact_means=means or "",
            safe_contact_address=address,
            safe_contact_times=c.get("safe_contact_times", "") if safe == "yes" else "",
            **extra,
        )


RECEIPT_BY_MEANS = {
    ContactMeans.EMAIL: ReceiptMethod.EMAIL,
    ContactMeans.SMS: ReceiptMethod.PHONE,
    ContactMeans.PHONE: ReceiptMethod.PHONE,
    ContactMeans.LETTER: ReceiptMethod.LETTER,
}


class StaffRegistrationForm(NotificationForm):
    """Modtagelsen registers a notification that came another way, with its real time of receipt."""

    channel_choice = forms.ChoiceField(
        label=_("Modtaget via"),
        choices=[(c.value, c.label) for c in STAFF_CHANNELS],
    )
    received_date = DanishDateField(
        label=_("Modtaget dato"),
        help_text=_("Fristerne regnes fra modtagelsen, ikke fra registreringen. Fx 24-11-2026."),
    )
    received_time = DanishTimeField(label=_("Modtaget klokken"), help_text=_("Fx 14:30."))
    notifier_kind_choice = forms.ChoiceField(
        label=_("Underretter"), choices=NotifierKind.choices, widget=forms.RadioSelect
    )
    notifier_name = forms.CharField(label=_("Underretters navn"), max_length=200, required=False)
    notifier_workplace = forms.CharField(label=_("Arbejdssted"), max_length=200, required=False)
    notifier_role = forms.CharField(label=_("Funktion"), max_length=200, required=False)
    notifier_phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    notifier_email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)
    notifier_address = forms.CharField(
        label=_("Postadresse"),
        max_length=300,
        required=False,
        help_text=_("Til kvittering pr. brev."),
    )
    receipt_method = forms.ChoiceField(
        label=_("Kvittering sendes via"),
        choices=ReceiptMethod.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Tomt: e-mail hvis der er en adresse, ellers brev eller telefon."),
    )

    field_order = [
        "channel_choice",
        "received_date",
        "received_time",
        "notifier_kind_choice",
        "notifier_name",
        "notifier_workplace",
        "notifier_role",
        "notifier_phone",
        "notifier_email",
        "notifier_address",
        "receipt_method",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["immediate_danger"].label = _("Akut fare?")

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("received_date"), cleaned.get("received_time")
        if day and time:
            received = local_datetime(day, time)
            problem = received_at_problem(received)
            if problem:
                self.add_error("received_date", problem)
            cleaned["received_at"] = received
        if cleaned.get("receipt_method") == ReceiptMethod.EMAIL and not cleaned.get(
            "notifier_email"
        ):
            self.add_error(
                "notifier_email", _("Skriv en e-mail, hvis kvitteringen skal sendes som e-mail.")
            )
        return cleaned

    def notification_data(self, **extra):
        c = self.cleaned_data
        return super().notification_data(
            notifier_kind_override=c["notifier_kind_choice"],
            channel_override=c["channel_choice"],
            received_at=c["received_at"],
            notifier_name=c.get("notifier_name", ""),
            notifier_workplace=c.get("notifier_workplace", ""),
            notifier_role=c.get("notifier_role", ""),
            notifier_phone=c.get("notifier_phone", ""),
            notifier_email=c.get("notifier_email", ""),
            notifier_address=c.get("notifier_address", ""),
            receipt_method=c.get("receipt_method") or None,
            **extra,
        )
