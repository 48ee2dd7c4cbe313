"""Risk assessments in templates: the latest judgement of a case for pages of the apps above
cases (the Indsatsgruppe's agenda: `{% latest_judgement case as a %}` then
cases/_judgement.html), and an assessment's ratings grouped by the plan's domains."""

from django import template

from beredskab.cases.models import RiskAssessment
from beredskab.cases.selectors import assessment_domains, latest_full_assessment
from beredskab.plans.selectors import current_plan

register = template.Library()


@register.simple_tag
def latest_judgement(case) -> RiskAssessment | None:
    """The newest full risk assessment of the case (None when it has only been screened)."""
    return latest_full_assessment(case)


@register.simple_tag
def ratings_by_domain(assessment) -> list:
    """(domain title, [(factor text, rating)]) for the assessment, in the plan's order."""
    return assessment_domains(assessment, current_plan())
