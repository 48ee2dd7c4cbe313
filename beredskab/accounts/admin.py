"""The Django admin is for system administrators (and superusers), signed in with two factors like
everyone else. `two_factor_admin_urls(admin.site)` in beredskab/urls.py wraps every admin view in
that check, and replaces the admin's own sign-in form (which knows no second step) with a redirect
to ours.

Here too: users, whose roles change through `services.set_roles` (audited with who changed them);
the links to the municipality's login; system accounts and their API tokens (listed and revoked
here, made with `manage.py create_system_account` and `create_api_token`)."""

from functools import wraps

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import URLPattern, URLResolver
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import cache_control

from beredskab.access import refuse, staff

from . import services, system_accounts
from .models import ApiToken, ExternalIdentity, IdentityProviderDevice, SystemAccount
from .roles import ROLES, SYSADMIN


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


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    """Django's user admin, with roles for groups. A change of roles goes through
    `services.set_roles`, so the audit trail names who made it. Only a superuser may make
    superusers or hand out single permissions."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.filter(name__in=ROLES).order_by("name")
            kwargs["label"] = gettext_lazy("Roller")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly

    def save_related(self, request, form, formsets, change):
        roles = form.cleaned_data.pop("groups", None)
        super().save_related(request, form, formsets, change)
        if roles is not None:
            services.set_roles(
                form.instance, {group.name for group in roles}, by=request.user, request=request
            )


class ExternalIdentityForm(forms.ModelForm):
    class Meta:
        model = ExternalIdentity
        fields = ["issuer", "subject", "user"]

    def clean_user(self):
        user = self.cleaned_data["user"]
        if user.is_superuser or system_accounts.is_system_account(user):
            raise ValidationError(
                _("En superbruger eller en systemkonto kan ikke logge ind med kommunens login.")
            )
        return user


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    """Who signs in to which account with the municipality's login. Single sign-on makes these
    itself; adding one by hand links an existing account (e.g. one made before accounts were
    linked by subject) on purpose."""

    form = ExternalIdentityForm
    list_display = ["user", "issuer", "subject", "created_at", "last_sign_in_at"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    search_fields = ["user__username", "subject"]
    readonly_fields = ["created_at", "last_sign_in_at"]


@admin.register(SystemAccount)
class SystemAccountAdmin(admin.ModelAdmin):
    """Other systems' accounts, made with `manage.py create_system_account` (so a person's account
    never becomes one)."""

    list_display = ["user", "description", "created_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "description"]
    readonly_fields = ["user", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Every API token with its state; revoke here. New tokens come from `manage.py
    create_api_token`, which shows a token once (the admin would have to keep it somewhere)."""

    list_display = ["prefix", "user", "created_at", "expires_at", "last_used_at", "state"]
    list_filter = ["revoked_at", "expires_at"]
    list_select_related = ["user"]
    search_fields = ["prefix", "user__username"]
    fields = readonly_fields = (
        "prefix",
        "user",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    )
    actions = ["revoke"]

    @admin.display(description=gettext_lazy("Status"))
    def state(self, token):
        if token.revoked_at is not None:
            return _("tilbagekaldt")
        if token.expires_at <= timezone.now():
            return _("udløbet")
        return _("gyldigt")

    @admin.action(description=gettext_lazy("Tilbagekald de valgte tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        revoked = sum(
            system_accounts.revoke_token(token, by=request.user, request=request)
            for token in queryset
        )
        message = ngettext(
            "%(count)d token er tilbagekaldt.", "%(count)d tokens er tilbagekaldt.", revoked
        )
        self.message_user(request, message % {"count": revoked}, messages.SUCCESS)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # revoked tokens stay listed
