"""The staff landing page: what the signed-in user's roles give access to."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from beredskab.access import staff
from beredskab.accounts import roles
from beredskab.accounts.roles import ROLES, roles_of
from beredskab.governance.revision import revision_status


@staff(*ROLES)
@require_GET
def staff_home(request):
    mine = roles_of(request.user)
    revision = None
    if mine & {roles.LEADER, roles.PLAN_ADMIN}:
        # Leaders see when the plan must be revised (Barnets Lov § 15, stk. 3).
        revision = revision_status()
    return render(
        request,
        "staff_home.html",
        {
            "role_names": [label for key, label in ROLES.items() if key in mine],
            "revision": revision,
        },
    )
