"""Rendered copies of the public pages that are the same for everyone at a given moment.

The public page is the one a person in danger opens; it depends only on the published plan, the
page's language and the time ("open now", "opens again at", "updated at HH.MM"); so does an
empty notification form, but for its one-time submission token, which `fill` puts into each
copy as it is served (the copy holds a placeholder). A copy is served
to everyone who is not signed in until whichever comes first:

- the next minute (the page shows the time to the minute),
- the next opening-hours boundary (the office opens or closes),
- a plan change: the copy is filed under the published version and its content hash, so a newly
  published plan (or a reloaded one with other content) is read at the next request, in every
  process, without anything to clear.

The copies live in each server process's memory: no database round trip to serve one, and one
rendering per process per minute at most. Signed-in staff, other methods and requests with a query
string always get a fresh page (staff may see languages in preview).

A page that answers a form (the thanks for a notification) is the same for everyone whose answer
is of the same kind: `variant` names the kind, the copy is kept per variant, and `fill` puts the
answer's own parts (its reference) in place of the placeholders the copy holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from .opening import ContactNow, contact_now
from .schema import PlanDocument
from .selectors import current_plan, current_version

MAX_COPIES = 64

Render = Callable[[HttpRequest, PlanDocument, ContactNow], HttpResponse]
Fill = Callable[[bytes], bytes]


@dataclass(frozen=True)
class Copy:
    content: bytes
    content_type: str
    valid_from: dt.datetime
    valid_until: dt.datetime


_copies: dict[tuple, Copy] = {}


def valid_until(contact: ContactNow) -> dt.datetime:
    """When a page rendered for `contact` stops being true: the next minute or the next opening
    or closing, whichever is first."""
    next_minute = contact.at.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    changes = [
        moment
        for moment in (contact.closes_at, contact.next_opening)
        if moment is not None and moment > contact.at
    ]
    return min([next_minute, *changes])


def _may_use_copy(request: HttpRequest, variant: tuple | None) -> bool:
    if request.user.is_authenticated:
        return False
    return variant is not None or (request.method in ("GET", "HEAD") and not request.GET)


def serve(
    request: HttpRequest,
    render_page: Render,
    fill: Fill | None = None,
    *,
    variant: tuple | None = None,
) -> HttpResponse:
    """The page `render_page(request, plan, contact_now)` renders, from a copy while it is true.
    `fill(content)`, when given, makes each response's own content from the rendered one.
    `variant`: what else the page depends on, for a page that answers a form (any method)."""
    at = timezone.now()
    if not _may_use_copy(request, variant):
        plan = current_plan()
        response = render_page(request, plan, contact_now(plan, at))
        if fill is not None:
            response.content = fill(response.content)
        return response
    version = current_version()
    key = (
        request.path,
        variant,
        translation.get_language(),
        version.pk,
        version.content_hash,
        version.published_at,
    )
    copy = _copies.get(key)
    if copy is not None and copy.valid_from <= at < copy.valid_until:
        content = fill(copy.content) if fill is not None else copy.content
        return HttpResponse(content, content_type=copy.content_type)
    plan = current_plan()
    contact = contact_now(plan, at)
    response = render_page(request, plan, contact)
    if response.status_code == 200 and not response.cookies:
        if len(_copies) >= MAX_COPIES:
            _copies.clear()
        _copies[key] = Copy(
            content=response.content,
            content_type=response["Content-Type"],
            valid_from=at.replace(second=0, microsecond=0),
            valid_until=valid_until(contact),
        )
    if fill is not None:
        response.content = fill(response.content)
    return response


def forget() -> None:
    """Drop every copy (when settings change in tests; never needed for a plan change)."""
    _copies.clear()


@receiver(setting_changed)
def _settings_changed(**kwargs: object) -> None:
    forget()
