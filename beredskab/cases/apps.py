from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "beredskab.cases"
    verbose_name = _("Sager")

    def ready(self):
        from .hooks import add_closing_warning
        from .selectors import open_initiatives_warning

        # Closing a case with initiatives still open asks first.
        add_closing_warning(open_initiatives_warning)
