"""Makes the published plan available to every template as `plan` (queried only when used), and
the page's language as `page_language`."""

from dataclasses import dataclass

from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from .languages import current_direction, may_preview
from .selectors import NoPublishedPlan, current_plan


@dataclass(frozen=True)
class PageLanguage:
    lang: str  # BCP 47, for the lang attribute
    dir: str
    name: str = ""
    in_plan: bool = False  # one of the plan file's languages (not Danish or English)
    preview: bool = False  # not reviewed yet: shown to staff only


def plan(request):
    def load():
        try:
            return current_plan()
        except NoPublishedPlan:
            return None

    return {"plan": SimpleLazyObject(load), "page_language": _page_language(request)}


def _page_language(request) -> PageLanguage:
    language = getattr(request, "plan_language", None)
    if language is None:
        return PageLanguage(get_language() or "da", current_direction())
    return PageLanguage(
        language.html_lang,
        language.dir,
        language.name,
        in_plan=True,
        preview=not language.reviewed and may_preview(request.user),
    )
