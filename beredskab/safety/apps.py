from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    """Protective flags, safe contact, Barnets Lov § 18, stk. 3 and § 137, stk. 2, and the
    feedback owed to professional notifiers (§ 133)."""

    name = "beredskab.safety"
    verbose_name = _("Beskyttelse")

    def ready(self):
        # Imported once the apps are loaded: models cannot be imported before.
        from beredskab.intake.services import when_registered
        from beredskab.outbox.gate import provide_facts

        from .selectors import protection_facts
        from .services import protect_new_notification

        # The one gate every outgoing communication asks learns the case's and person's flags.
        provide_facts(protection_facts)
        # A citizen's stated safe contact way becomes the case's, and a professional's
        # notification gets its feedback task.
        when_registered(protect_new_notification)
