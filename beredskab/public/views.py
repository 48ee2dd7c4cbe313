"""The public page for worried citizens, the page for young people, the accessibility statement,
and the embeddable "who to contact now" answer. Each answers HEAD as well as GET (uptime monitors
ask with HEAD)."""

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from beredskab.access import public
from beredskab.plans import copies
from beredskab.plans.opening import ContactNow, contact_now, opening_hours_table
from beredskab.plans.schema import PlanDocument
from beredskab.plans.selectors import current_plan

from .answers import contact_now_answer


@public
@require_safe
def home(request):
    return copies.serve(request, _home)


def _home(request: HttpRequest, plan: PlanDocument, now: ContactNow) -> HttpResponse:
    return render(
        request,
        "public/home.html",
        {
            "now": now,
            "opening_hours": opening_hours_table(plan),
            "anonymous_partners": [p for p in plan.partners if p.anonymous],
        },
    )


@public
@require_safe
def young(request):
    """ "Bliver du kontrolleret af din familie?": the plan's page for young people."""
    return copies.serve(request, _young)


def _young(request: HttpRequest, plan: PlanDocument, now: ContactNow) -> HttpResponse:
    if plan.young_people is None:
        raise Http404("This plan has no page for young people.")
    return render(
        request,
        "public/young.html",
        {
            "young": plan.young_people,
            "partners": plan.partners_by_key(plan.young_people.partners),
            "now": now,
        },
    )


# The date this statement was last checked against what the tests check (change it with them).
STATEMENT_DATE = dt.date(2026, 12, 1)


@public
@require_safe
def accessibility(request):
    """The system's own statement, linked until the municipality has one from the WAS-Tool."""
    return render(request, "public/accessibility.html", {"statement_date": STATEMENT_DATE})


@public
@require_safe
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico; the pages name the icon themselves."""
    return redirect(static("beredskab/favicon.svg"), permanent=True)


# How far from now `?at=` may be: beyond it an answer about opening hours and holidays means
# nothing (a plan is revised at least every fourth year), and far enough it would not compute.
AT_RANGE_YEARS = 5


@public
@require_safe
def contact_now_json(request):
    """Who to contact at a given time (`?at=ISO-8601`, default now; `?lang=da|en`)."""
    now = timezone.now()
    at_text = request.GET.get("at")
    if at_text:
        try:
            at = dt.datetime.fromisoformat(at_text.replace(" ", "+"))
        except ValueError:
            return _error("at", "must be an ISO 8601 date and time, e.g. 2026-04-03T10:00:00+02:00")
        earliest, latest = _years_from(now, -AT_RANGE_YEARS), _years_from(now, AT_RANGE_YEARS)
        try:
            if at.tzinfo is None:
                at = timezone.make_aware(at, timezone.get_default_timezone())
            in_range = earliest <= at <= latest
        except OverflowError:  # the first or last day of the calendar, with an offset past it
            in_range = False
        if not in_range:
            return _error(
                "at",
                f"must be within five years of now: from {earliest:%Y-%m-%d} to {latest:%Y-%m-%d}",
            )
    else:
        at = now
    language = request.GET.get("lang", "da")
    if language not in ("da", "en"):
        return _error("lang", "must be 'da' or 'en'")
    plan = current_plan()
    with translation.override(language):
        body = contact_now_answer(plan, contact_now(plan, at), language)
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _years_from(moment: dt.datetime, years: int) -> dt.datetime:
    local = timezone.localtime(moment)
    try:
        return local.replace(year=local.year + years)
    except ValueError:  # 29 February
        return local.replace(year=local.year + years, day=28)


def _error(field, message):
    response = JsonResponse({"errors": {field: [message]}}, status=400)
    response["Access-Control-Allow-Origin"] = "*"
    return response
