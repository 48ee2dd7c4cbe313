"""Forms for the person pages: adding a family member to a notification, splitting a person."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beredskab import cpr
from beredskab.forms import DanishDateField, DkfdsFormMixin

from .models import Role

RELATED_ROLES = [(value, label) for value, label in Role.choices if value != Role.AT_RISK]


class RelatedPersonForm(DkfdsFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=RELATED_ROLES, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Navn"), max_length=200, required=False)
    cpr = forms.CharField(
        label=_("CPR-nummer"),
        max_length=11,
        required=False,
        help_text=_("Fx 010203-1234. Med CPR-nummer knyttes personen til sine andre sager."),
    )
    birth_date = DanishDateField(
        label=_("Fødselsdato"),
        required=False,
        help_text=_("Fx 31-12-2012. Udfyldes ikke, når CPR-nummeret er kendt."),
    )
    address = forms.CharField(label=_("Adresse"), max_length=300, required=False)

    def clean_cpr(self):
        value = self.cleaned_data["cpr"].strip()
        if not value:
            return ""
        try:
            cpr.birth_date(value)
        except cpr.InvalidCPR as error:
            raise forms.ValidationError(_("Skriv CPR-nummeret rigtigt: %s.") % error) from error
        return cpr.normalise(value)

    def clean(self):
        data = super().clean()
        if not (data.get("name", "").strip() or data.get("cpr") or data.get("birth_date")):
            raise forms.ValidationError(
                _("Skriv mindst personens navn, fødselsdato eller CPR-nummer.")
            )
        return data


class SplitForm(DkfdsFormMixin, forms.Form):
    """Which of the person's notifications are about someone else."""

    notifications = forms.TypedMultipleChoiceField(
        label=_("Underretninger om en anden person"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Vælg de underretninger, der handler om en anden person.")},
    )

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notifications"].choices = [
            (
                entry.notification_id,
                f"{entry.reference} ({timezone.localtime(entry.received_at):%d-%m-%Y})",
            )
            for entry in entries
        ]
