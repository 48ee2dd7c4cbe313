"""Serviceloven § 12 a on an adult's case: the offer of free counselling (stk. 1) and the action
plan made together with the person (stk. 2).

The tables were created by the cases app and keep its names (cases_counsellingoffer,
cases_actionplan): only the models moved here (cases.0004, section12a.0001).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beredskab.cases.models import Case


class CounsellingStatus(models.TextChoices):
    OFFERED = "offered", _("Tilbudt")
    ACCEPTED = "accepted", _("Taget imod")
    DECLINED = "declined", _("Takket nej")


class CounsellingOffer(models.Model):
    """The offer of free counselling to an adult (Serviceloven § 12 a, stk. 1)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="counselling_offers")
    status = models.CharField(max_length=10, choices=CounsellingStatus.choices)
    at = models.DateTimeField(_("tidspunkt"))
    note = models.CharField(_("bemærkning"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        db_table = "cases_counsellingoffer"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.case} rådgivning {self.status}"


class ActionPlan(models.Model):
    """A § 12 a action plan (Serviceloven § 12 a, stk. 2), made together with the person.

    The law's four parts: (1) a risk assessment, (2) the current situation including housing,
    work, education and relations to relatives, (3) the support considered regarding housing,
    work and education, and its purpose, (4) support considered under this or other legislation,
    and its purpose. A new version is a new row.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="action_plans")
    version = models.PositiveSmallIntegerField()
    risk_assessment = models.TextField(_("1. Risikovurdering"))
    situation_housing = models.TextField(_("Bolig"))
    situation_work = models.TextField(_("Arbejde"))
    situation_education = models.TextField(_("Uddannelse"))
    situation_relatives = models.TextField(_("Forhold til pårørende"))
    support_housing_work_education = models.TextField(
        _("3. Overvejet støtte til bolig, arbejde og uddannelse")
    )
    support_housing_work_education_purpose = models.TextField(_("Formålet med støtten"))
    support_other_law = models.TextField(
        _("4. Overvejet støtte efter denne eller anden lovgivning")
    )
    support_other_law_purpose = models.TextField(_("Formålet med støtten"))
    made_with_person = models.BooleanField(_("udarbejdet sammen med borgeren"))
    agreed_on = models.DateField(_("aftalt den"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        db_table = "cases_actionplan"
        ordering = ["case", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="action_plan_version_once")
        ]

    def __str__(self):
        return f"{self.case} handleplan {self.version}"
