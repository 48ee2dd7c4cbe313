"""The latest risk judgement of a case, for pages of the apps above cases (the Indsatsgruppe's
agenda): `{% latest_judgement case as assessment %}` then cases/_judgement.html."""

from django import template

from beredskab.cases.models import RiskAssessment
from beredskab.cases.selectors import latest_full_assessment

register = template.Library()


@register.simple_tag
def latest_judgement(case) -> RiskAssessment | None:
    """The newest full risk assessment of the case (None when it has only been screened)."""
    return latest_full_assessment(case)
