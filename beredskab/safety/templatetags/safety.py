"""The safety banner on every page of a case and of a person: {% case_banner case %},
{% person_banner person %}."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("safety/banner.html")
def case_banner(case):
    return {"banner": selectors.banner_for_case(case), "case": case}


@register.inclusion_tag("safety/banner.html")
def person_banner(person):
    return {"banner": selectors.banner_for_person(person), "person": person}
