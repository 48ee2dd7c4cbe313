"""Staff sign-in in two steps: user name and password, then a code from an authenticator app (or a
backup code). A user without a second factor sets up the app right after the password step.
Optionally, the municipality's login (single sign-on) replaces the password step."""

from base64 import b32encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import auth, messages
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from beredskab.access import public, signed_in
from beredskab.ratelimit import rate_limit

from . import services
from .forms import EnrolmentForm, LoginForm, VerifyForm
from .oidc import MunicipalityOIDCCallbackView
from .selectors import backup_code_devices, has_authenticator, needs_enrolment


@public
@rate_limit("sign-in", limit=30, period=600, username_field="username", username_limit=20)
@require_http_methods(["GET", "POST"])
def login(request):
    next_url = _next_url(request)
    if request.user.is_authenticated:
        if request.user.is_verified():
            return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
        return redirect(_with_next("accounts:verify", next_url))

    form = LoginForm(request, data=request.POST if request.method == "POST" else None)
    if form.is_valid():
        user = form.get_user()
        services.start_sign_in(request, user)
        step = "accounts:setup-2fa" if needs_enrolment(user) else "accounts:verify"
        return redirect(_with_next(step, next_url))
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": next_url, "oidc_enabled": settings.BEREDSKAB_OIDC_ENABLED},
    )


@signed_in
@require_http_methods(["GET", "POST"])
def verify(request):
    next_url = _next_url(request)
    user = request.user
    if user.is_verified():
        return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
    if needs_enrolment(user):
        return redirect(_with_next("accounts:setup-2fa", next_url))

    form = VerifyForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        check = services.check_code(user, form.cleaned_data["code"])
        if check.device is not None:
            services.complete_sign_in(request, check.device)
            if not has_authenticator(user):
                messages.info(request, _("Du loggede ind med en reservekode. Sæt nu en app op."))
                return redirect(_with_next("accounts:setup-2fa", next_url))
            return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
        if check.wait_seconds:
            form.add_error("code", _wait_message(check.wait_seconds))
        else:
            tries_left = services.record_wrong_code(request)
            if not tries_left:
                messages.error(
                    request,
                    _(
                        "Du tastede en forkert kode for mange gange i træk, så du er logget ud. "
                        "Log ind forfra med brugernavn og adgangskode."
                    ),
                )
                return redirect(_with_next("accounts:login", next_url))
            if check.already_used:
                message = ngettext(
                    "Den reservekode er allerede brugt, og hver kode virker kun én gang. Brug en "
                    "anden reservekode eller koden fra appen. Du har %(count)d forsøg tilbage.",
                    "Den reservekode er allerede brugt, og hver kode virker kun én gang. Brug en "
                    "anden reservekode eller koden fra appen. Du har %(count)d forsøg tilbage.",
                    tries_left,
                )
            else:
                message = ngettext(
                    "Koden er forkert. Tast den kode, appen viser nu. Du har %(count)d forsøg "
                    "tilbage.",
                    "Koden er forkert. Tast den kode, appen viser nu. Du har %(count)d forsøg "
                    "tilbage.",
                    tries_left,
                )
            form.add_error("code", message % {"count": tries_left})
    return render(
        request,
        "accounts/verify.html",
        {
            "form": form,
            "next": next_url,
            "has_backup_codes": backup_code_devices(user).exists(),
        },
    )


@signed_in
@require_http_methods(["GET", "POST"])
def setup_2fa(request):
    next_url = _next_url(request)
    user = request.user
    if has_authenticator(user):
        if user.is_verified():
            return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
        return redirect(_with_next("accounts:verify", next_url))
    if not needs_enrolment(user) and not user.is_verified():
        # Backup codes but no app: prove it is you with a backup code first.
        return redirect(_with_next("accounts:verify", next_url))

    device = services.start_enrolment(user)
    form = EnrolmentForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        check = services.confirm_enrolment(request, device, form.cleaned_data["code"])
        if check.device is not None:
            return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
        if check.wait_seconds:
            form.add_error("code", _wait_message(check.wait_seconds))
        else:
            form.add_error(
                "code",
                _(
                    "Koden er forkert. Tjek at uret på telefonen går rigtigt, og tast den kode, "
                    "appen viser nu."
                ),
            )
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/setup_2fa.html",
        {
            "form": form,
            "next": next_url,
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "qr_code_svg": _qr_code_svg(device.config_url),
        },
    )


@signed_in
@require_POST
def logout(request):
    auth.logout(request)
    messages.success(request, _("Du er logget ud."))
    return redirect("accounts:login")


@public
def oidc_login(request):
    """Off to the municipality's login (when single sign-on is configured)."""
    if not settings.BEREDSKAB_OIDC_ENABLED:
        raise Http404
    return _oidc_request_view(request)


@public
def oidc_callback(request):
    """Back from the municipality's login."""
    if not settings.BEREDSKAB_OIDC_ENABLED:
        raise Http404
    return _oidc_callback_view(request)


_oidc_request_view = OIDCAuthenticationRequestView.as_view()
_oidc_callback_view = MunicipalityOIDCCallbackView.as_view()


def _next_url(request) -> str:
    """Where to go after signing in: `next` if it is a page on this site (never another host, and
    never the sign-out address, which only takes POST)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith(reverse("accounts:logout")):
        return ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _with_next(url_name: str, next_url: str) -> str:
    url = reverse(url_name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _wait_message(seconds: int) -> str:
    return ngettext(
        "Du har tastet forkert flere gange. Vent %(seconds)d sekund, og prøv igen.",
        "Du har tastet forkert flere gange. Vent %(seconds)d sekunder, og prøv igen.",
        seconds,
    ) % {"seconds": seconds}


def _qr_code_svg(uri: str) -> str:
    """The otpauth:// address as an inline SVG QR code, drawn here: the secret key never leaves the
    server for a QR service. Only paths and fill attributes, so the CSP needs no inline styles."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10)
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308 - our own generated SVG
