"""The public notification forms: a professional's, and a citizen's (who may stay anonymous).

These pages set no cookies, so they are exempt from Django's cookie-based CSRF check; instead a
POST must show that it comes from this site's own page (Sec-Fetch-Site, Origin or Referer), and a
one-time submission token makes a double click or a resend create one notification, not two.
A refused post (from elsewhere, or one too many) shows the form again with what was typed, the
phone numbers and the quick exit: being refused a form must never mean losing the text or help.
"""

import uuid
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from beredskab.access import public
from beredskab.audit.services import record
from beredskab.guide.pdf import render_pdf
from beredskab.outbox.models import EmailKind
from beredskab.plans import copies
from beredskab.plans.opening import ContactNow, contact_now
from beredskab.plans.schema import PlanDocument
from beredskab.plans.selectors import current_plan
from beredskab.ratelimit import exceeded

from .forms import CitizenNotificationForm, NotificationForm, ProfessionalNotificationForm
from .models import Notification, NotifierKind, ReceiptMethod
from .services import register_notification

# Per form and client address (beredskab.clientaddress): 30 an hour is far more than anyone
# writing a notification needs, and a flood against one form leaves the other alone.
POSTS_PER_HOUR = 30


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def from_this_site(request) -> bool:
    """Whether a POST shows that it was sent from one of this site's own pages.

    Browsers send Sec-Fetch-Site since 2019-2023 (Chrome, Firefox, Safari); older ones send
    Origin on a POST, or at least Referer (our Referrer-Policy is same-origin, so our own pages
    always send it to us). A POST with none of them, or with Origin "null" (a sandboxed frame, a
    file, a redirect across sites), does not show where it came from and is refused: Django's
    own CSRF check refuses an HTTPS post without Referer in the same way."""
    allowed = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
    fetch_site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    referer = request.headers.get("Referer")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return False
    if origin is not None:
        return origin in allowed
    if referer is not None:
        return _origin_of(referer) in allowed
    return fetch_site is not None


def _typed(form_class, data) -> dict:
    """What was typed, as the initial values of a new form: shown again, not validated."""
    initial = {}
    for name, field in form_class.base_fields.items():
        if name in data and not field.widget.needs_multipart_form:
            many = getattr(field.widget, "allow_multiple_selected", False)
            initial[name] = data.getlist(name) if many else data.get(name)
    try:
        initial["submission_token"] = uuid.UUID(data.get("submission_token", ""))
    except ValueError:
        initial["submission_token"] = uuid.uuid4()
    return initial


# The empty form is served from a rendered copy (beredskab/plans/copies.py) with this token in
# it, replaced by a new one in each response.
TOKEN_PLACEHOLDER = uuid.UUID("5ee0c0de-0000-4000-8000-000000000000")


def _empty_form(
    form_class: type[NotificationForm],
    template: str,
    request: HttpRequest,
    plan: PlanDocument,
    now: ContactNow,
) -> HttpResponse:
    form = form_class(initial={"submission_token": TOKEN_PLACEHOLDER}, plan=plan)
    has_file_fields = any(f.widget.needs_multipart_form for f in form_class.base_fields.values())
    return render(
        request,
        template,
        {"has_file_fields": has_file_fields, "now": now, "form": form},
        status=200,
    )


def _fresh_token(content: bytes) -> bytes:
    return content.replace(str(TOKEN_PLACEHOLDER).encode(), str(uuid.uuid4()).encode())


def _form_page(request, form_class, template, scope):
    if request.method == "GET" and not request.GET:
        return copies.serve(request, partial(_empty_form, form_class, template), _fresh_token)
    plan = current_plan()
    context = {
        "has_file_fields": any(
            f.widget.needs_multipart_form for f in form_class.base_fields.values()
        ),
        "now": contact_now(plan, timezone.now()),
    }
    if request.method == "POST":
        if not from_this_site(request):
            return _refused(request, form_class, template, context, 403, "cross-site")
        retry_after = exceeded(request, scope, limit=POSTS_PER_HOUR, period=3600)
        if retry_after is not None:
            response = _refused(request, form_class, template, context, 429, "too-many")
            response["Retry-After"] = str(retry_after)
            return response
        form = form_class(request.POST, request.FILES, plan=plan)
        if form.is_valid():
            notification, _ = register_notification(
                form.notification_data(),
                submission_token=form.cleaned_data["submission_token"],
                request=request,
            )
            return _thanks_page(request, notification)
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
    return render(request, template, {**context, "form": form}, status=status)


