from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "beredskab.accounts"
    verbose_name = _("Medarbejdere og roller")

    def ready(self):
        from . import checks  # noqa: F401
