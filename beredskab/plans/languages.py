"""The public pages in the languages a plan file adds to Danish and English.

Danish and English are the system's own languages: their page texts come from gettext catalogues.
A plan file may add more (`languages:`, docs/plan-schema.md). Such a language lives in the URL
(`/ar/`, `/let-dansk/`), never in a cookie; `PlanLanguageMiddleware` activates it for the pages
listed in `PAGES`, and only for everyone once the municipality has marked it reviewed (signed-in
staff may preview it before). Its page labels come from the plan's `public_texts`, installed as
a gettext translation, so templates and forms translate them like any other language.
"""

from __future__ import annotations

import contextlib
import contextvars
import gettext as gettext_module
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import trans_real

from .public_texts import PUBLIC_TEXTS
from .schema import LANGUAGE_CODE_PATTERN, RESERVED_CODES, PlanDocument, PlanLanguage
from .selectors import NoPublishedPlan, current_plan

# The pages that exist in a plan's languages; every other page is Danish and English only.
PAGES = frozenset({"public:home", "public:young", "notify:citizen"})

_CODE_RE = re.compile(LANGUAGE_CODE_PATTERN)


class PlanTranslation(gettext_module.NullTranslations):
    """A gettext translation built from a plan language's `public_texts`.

    Strings it does not hold fall back to Django's catalogue for the language (its own form
    messages, weekday and month names) and, beyond that, to Danish.
    """

    def __init__(self, language: PlanLanguage):
        super().__init__()
        self.source = language
        self.code = language.code
        self._texts = {
            msgid: language.public_texts[key]
            for key, text in PUBLIC_TEXTS.items()
            if key in language.public_texts
            for msgid in text.msgids
        }
        self.add_fallback(trans_real.translation(language.html_lang.split("-")[0]))

    def gettext(self, message):
        text = self._texts.get(message)
        if text is not None:
            return text
        _note_missing("label", message)
        return super().gettext(message)

    def ngettext(self, singular, plural, n):
        # Plan files give one form, written to fit any number ("Fejl: %(counter)s").
        text = self._texts.get(singular)
        if text is not None:
            return text
        _note_missing("label", singular)
        return super().ngettext(singular, plural, n)

    def to_language(self):
        return self.code

    def language(self):
        return self.code


def install(plan: PlanDocument) -> None:
    """Make `translation.activate(code)` give each plan language's own translation.

    Django keeps one translation object per language code; a plan language's object is built
    from the plan file (the current version's), not from a compiled catalogue, so it is put
    there by hand and replaced when the plan changes.
    """
    for language in plan.languages:
        # Django's own registry of translations, which the type stubs do not describe.
        installed = trans_real._translations.get(language.code)  # type: ignore[attr-defined]
        if not (isinstance(installed, PlanTranslation) and installed.source is language):
            trans_real._translations[language.code] = PlanTranslation(language)  # type: ignore[attr-defined]


def current_direction() -> str:
    """ "rtl" or "ltr" for the active language (a plan language says so itself)."""
    active = getattr(trans_real._active, "value", None)  # type: ignore[attr-defined]
    if isinstance(active, PlanTranslation):
        return active.source.dir
    return "rtl" if translation.get_language_bidi() else "ltr"


def language_in_path(path: str, plan: PlanDocument | None = None) -> PlanLanguage | None:
    """The plan language whose code is the path's first segment, if any."""
    code = path.lstrip("/").split("/", 1)[0]
    if not _CODE_RE.match(code) or code in RESERVED_CODES:
        return None
    if plan is None:
        try:
            plan = current_plan()
        except NoPublishedPlan:
            return None
    return plan.language(code)


def may_preview(user) -> bool:
    """Signed-in staff (two factors) may see the languages not yet reviewed."""
    return bool(
        user is not None and user.is_authenticated and getattr(user, "is_verified", lambda: False)()
    )


class PlanLanguageMiddleware:
    """Serves `/<code>/...` in a plan language (after Django's LocaleMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_in_path(request.path_info)
        if language is None:
            request.plan_language = None
            return self.get_response(request)
        install(current_plan())
        previous = translation.get_language()
        translation.activate(language.code)
        request.LANGUAGE_CODE = language.code
        request.plan_language = language
        try:
            response = self.get_response(request)
        finally:
            translation.activate(previous)
        response.headers["Content-Language"] = language.html_lang
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        language = getattr(request, "plan_language", None)
        if language is None:
            return None
        if request.resolver_match.view_name not in PAGES:
            raise Http404("This page is in Danish and English only.")
        if not language.reviewed and not may_preview(request.user):
            raise Http404("This language is not published yet.")
        return None


@dataclass(frozen=True)
class Choice:
    """One entry of the language chooser."""

    code: str
    name: str
    lang: str
    dir: str
    url: str
    current: bool
    preview: bool


BUILT_IN_NAMES = {"da": "Dansk", "en": "English"}


def language_choices(request, plan: PlanDocument | None) -> list[Choice]:
    """Danish, English and, on the pages that exist in them, the plan's languages.

    A language not yet reviewed is offered only to staff, marked as a preview.
    """
    current = translation.get_language()
    match = getattr(request, "resolver_match", None)
    choices = []
    for code, _name in settings.LANGUAGES:
        choices.append(
            Choice(code, BUILT_IN_NAMES.get(code, code), code, "ltr", "", code == current, False)
        )
    if plan is not None and match is not None and match.view_name in PAGES:
        preview_allowed = may_preview(getattr(request, "user", None))
        install(plan)
        for language in plan.languages:
            if language.reviewed or preview_allowed:
                choices.append(
                    Choice(
                        language.code,
                        language.name,
                        language.html_lang,
                        language.dir,
                        "",
                        language.code == current,
                        not language.reviewed,
                    )
                )
    return [_with_url(choice, request) for choice in choices]


def _with_url(choice: Choice, request) -> Choice:
    return Choice(**{**choice.__dict__, "url": url_in_language(request.path_info, choice.code)})


def url_in_language(path: str, code: str) -> str:
    """The page at `path` in another language (Danish has no prefix)."""
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    with translation.override(code):
        if match is None or match.view_name is None:
            return reverse("public:home")
        return reverse(match.view_name, args=match.args, kwargs=match.kwargs)


# Which texts a page showed in Danish for want of a translation (tests and reviewers ask).
_missing: contextvars.ContextVar[list | None] = contextvars.ContextVar("missing", default=None)


@contextlib.contextmanager
def collect_missing() -> Iterator[list[tuple[str, str]]]:
    """Collect (kind, Danish text) for each text a plan language lacked while rendering."""
    bucket: list[tuple[str, str]] = []
    token = _missing.set(bucket)
    try:
        yield bucket
    finally:
        _missing.reset(token)


def _note_missing(kind: str, text: str) -> None:
    bucket = _missing.get()
    if bucket is not None:
        bucket.append((kind, text))


def note_missing_content(text: dict) -> None:
    _note_missing("content", text.get("da", ""))
