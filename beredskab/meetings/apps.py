from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "beredskab.meetings"
    verbose_name = _("Indsatsgruppen")

    def ready(self):
        # Imported once the apps are loaded: models cannot be imported before.
        from beredskab.cases.hooks import (
            add_closing_warning,
            add_reassessment_reason,
            case_page_part,
            visible_through,
        )

        from .access import on_an_agenda_q
        from .selectors import ended_initiatives_since, open_initiatives_warning

        # The members invited to a meeting read the cases on its agenda.
        visible_through(on_an_agenda_q)
        # The case page shows the case's initiatives and its meetings.
        case_page_part("meetings/includes/initiatives.html", position=20)
        case_page_part("meetings/includes/meetings.html", position=30)
        # Closing a case with initiatives still open asks first.
        add_closing_warning(open_initiatives_warning)
        # An initiative or protective measure that ends calls for a new risk assessment.
        add_reassessment_reason(ended_initiatives_since)
