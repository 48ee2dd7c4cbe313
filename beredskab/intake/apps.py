from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "beredskab.intake"
    verbose_name = _("Underretninger")

    def ready(self):
        # Imported once the apps are loaded: models cannot be imported before.
        from beredskab.cases.hooks import when_assessed
        from beredskab.outbox.models import EmailKind
        from beredskab.outbox.services import when_sent

        from .selectors import QueueMark, add_queue_mark, duplicate_mark
        from .services import assessment_recorded, receipt_e_mailed

        # A receipt e-mail that went out meets the notifier's receipt deadline.
        when_sent(EmailKind.RECEIPT, receipt_e_mailed)
        # The case's first risk assessment meets (or misses) the 24-hour deadline.
        when_assessed(assessment_recorded)
        # A likely duplicate says so in the queue, with the reference of the earlier one.
        add_queue_mark(QueueMark(duplicate_mark, "intake/includes/duplicate_mark.html"))
