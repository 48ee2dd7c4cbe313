"""Staff roles. Each role is a Django group of the same name; docs/permissions.md is the matrix of
what each may see and do, and `beredskab.access` enforces it."""

from django.utils.translation import gettext_lazy as _

INTAKE = "modtagelsen"
COORDINATOR = "tovholder"
INTERVENTION_GROUP = "indsatsgruppe"
CHILDREN_UNIT = "boerneenhed"
LEADER = "leder"
PRESS = "pressekontakt"
PLAN_ADMIN = "planadministrator"
AUDITOR = "revisor"
SYSADMIN = "systemadministrator"

ROLES = {
    INTAKE: _("Modtagelsen"),
    COORDINATOR: _("Tovholder"),
    INTERVENTION_GROUP: _("Medlem af Indsatsgruppen"),
    CHILDREN_UNIT: _("Børneenheden"),
    LEADER: _("Leder (Socialchef)"),
    PRESS: _("Pressekontakt"),
    PLAN_ADMIN: _("Planadministrator"),
    AUDITOR: _("Revisor"),
    SYSADMIN: _("Systemadministrator"),
}


def roles_of(user) -> frozenset[str]:
    """The user's roles, cached on the user object for the request."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_beredskab_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        user._beredskab_roles = cached
    return cached


def remember_roles(user, names) -> None:
    """The user's roles, read together with the user (an API token's account): cached on the
    user object for the request, as roles_of caches them."""
    user._beredskab_roles = frozenset(names) & ROLES.keys()


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))
