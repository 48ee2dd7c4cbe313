from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "beredskab.cases"
    verbose_name = _("Sager")

    def ready(self):
        from .hooks import add_reassessment_reason
        from .selectors import ended_initiatives_since

        # An initiative or protective measure that ends calls for a new risk assessment.
        add_reassessment_reason(ended_initiatives_since)
