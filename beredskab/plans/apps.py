from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "beredskab.plans"
    verbose_name = _("Beredskabsplaner")

    def ready(self):
        # Imported once the apps are loaded: models cannot be imported before.
        from beredskab.audit.retention import use_retention_period

        from .selectors import current_plan

        # The audit trail's retention period is the plan's (the audit app does not read plans).
        use_retention_period(lambda: current_plan().retention.audit_log_years)
