"""The auditor's page: who read or changed what about whom, when, and from where.

A search by CPR number is sent with POST and answered with a redirect to the same search by the
number's keyed hash: the number itself never appears in a URL, a log or the trail.
"""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from beredskab.access import staff
from beredskab.accounts import roles
from beredskab.forms import DanishDateField, DkfdsFormMixin

from .selectors import search_events, subject_keys
from .services import record
from .subjects import normalise_cpr


class AuditSearchForm(DkfdsFormMixin, forms.Form):
    staff = forms.CharField(label=_("Medarbejder (brugernavn)"), required=False)
    cpr = forms.CharField(
        label=_("Person: CPR-nummer"),
        required=False,
        max_length=11,
        help_text=_("Fx 010203-1234. Nummeret gemmes ikke; der søges på en nøgle lavet af det."),
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )
    reference = forms.CharField(
        label=_("Person eller sag (nøgle eller reference)"),
        required=False,
        max_length=80,
        help_text=_("Fx P-7K2M-9XWA-3QRT eller U-7K2M-9XWA"),
    )
    action = forms.CharField(label=_("Handling"), required=False, help_text=_("Fx notification."))
    date_from = DanishDateField(label=_("Fra dato"), required=False)
    date_to = DanishDateField(label=_("Til dato"), required=False)

    def clean_cpr(self) -> str:
        value = self.cleaned_data["cpr"]
        if value and normalise_cpr(value) is None:
            raise forms.ValidationError(_("Skriv CPR-nummeret med 10 cifre, fx 010203-1234."))
        return normalise_cpr(value) or ""


def _query_without_cpr(form: AuditSearchForm) -> str:
    """The search as a query string, the CPR number replaced by its subject key."""
    data = form.cleaned_data
    query = {name: value for name, value in form.data.items() if name in form.fields and value}
    query.pop("cpr", None)
    if data["cpr"]:
        query["reference"] = subject_keys(cpr=data["cpr"])[0]
    return urlencode(query)


@staff(roles.AUDITOR)
@require_http_methods(["GET", "POST"])
def audit_search(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = AuditSearchForm(data)
    if form.is_valid() and (request.method == "POST" or form.cleaned_data["cpr"]):
        response = HttpResponseRedirect(f"{request.path}?{_query_without_cpr(form)}")
        response.status_code = 303  # see other: the search is then a plain GET
        return response
    events = None
    status = 400 if form.is_bound and not form.is_valid() else 200
    if form.is_bound and form.is_valid():
        criteria = {k: v for k, v in form.cleaned_data.items() if v}
        record("audit.search", request=request, detail={"criteria": sorted(criteria)})
        found = search_events(**form.cleaned_data)
        events = Paginator(found, 100).get_page(request.GET.get("side"))
    return render(request, "audit/search.html", {"form": form, "events": events}, status=status)
