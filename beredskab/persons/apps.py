from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonsConfig(AppConfig):
    name = "beredskab.persons"
    verbose_name = _("Personer")

    def ready(self):
        # Imported once the apps are loaded: models cannot be imported before.
        from beredskab.cases.hooks import add_reassessment_reason, page_context
        from beredskab.intake.selectors import QueueMark, add_queue_mark
        from beredskab.intake.services import when_registered

        from .panels import history_panel, person_panel
        from .selectors import new_notifications_since, queue_marks
        from .services import link_persons

        # A new notification joins the person it is about (by CPR number, or a new person).
        when_registered(link_persons)
        # Modtagelsen's queue says when that person is known from other notifications.
        add_queue_mark(QueueMark(queue_marks, "persons/includes/queue_mark.html"))
        # The case page and the risk assessment show the person's earlier notifications (and,
        # on the case page, possible matches), with need to know.
        page_context("case", person_panel)
        page_context("assess", history_panel)
        # A new notification about the same person calls for a new risk assessment.
        add_reassessment_reason(new_notifications_since)
