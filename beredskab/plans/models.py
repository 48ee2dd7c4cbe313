"""A municipality's preparedness plan and its versions, stored as validated documents.

The plan's content lives in one JSON document per version (validated against
`beredskab.plans.schema.PlanDocument` on load); the columns beside it are what lists,
governance and reminders filter on.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Plan(models.Model):
    """One municipality's plan across all its versions."""

    municipality_slug = models.SlugField(_("kommune (kode)"), max_length=50, unique=True)
    municipality_name = models.CharField(_("kommune"), max_length=200)

    class Meta:
        verbose_name = _("beredskabsplan")
        verbose_name_plural = _("beredskabsplaner")

    def __str__(self):
        return self.municipality_name


class PlanVersion(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    version = models.CharField(_("version"), max_length=40)
    document = models.JSONField(_("indhold"))
    content_hash = models.CharField(max_length=64)
    source_name = models.CharField(_("kildefil"), max_length=255)
    effective_from = models.DateField(_("gældende fra"))
    adopted_on = models.DateField(_("vedtaget"), null=True, blank=True)
    next_revision = models.DateField(_("næste revision"))
    published_at = models.DateTimeField(_("offentliggjort"), null=True, blank=True)
    loaded_at = models.DateTimeField(_("indlæst"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        verbose_name = _("planversion")
        verbose_name_plural = _("planversioner")
        constraints = [
            models.UniqueConstraint(fields=["plan", "version"], name="unique_plan_version"),
        ]
        indexes = [models.Index(fields=["plan", "-published_at"], name="plan_published_idx")]

    def __str__(self):
        return f"{self.plan} {self.version}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
