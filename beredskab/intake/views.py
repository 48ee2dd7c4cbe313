"""The public notification forms: a professional's, and a citizen's (who may stay anonymous).

These pages set no cookies, so they are exempt from Django's cookie-based CSRF check; instead a
POST must come from this site (Origin / Sec-Fetch-Site), and a one-time submission token makes a
double click or a resend create one notification, not two.
"""

import uuid
from functools import wraps

from django.http import HttpResponseForbidden
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from beredskab.access import public
from beredskab.plans.opening import contact_now
from beredskab.plans.selectors import current_plan
from beredskab.ratelimit import rate_limit

from .forms import CitizenNotificationForm, ProfessionalNotificationForm
from .services import register_notification


def same_origin_post(view):
    """Refuse a POST that a browser says came from another site."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            fetch_site = request.headers.get("Sec-Fetch-Site")
            if fetch_site and fetch_site not in ("same-origin", "none"):
                return HttpResponseForbidden("cross-site form submission refused")
            origin = request.headers.get("Origin")
            if origin and origin != "null":
                expected = f"{request.scheme}://{request.get_host()}"
                if origin != expected:
                    return HttpResponseForbidden("cross-site form submission refused")
        return view(request, *args, **kwargs)

    return wrapper


def _form_page(request, form_class, template):
    plan = current_plan()
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, plan=plan)
        if form.is_valid():
            notification, _ = register_notification(
                form.notification_data(),
                submission_token=form.cleaned_data["submission_token"],
                request=request,
            )
            return render(
                request,
                "intake/submitted.html",
                {"notification": notification, "now": contact_now(plan, timezone.now())},
            )
        status = 400
    else:
        initial = {"submission_token": uuid.uuid4()}
        concern = request.GET.get("concern")
        if plan.concern_type(concern or ""):
            initial["concern_types"] = [concern]
        age = {"under-18": "child", "over-18": "adult"}.get(request.GET.get("age", ""))
        if age:
            initial["age_group"] = age
        form = form_class(initial=initial, plan=plan)
        status = 200
    return render(
        request,
        template,
        {"form": form, "has_file_fields": True, "now": contact_now(plan, timezone.now())},
        status=status,
    )


@public
@csrf_exempt
@same_origin_post
@rate_limit("notify", limit=30, period=3600)
@require_http_methods(["GET", "POST"])
def professional_form(request):
    return _form_page(request, ProfessionalNotificationForm, "intake/professional_form.html")


@public
@csrf_exempt
@same_origin_post
@rate_limit("notify", limit=30, period=3600)
@require_http_methods(["GET", "POST"])
def citizen_form(request):
    return _form_page(request, CitizenNotificationForm, "intake/citizen_form.html")
