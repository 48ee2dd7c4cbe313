"""The statistics' period filter, and the choice of table to export."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beredskab.forms import DanishDateField, DkfdsFormMixin

from .selectors import MAX_YEARS, TABLES, Period

# No notification is older than the system, and none is received after next year; outside these
# years a period means a typing error (and at the calendar's ends it would not compute).
FIRST_YEAR = 2000


def _date_field(label):
    # The browser's date picker sends 2025-03-01; a date typed by hand is read as well.
    return DanishDateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Skriv datoen som dd-mm-åååå, fx 01-03-2025.")},
    )


class PeriodForm(DkfdsFormMixin, forms.Form):
    """From and to (both included). Left empty: the last 12 months, this month included."""

    # "from" is a Python keyword, so the fields are added by name; the query string reads
    # ?from=2025-01-01&to=2025-12-31.
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = _date_field(_("Fra og med"))
        self.fields["to"] = _date_field(_("Til og med"))
        self.order_fields(["from", "to"])
        for name in ("from", "to"):
            self.fields[name].widget.attrs["class"] = "form-input"

    def clean(self):
        cleaned = super().clean()
        default = Period.last_12_months()
        if "from" in self.errors or "to" in self.errors:
            return cleaned
        end = cleaned.get("to") or default.end
        last_year = timezone.localdate().year + 1
        if not FIRST_YEAR <= end.year <= last_year or (
            cleaned.get("from") and not FIRST_YEAR <= cleaned["from"].year <= last_year
        ):
            self.add_error(
                "from",
                _("Vælg en periode mellem år %(first)s og %(last)s.")
                % {"first": FIRST_YEAR, "last": last_year},
            )
            return cleaned
        start = cleaned.get("from") or Period.last_12_months(end).start
        if start > end:
            self.add_error("to", _("Til-datoen skal ligge efter fra-datoen. Ret en af dem."))
        elif end - start > dt.timedelta(days=366 * MAX_YEARS):
            self.add_error(
                "from", _("Vælg en periode på højst %(years)s år.") % {"years": MAX_YEARS}
            )
        cleaned["period"] = Period(start, end)
        return cleaned

    @property
    def period(self) -> Period:
        """The chosen period (the form must be valid), or the default when nothing was chosen."""
        if not self.is_bound:
            return Period.last_12_months()
        return self.cleaned_data["period"]


class ExportForm(PeriodForm):
    kind = forms.ChoiceField(choices=[(kind, kind) for kind in TABLES])


class RowExportForm(PeriodForm):
    """The one export that is not suppressed: the leader confirms the warning first."""

    confirm = forms.BooleanField(
        label=_(
            "Jeg ved, at filen ikke skjuler små tal, og at tal fra den kun må deles som samlede "
            "tal, hvor 1–4 er skjult."
        ),
        error_messages={"required": _("Bekræft, at du har læst advarslen, før du henter filen.")},
    )
