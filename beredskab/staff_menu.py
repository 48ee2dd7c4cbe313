"""The staff navigation: the links a signed-in user's roles give access to."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from beredskab.accounts import roles as r
from beredskab.accounts.roles import roles_of


@dataclass(frozen=True)
class MenuItem:
    url_name: str
    label: str | Promise
    roles: frozenset


MENU = [
    MenuItem("intake:queue", _("Modtagelsens kø"), frozenset({r.INTAKE, r.LEADER})),
    MenuItem("intake:register", _("Registrér underretning"), frozenset({r.INTAKE})),
    MenuItem(
        "cases:list",
        _("Sager"),
        frozenset({r.INTAKE, r.COORDINATOR, r.INTERVENTION_GROUP, r.CHILDREN_UNIT, r.LEADER}),
    ),
    MenuItem(
        "meetings:list",
        _("Indsatsgruppen"),
        frozenset({r.COORDINATOR, r.INTERVENTION_GROUP, r.LEADER}),
    ),
    MenuItem(
        "meetings:follow-up",
        _("Opfølgning"),
        frozenset({r.COORDINATOR, r.INTERVENTION_GROUP, r.CHILDREN_UNIT, r.LEADER}),
    ),
    MenuItem("press:list", _("Presse"), frozenset({r.PRESS, r.LEADER})),
    MenuItem(
        "press:new",
        _("Registrér pressehenvendelse"),
        frozenset(r.ROLES) - {r.PRESS, r.LEADER},
    ),
    MenuItem("governance:overview", _("Beredskabsplanen"), frozenset({r.PLAN_ADMIN, r.LEADER})),
    MenuItem("stats:overview", _("Statistik"), frozenset({r.LEADER})),
    MenuItem("audit:search", _("Logning"), frozenset({r.AUDITOR})),
]


def staff_menu(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_verified():
        return {"staff_menu": []}
    mine = roles_of(user)
    items = []
    for item in MENU:
        if not (item.roles & mine):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": item.label, "current": request.path == url})
    return {"staff_menu": items}
