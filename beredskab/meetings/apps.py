from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "beredskab.meetings"
    verbose_name = _("Indsatsgruppen")

    def ready(self):
        # Imported once the apps are loaded: models cannot be imported before.
        from beredskab.cases.hooks import case_page_part, visible_through

        from .access import on_an_agenda_q

        # The members invited to a meeting read the cases on its agenda.
        visible_through(on_an_agenda_q)
        # The case page shows the case's initiatives and its meetings.
        case_page_part("meetings/includes/initiatives.html", position=20)
        case_page_part("meetings/includes/meetings.html", position=30)
