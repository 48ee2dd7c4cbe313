"""The person pages under /medarbejder/personer/: a person's history and proposed matches,
merging, rejecting, splitting, and a notification's family. A person is named in URLs by its
internal id, never by name or CPR number. Views check need to know and call the services."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beredskab.access import refuse, staff
from beredskab.accounts import roles as r
from beredskab.audit.services import record
from beredskab.cases.access import can_view
from beredskab.intake import cpr
from beredskab.intake.models import Notification

from . import selectors, services
from .access import can_change_case, can_change_persons, can_view_person
from .forms import RelatedPersonForm, SplitForm
from .models import MergeRecord, Person

PERSON_ROLES = (r.INTAKE, r.COORDINATOR, r.INTERVENTION_GROUP, r.CHILDREN_UNIT, r.LEADER)


def _person_or_404(person_id) -> Person:
    return get_object_or_404(
        Person.objects.select_related("merged_into", "split_from"), pk=person_id
    )


def _notification_or_404(reference) -> Notification:
    return get_object_or_404(Notification.objects.select_related("case"), reference=reference)


def _refused(request, obj, what):
    record("person.refused", request=request, obj=obj, detail={"action": what})
    return refuse(request)


def _back(request, default):
    """Back to the page the form was on (a case page), if it is one of ours."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return default


def _show_errors(request, error):
    for message in error.messages:
        messages.error(request, message)


# -- The person page ---------------------------------------------------------------------------


@staff(*PERSON_ROLES)
@require_GET
def detail(request, person_id):
    person = _person_or_404(person_id)
    if person.merged_into_id:
        return redirect("persons:detail", person_id=person.merged_into_id)
    if not can_view_person(request.user, person):
        return _refused(request, person, "view")
    record("person.view", request=request, obj=person)
    return _render_detail(request, person)


def _render_detail(request, person, *, split_form=None, status=200):
    user = request.user
    history = selectors.person_history(person, user)
    members = selectors.merged_members(person)
    can_change = can_change_persons(user, person)
    split_from = person.split_from
    if split_from is not None and split_from.merged_into_id:
        split_from = split_from.merged_into
    return render(
        request,
        "persons/detail.html",
        {
            "person": person,
            "person_history": history,
            "members": members,
            "cpr_masked": cpr.masked(
                person.cpr or next((m.cpr for m in members if m.cpr), "") or ""
            ),
            "matches": selectors.proposals_for(person, user),
            "can_confirm": can_change,
            "can_change": can_change,
            "merges": selectors.open_merges(person) if can_change else [],
            "split_from": split_from if can_change else None,
            "split_form": split_form
            or (SplitForm(entries=history.entries) if can_change and history.total > 1 else None),
        },
        status=status,
    )


# -- Confirm, reject, split, undo --------------------------------------------------------------


def _pair(request, person_id, other_id):
    person, other = _person_or_404(person_id), _person_or_404(other_id)
    person, other = services.root(person), services.root(other)
    if person.pk == other.pk:
        raise Http404
    return person, other


@staff(*PERSON_ROLES)
@require_POST
def confirm(request, person_id, other_id):
    person, other = _pair(request, person_id, other_id)
    if not can_change_persons(request.user, person, other):
        return _refused(request, person, "confirm")
    try:
        merge = services.confirm_match(person, other, by=request.user, request=request)
    except services.PersonRuleError as error:
        _show_errors(request, error)
        return _back(request, redirect("persons:detail", person_id=person.pk))
    messages.success(
        request,
        _("Person %(source)s er lagt sammen med person %(target)s.")
        % {"source": merge.source.label, "target": merge.target.label},
    )
    return _back(request, redirect("persons:detail", person_id=merge.target_id))


@staff(*PERSON_ROLES)
@require_POST
def reject(request, person_id, other_id):
    person, other = _pair(request, person_id, other_id)
    if not can_change_persons(request.user, person, other):
        return _refused(request, person, "reject")
    services.reject_match(person, other, by=request.user, request=request)
    messages.success(
        request,
        _("Person %(other)s foreslås ikke igen som samme person som %(person)s.")
        % {"other": other.label, "person": person.label},
    )
    return _back(request, redirect("persons:detail", person_id=person.pk))


@staff(*PERSON_ROLES)
@require_POST
def split(request, person_id):
    person = services.root(_person_or_404(person_id))
    if not can_change_persons(request.user, person):
        return _refused(request, person, "split")
    history = selectors.person_history(person, request.user)
    form = SplitForm(request.POST, entries=history.entries)
    if form.is_valid():
        try:
            new = services.split(
                person, form.cleaned_data["notifications"], by=request.user, request=request
            )
        except services.PersonRuleError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Underretningerne er flyttet til en ny person, %s.") % new.label,
            )
            return redirect("persons:detail", person_id=person.pk)
    record("person.view", request=request, obj=person)
    return _render_detail(request, person, split_form=form, status=400)


@staff(*PERSON_ROLES)
@require_POST
def undo_merge(request, merge_id):
    merge = get_object_or_404(MergeRecord.objects.select_related("source", "target"), pk=merge_id)
    if not can_change_persons(request.user, merge.target):
        return _refused(request, merge.target, "undo_merge")
    try:
        services.undo_merge(merge, by=request.user, request=request)
    except services.PersonRuleError as error:
        _show_errors(request, error)
    else:
        messages.success(
            request,
            _("Sammenlægningen er fortrudt: person %s er skilt ud igen.") % merge.source.label,
        )
    return redirect("persons:detail", person_id=merge.target_id)


# -- A notification's family -------------------------------------------------------------------


@staff(*PERSON_ROLES)
@require_GET
def family(request, reference):
    notification = _notification_or_404(reference)
    if not can_view(request.user, notification.case):
        return _refused(request, notification, "family")
    record("person.view", request=request, obj=notification, person_key=reference)
    return render(
        request,
        "persons/family.html",
        {
            "n": notification,
            "members": selectors.family(notification, request.user),
            "can_add": can_change_case(request.user, notification.case),
        },
    )


@staff(*PERSON_ROLES)
@require_http_methods(["GET", "POST"])
def add_related(request, reference):
    notification = _notification_or_404(reference)
    if not can_change_case(request.user, notification.case):
        return _refused(request, notification, "add_related")
    status = 200
    if request.method == "POST":
        form = RelatedPersonForm(request.POST)
        if form.is_valid():
            try:
                link = services.add_related_person(
                    notification, by=request.user, request=request, **form.cleaned_data
                )
            except services.PersonRuleError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("%(role)s er tilføjet som person %(person)s.")
                    % {"role": link.get_role_display(), "person": link.person.label},
                )
                return redirect("persons:family", reference=reference)
        status = 400
    else:
        record("person.view", request=request, obj=notification, person_key=reference)
        form = RelatedPersonForm(initial={"address": notification.person_address})
    return render(
        request, "persons/add_related.html", {"n": notification, "form": form}, status=status
    )
