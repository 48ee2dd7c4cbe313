"""The auditor's page: who read or changed what, when, and from where."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from beredskab.access import staff
from beredskab.accounts import roles as r
from beredskab.forms import DkfdsFormMixin

from .selectors import search_events
from .services import record


class AuditSearchForm(DkfdsFormMixin, forms.Form):
    staff = forms.CharField(label=_("Medarbejder (brugernavn)"), required=False)
    reference = forms.CharField(
        label=_("Sag eller person (reference)"), required=False, help_text=_("Fx U-7K2M-9XWA")
    )
    action = forms.CharField(label=_("Handling"), required=False, help_text=_("Fx notification."))
    date_from = forms.DateField(
        label=_("Fra dato"), required=False, input_formats=["%d-%m-%Y", "%Y-%m-%d"]
    )
    date_to = forms.DateField(
        label=_("Til dato"), required=False, input_formats=["%d-%m-%Y", "%Y-%m-%d"]
    )


@staff(r.AUDITOR)
@require_GET
def audit_search(request):
    form = AuditSearchForm(request.GET or None)
    events = None
    if form.is_valid():
        criteria = {k: v for k, v in form.cleaned_data.items() if v}
        record("audit.search", request=request, detail={"criteria": sorted(criteria)})
        page = Paginator(search_events(**form.cleaned_data), 100).get_page(request.GET.get("side"))
        events = page
    return render(request, "audit/search.html", {"form": form, "events": events})
