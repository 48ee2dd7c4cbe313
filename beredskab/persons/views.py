"""The person pages under /medarbejder/personer/: a person's history and proposed matches,
merging, rejecting, splitting, and a notification's family. A person is named in URLs by its
random reference, never by name, CPR number or sequential id. Views check need to know
(persons.access) and call the services.

A person the user may not see answers 404, exactly like a person that does not exist, and so
does a merge or rejection of a pair the system does not propose or of a person the user may not
see: the answer never tells whether a person exists. Every refusal is audited.
"""

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
from beredskab.intake.models import Notification

from . import selectors, services
from .access import (
    can_change_case,
    can_change_persons,
    can_view_both_sides,
    can_view_each,
    can_view_person,
)
from .forms import RelatedPersonForm, SplitForm
from .models import MergeRecord, Person
from .panels import record_person_read, record_proposals_shown

PERSON_ROLES = (r.INTAKE, r.COORDINATOR, r.INTERVENTION_GROUP, r.CHILDREN_UNIT, r.LEADER)


def _notification_or_404(reference) -> Notification:
    return get_object_or_404(Notification.objects.select_related("case"), reference=reference)


def _refused(request, obj, what):
    record("person.refused", request=request, obj=obj, detail={"action": what})
    return refuse(request)


def _not_found(request, what, *persons, reference=""):
    """Refuse as if the person did not exist; audited for each person concerned."""
    for person in persons:
        record("person.refused", request=request, obj=person, detail={"action": what})
    if reference:
        record(
            "person.refused",
            request=request,
            object_type="persons.person",
            object_id=reference,
            detail={"action": what, "unknown": True},
        )
    raise Http404


def _person(request, reference, what) -> Person:
    """The person with this reference, as it is now (merged persons lead to the person they
    were merged into); 404 when there is none."""
    person = (
        Person.objects.select_related("merged_into", "split_from__merged_into")
        .filter(reference=reference)
        .first()
    )
    if person is None:
        _not_found(request, what, reference=reference)
    return person


def _visible_person(request, reference, what) -> Person:
    person = _person(request, reference, what)
    root = services.root(person)
    if not can_view_person(request.user, root):
        _not_found(request, what, person)
    return root


def _proposed_pair(request, person_ref, other_ref, what) -> tuple[Person, Person]:
    """The two persons of a proposed match, both of which the user may see; 404 otherwise."""
    person, other = _person(request, person_ref, what), _person(request, other_ref, what)
    person, other = services.root(person), services.root(other)
    if person.pk == other.pk:
        _not_found(request, what, person)
    if not can_view_each(request.user, person, other) or not selectors.is_proposed(person, other):
        _not_found(request, what, person, other)
    return person, other


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
def detail(request, person_ref):
    person = _visible_person(request, person_ref, "view")
    if person.reference != person_ref:
        return redirect("persons:detail", person_ref=person.reference)
    return _render_detail(request, person)


def _render_detail(request, person, *, split_form=None, status=200):
    user = request.user
    history = selectors.person_history(person, user)
    members = selectors.merged_members(person)
    matches = selectors.proposals_for(person, user)
    record_person_read(request, person, history, page="person", members=members)
    record_proposals_shown(request, person, matches, page="person")
    can_change = can_change_persons(user, person)
    split_from = person.split_from
    if split_from is not None and split_from.merged_into_id:
        split_from = split_from.merged_into
    if split_from is not None and not (can_change and can_view_person(user, split_from)):
        split_from = None
    merges = selectors.merges_into(person)
    for merge in merges:
        merge.may_undo = merge.undone_at is None and can_change and can_view_both_sides(user, merge)
    return render(
        request,
        "persons/detail.html",
        {
            "person": person,
            "person_history": history,
            "facts": history.facts,
            "members": members,
            "matches": matches,
            "can_confirm": can_change,
            "can_change": can_change,
            "merges": merges,
            "split_from": split_from,
            "split_form": split_form
            or (SplitForm(entries=history.entries) if can_change and history.total > 1 else None),
        },
        status=status,
    )


# -- Confirm, reject, split, undo --------------------------------------------------------------


@staff(*PERSON_ROLES)
@require_POST
def confirm(request, person_ref, other_ref):
    person, other = _proposed_pair(request, person_ref, other_ref, "confirm")
    if not can_change_persons(request.user, person, other):
        return _refused(request, person, "confirm")
    try:
        merge = services.confirm_match(person, other, by=request.user, request=request)
    except services.PersonRuleError as error:
        _show_errors(request, error)
        return _back(request, redirect("persons:detail", person_ref=person.reference))
    messages.success(
        request,
        _("Person %(source)s er lagt sammen med person %(target)s.")
        % {"source": merge.source.label, "target": merge.target.label},
    )
    return _back(request, redirect("persons:detail", person_ref=merge.target.reference))


@staff(*PERSON_ROLES)
@require_POST
def reject(request, person_ref, other_ref):
    person, other = _proposed_pair(request, person_ref, other_ref, "reject")
    if not can_change_persons(request.user, person, other):
        return _refused(request, person, "reject")
    try:
        services.reject_match(person, other, by=request.user, request=request)
    except services.PersonRuleError as error:
        _show_errors(request, error)
    else:
        messages.success(
            request,
            _("Person %(other)s foreslås ikke igen som samme person som %(person)s.")
            % {"other": other.label, "person": person.label},
        )
    return _back(request, redirect("persons:detail", person_ref=person.reference))


@staff(*PERSON_ROLES)
@require_POST
def split(request, person_ref):
    person = _visible_person(request, person_ref, "split")
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
            return redirect("persons:detail", person_ref=person.reference)
    return _render_detail(request, person, split_form=form, status=400)


@staff(*PERSON_ROLES)
@require_POST
def undo_merge(request, person_ref, source_ref):
    target = _person(request, person_ref, "undo_merge")
    source = _person(request, source_ref, "undo_merge")
    merge = (
        MergeRecord.objects.select_related("source", "target")
        .filter(target=target, source=source, undone_at__isnull=True)
        .order_by("-at", "-pk")
        .first()
    )
    if merge is None or not can_view_both_sides(request.user, merge):
        _not_found(request, "undo_merge", target, source)
    if not can_change_persons(request.user, target):
        return _refused(request, target, "undo_merge")
    try:
        services.undo_merge(merge, by=request.user, request=request)
    except services.PersonRuleError as error:
        _show_errors(request, error)
    else:
        messages.success(
            request,
            _("Sammenlægningen er fortrudt: person %s er skilt ud igen.") % source.label,
        )
    return redirect("persons:detail", person_ref=target.reference)


# -- A notification's family -------------------------------------------------------------------


@staff(*PERSON_ROLES)
@require_GET
def family(request, reference):
    notification = _notification_or_404(reference)
    if not can_view(request.user, notification.case):
        return _refused(request, notification, "family")
    members = selectors.family(notification, request.user)
    record("person.family_view", request=request, obj=notification, person_key=reference)
    for member in members:
        record_person_read(
            request,
            member.person,
            member.history,
            page="family",
            person_key=reference,
            members=selectors.merged_members(member.person),
        )
    return render(
        request,
        "persons/family.html",
        {
            "notification": notification,
            "members": members,
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
        request,
        "persons/add_related.html",
        {"notification": notification, "form": form},
        status=status,
    )
