from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "beredskab.accounts"
    verbose_name = _("Medarbejdere og roller")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import checks  # noqa: F401
        from .permissions import grant_admin_permissions

        # After every app's migrations: its permissions exist only once its own have run.
        post_migrate.connect(grant_admin_permissions, dispatch_uid="grant_admin_permissions")
