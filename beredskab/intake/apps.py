from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "beredskab.intake"
    verbose_name = _("Underretninger")

    def ready(self):
        # Imported once the apps are loaded: models cannot be imported before.
        from beredskab.outbox.models import EmailKind
        from beredskab.outbox.services import when_sent

        from .services import receipt_e_mailed

        # A receipt e-mail that went out meets the notifier's receipt deadline.
        when_sent(EmailKind.RECEIPT, receipt_e_mailed)
