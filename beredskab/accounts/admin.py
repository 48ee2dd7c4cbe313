"""The Django admin is for system administrators (and superusers), signed in with two factors like
everyone else. `two_factor_admin_urls(admin.site)` in beredskab/urls.py wraps every admin view in
that check, and replaces the admin's own sign-in form (which knows no second step) with a redirect
to ours."""

from functools import wraps

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import URLPattern, URLResolver
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from beredskab.access import refuse, staff

from .models import IdentityProviderDevice
from .roles import SYSADMIN


def admin_access(view):
    """Like `staff(SYSADMIN)`, but a superuser (signed in with two factors) may also pass."""
    as_system_administrator = staff(SYSADMIN)(view)

    @cache_control(no_store=True, private=True)
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and user.is_superuser and user.is_verified():
            return view(request, *args, **kwargs)
        return as_system_administrator(request, *args, **kwargs)

    wrapper.access = ("staff", frozenset({SYSADMIN}))
    return wrapper


def two_factor_admin_urls(site: admin.AdminSite):
    """`site.urls`, with every view behind `admin_access` and the admin's login sent to ours."""
    patterns, app_name, namespace = site.urls
    return _guarded(patterns, site, top_level=True), app_name, namespace


def _guarded(patterns, site, *, top_level=False):
    guarded = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            guarded.append(
                URLResolver(
                    pattern.pattern,
                    _guarded(pattern.url_patterns, site),
                    pattern.default_kwargs,
                    pattern.app_name,
                    pattern.namespace,
                )
            )
            continue
        view = pattern.callback
        if top_level and pattern.name == "login":
            view = _admin_login_view(site)
        guarded.append(
            URLPattern(pattern.pattern, admin_access(view), pattern.default_args, pattern.name)
        )
    return guarded


def _admin_login_view(site):
    def admin_login(request, *args, **kwargs):
        """Reached only through `admin_access`, so the user has signed in with two factors here."""
        if not site.has_permission(request):
            # A system administrator without Django's is_staff flag; redirecting would loop.
            return refuse(
                request,
                reason=_(
                    "Din bruger er ikke markeret som medarbejder i administrationen (is_staff). "
                    "Kontakt en systemadministrator."
                ),
            )
        next_url = request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(next_url)
        return redirect("admin:index", permanent=False)

    return admin_login


@admin.register(IdentityProviderDevice)
class IdentityProviderDeviceAdmin(admin.ModelAdmin):
    """Deleting a user's device here ends their single-sign-on sessions' two-factor status at once
    (OTPMiddleware looks the device up on every request)."""

    list_display = ["user", "name", "confirmed"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    search_fields = ["user__username"]
