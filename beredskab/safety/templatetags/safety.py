"""The safety banner on every page of a case and of a person: {% case_banner case %},
{% person_banner person %}."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("safety/banner.html", takes_context=True)
def case_banner(context, case):
    # On the protection page itself the banner needs no link to it.
    here = getattr(context.get("request"), "resolver_match", None)
    return {
        "banner": selectors.banner_for_case(case),
        "case": case,
        "link": not (here and here.app_name == "safety" and here.url_name == "case"),
    }


@register.inclusion_tag("safety/banner.html")
def person_banner(person):
    return {"banner": selectors.banner_for_person(person), "person": person, "link": True}
