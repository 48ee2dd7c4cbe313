"""Start-up checks for single sign-on: a role map with a typo would refuse everyone."""

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def check_oidc_role_map(app_configs, **kwargs):
    if not settings.BEREDSKAB_OIDC_ENABLED:
        return []
    from .oidc import parse_role_map

    try:
        role_map = parse_role_map(settings.BEREDSKAB_OIDC_ROLE_MAP)
    except ValueError as error:
        return [Error(f"BEREDSKAB_OIDC_ROLE_MAP: {error}", id="accounts.E001")]
    if not role_map:
        return [
            Warning(
                "BEREDSKAB_OIDC_ROLE_MAP is empty: nobody can sign in with single sign-on.",
                hint='e.g. BEREDSKAB_OIDC_ROLE_MAP="modtagelsen=BER-Modtagelsen,leder=BER-Ledere"',
                id="accounts.W001",
            )
        ]
    return []
