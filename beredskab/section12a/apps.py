from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Section12aConfig(AppConfig):
    name = "beredskab.section12a"
    verbose_name = _("Serviceloven § 12 a")

    def ready(self):
        # Imported once the apps are loaded.
        from beredskab.cases.hooks import case_page_part

        # An adult's case page shows the counselling offers and the action plans.
        case_page_part("section12a/includes/section12a.html", position=10)
