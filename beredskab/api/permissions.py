"""Who may use an API endpoint: the API's counterpart of `beredskab.access.staff(...)`.

System users sign in with a token (rest_framework.authtoken) instead of a password and a second
factor, so the token must belong to an active staff user with one of the view's roles.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from beredskab.accounts.roles import roles_of


class StaffWithRole(BasePermission):
    """An active staff user with one of the roles named in the view's `access_roles`.

    A view without `access_roles` lets no one in. DRF answers 401 when no valid token was sent
    and 403 when the token's user lacks the role.
    """

    message = _("Brugeren bag tokenet er ikke en aktiv medarbejder med en rolle, der må dette.")

    def has_permission(self, request, view):
        user = request.user
        allowed = getattr(view, "access_roles", frozenset())
        return bool(
            user
            and user.is_authenticated
            and user.is_active
            and user.is_staff
            and roles_of(user) & allowed
        )
