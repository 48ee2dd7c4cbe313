"""Who may use a view. Every view in the project is wrapped by one of these decorators, so the
question "who may see this?" is answered at the view's definition, and the URL matrix test
(tests/security/test_url_matrix.py) checks every URL against docs/permissions.md.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control

from beredskab.accounts.roles import roles_of

View = Callable[..., Any]


def public(view):
    """Anyone, without signing in. Public pages set no cookies and are not stored by the browser
    (a worried person may be on a shared phone)."""

    @cache_control(no_store=True, private=True)
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    wrapper.access = "public"
    return wrapper


def signed_in(view):
    """Any staff member who has signed in with a password (two-factor set-up and sign-out)."""

    @cache_control(no_store=True, private=True)
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _to_login(request)
        return view(request, *args, **kwargs)

    wrapper.access = "signed_in"
    return wrapper


def staff(*roles: str) -> Callable[[View], View]:
    """Staff with one of `roles`, signed in with two factors. Others are refused (403)."""
    if not roles:
        raise ValueError("name the roles that may use the view")

    def decorate(view):
        @cache_control(no_store=True, private=True)
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return _to_login(request)
            if not user.is_verified():
                return redirect(_with_next("accounts:verify", request))
            if not roles_of(user) & set(roles):
                return refuse(request)
            return view(request, *args, **kwargs)

        wrapper.access = ("staff", frozenset(roles))
        return wrapper

    return decorate


def refuse(request, *, reason=None, status=403):
    return render(request, "refused.html", {"reason": reason}, status=status)


def _with_next(url_name, request):
    return f"{reverse(url_name)}?{urlencode({'next': request.get_full_path()})}"


def _to_login(request):
    return redirect(_with_next("accounts:login", request))
