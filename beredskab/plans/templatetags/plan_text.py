"""Template filters for the plan's bilingual text and phone numbers."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def t(value):
    """Pick the active language from a {da: ..., en: ...} text, falling back to Danish."""
    if value is None:
        return ""
    if isinstance(value, dict):
        language = (get_language() or "da").split("-")[0]
        return value.get(language) or value.get("da", "")
    return value


@register.filter
def tel(number):
    """A tel: URI for a Danish number as the plan writes it ('48 100 100' -> 'tel:+4548100100')."""
    digits = "".join(ch for ch in str(number) if ch.isdigit() or ch == "+")
    if digits.startswith("+") or len(digits) <= 4:
        return f"tel:{digits}"
    return f"tel:+45{digits}"


@register.simple_tag(takes_context=True)
def language_url(context, language_code):
    """The current page's URL in another language (/en/... or unprefixed Danish)."""
    from django.urls import translate_url

    request = context["request"]
    return translate_url(request.path, language_code)


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, or None."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
