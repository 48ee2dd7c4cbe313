"""Who may use an API endpoint: the API's counterpart of `beredskab.access.staff(...)`.

Other systems call the API with a token of their system account (beredskab.api.authentication)
instead of a password and a second factor; the account must hold one of the view's roles.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from beredskab.accounts.roles import roles_of


class StaffWithRole(BasePermission):
    """An active system account with one of the roles named in the view's `access_roles`.

    A view without `access_roles` lets no one in. DRF answers 401 when no usable token was sent
    (authentication refuses tokens of people's accounts) and 403 when the account lacks the role.
    """

    message = _("Systemkontoen bag tokenet har ikke en rolle, der må dette.")

    def has_permission(self, request, view):
        user = request.user
        allowed = getattr(view, "access_roles", frozenset())
        return bool(user and user.is_authenticated and user.is_active and roles_of(user) & allowed)
