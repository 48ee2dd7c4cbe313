from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "beredskab.audit"
    verbose_name = _("Logning")

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401
