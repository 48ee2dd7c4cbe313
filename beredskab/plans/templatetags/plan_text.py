"""Template filters for the plan's texts in the page's language, phone numbers and languages."""

import re

from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language

from beredskab.plans.languages import current_direction, note_missing_content
from beredskab.plans.languages import language_choices as plan_language_choices

register = template.Library()

# A number written in groups ("4927 1448"): on a right-to-left page the groups would be shown in
# reverse order, so each such number is isolated as left-to-right text (U+2066 ... U+2069).
_GROUPED_NUMBER = re.compile(r"\+?\d+(?: \d+)+")


@register.filter
def t(value):
    """Pick the active language from a {da: ..., en: ..., ar: ...} text, falling back to Danish."""
    if value is None:
        return ""
    if isinstance(value, dict):
        language = get_language() or "da"
        text = value.get(language) or value.get(language.split("-")[0])
        if text:
            if current_direction() == "rtl":
                return _GROUPED_NUMBER.sub(lambda m: f"\u2066{m.group()}\u2069", text)
            return text
        if language not in ("da", "en"):
            note_missing_content(value)
        return value.get("da", "")
    return value


@register.filter
def has_text(value) -> bool:
    """Whether a text is given in the page's language (Danish and English always fall back)."""
    language = get_language() or "da"
    if language in ("da", "en") or not isinstance(value, dict):
        return True
    return bool(value.get(language))


@register.filter
def phone_link(number):
    """A phone number as a link, kept left to right (and in one piece) on a right-to-left page."""
    return format_html('<a class="phone-link" href="{}" dir="ltr">{}</a>', tel(number), str(number))


@register.filter
def with_phone_link(text, number):
    """A text with the phone number in it made a link ("... på telefon 4927 1448 (døgnåbent)"), so
    that a page need not repeat the number beside the text; the link is added when it is not in it.
    """
    text, number = str(text), str(number)
    link = phone_link(number)
    if number not in text:
        return format_html("{} {}", text, link)
    before, _, after = text.partition(number)
    return format_html("{}{}{}", before, link, after)


@register.filter
def email_link(address):
    return format_html('<a href="mailto:{}" dir="ltr">{}</a>', address, address)


@register.simple_tag(takes_context=True)
def language_choices(context):
    """The language chooser's entries for this page (see beredskab.plans.languages)."""
    return plan_language_choices(context["request"], context.get("plan") or None)


@register.simple_tag
def danish_url(name, *args):
    """A page that exists in Danish and English only, linked in Danish from any other language."""
    with translation.override("da"):
        return reverse(name, args=args)


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