# The page that thanks a notifier is the same for every notification of its kind at a given
# moment but for the reference and the professional's copy token: it is served from a rendered
# copy (beredskab/plans/copies.py) that holds these placeholders, filled in for each notification.
REFERENCE_PLACEHOLDER = "U-0000-0000"
COPY_PLACEHOLDER = "copy-5ee0c0de-placeholder"


def _thanks_page(request: HttpRequest, notification: Notification) -> HttpResponse:
    if notification.receipt_method == ReceiptMethod.EMAIL and (
        notification.emails.filter(kind=EmailKind.RECEIPT).exists()
    ):
        receipt = "email"
    elif notification.receipt_method == ReceiptMethod.NOT_WANTED:
        receipt = "not_wanted"
    elif notification.notifier_kind == NotifierKind.ANONYMOUS:
        receipt = "anonymous"
    else:
        receipt = ""
    thanks = {
        "professional": notification.notifier_kind == NotifierKind.PROFESSIONAL,
        "immediate_danger": notification.immediate_danger,
        "receipt": receipt,
        "safe_means": bool(notification.safe_contact_means),
    }
    token = copy_token(notification)

    def render_page(request: HttpRequest, plan: PlanDocument, now: ContactNow) -> HttpResponse:
        return render(
            request,
            "intake/submitted.html",
            {
                "thanks": thanks,
                "reference": REFERENCE_PLACEHOLDER,
                "copy_token": COPY_PLACEHOLDER if token else "",
                "now": now,
            },
        )

    def fill(content: bytes) -> bytes:
        content = content.replace(REFERENCE_PLACEHOLDER.encode(), notification.reference.encode())
        return content.replace(COPY_PLACEHOLDER.encode(), token.encode())

    return copies.serve(request, render_page, fill, variant=("thanks", *sorted(thanks.items())))


def _refused(request, form_class, template, context, status, why):
    form = form_class(initial=_typed(form_class, request.POST), plan=current_plan())
    return render(
        request,
        template,
        {
            **context,
            "form": form,
            "refused": why,
            "has_file_fields": any(
                f.widget.needs_multipart_form for f in form_class.base_fields.values()
            ),
        },
        status=status,
    )


@public
@csrf_exempt
@require_http_methods(["GET", "POST"])
def professional_form(request):
    return _form_page(
        request,
        ProfessionalNotificationForm,
        "intake/professional_form.html",
        "notify-professional",
    )


@public
@csrf_exempt
@require_http_methods(["GET", "POST"])
def citizen_form(request):
    return _form_page(
        request, CitizenNotificationForm, "intake/citizen_form.html", "notify-citizen"
    )


# The professional's copy of what they sent: the page that thanks them holds a signed token in a
# form (never in a URL, and no cookie), good for COPY_SECONDS. Only whoever saw that page has it.
COPY_SECONDS = 60 * 60
_COPY_SALT = "beredskab.intake.professional-copy"


def copy_token(notification: Notification) -> str:
    if notification.notifier_kind != NotifierKind.PROFESSIONAL:
        return ""
    return signing.TimestampSigner(salt=_COPY_SALT).sign(
        f"{notification.pk}:{notification.submission_token}"
    )


def _notification_for_copy(token: str) -> Notification | None:
    try:
        value = signing.TimestampSigner(salt=_COPY_SALT).unsign(token, max_age=COPY_SECONDS)
    except signing.BadSignature:
        return None
    pk, _, submission_token = value.partition(":")
    return (
        Notification.objects.filter(
            pk=pk,
            submission_token=submission_token,
            notifier_kind=NotifierKind.PROFESSIONAL,
            anonymised_at__isnull=True,
        )
        .prefetch_related("concerns")
        .first()
    )


@public
@csrf_exempt
@require_http_methods(["POST"])
def professional_copy(request):
    """A tagged PDF of what the professional sent, with the reference and the time received,
    so that they can document that they met the duty to notify."""
    if not from_this_site(request):
        return _copy_refused(request, 403)
    retry_after = exceeded(request, "notify-copy", limit=POSTS_PER_HOUR, period=3600)
    if retry_after is not None:
        return _copy_refused(request, 429)
    notification = _notification_for_copy(request.POST.get("token", ""))
    if notification is None:
        return _copy_refused(request, 410)
    plan = current_plan()
    pdf = render_pdf(
        "intake/notification_pdf.html",
        {
            "n": notification,
            "concerns": [
                plan.concern_type(c.concern_type) or c.concern_type
                for c in notification.concerns.all()
            ],
            "municipality": plan.municipality,
            "printed_at": timezone.now(),
        },
    )
    record(
        "notification.copy", request=request, obj=notification, person_key=notification.reference
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="underretning-{notification.reference}.pdf"'
    )
    return response


def _copy_refused(request, status: int):
    return render(request, "intake/copy_refused.html", {"status": status}, status=status)
