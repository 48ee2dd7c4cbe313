"""`manage.py check --deploy`: a trail without checkpoints outside the database cannot show that
it was wiped or truncated."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.security, deploy=True)
def checkpoints_configured(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    if settings.BEREDSKAB_AUDIT_CHECKPOINT_DIR or settings.BEREDSKAB_AUDIT_SYSLOG:
        return []
    return [
        Warning(
            "The audit trail writes no checkpoints outside the database.",
            hint="Set BEREDSKAB_AUDIT_CHECKPOINT_DIR and/or BEREDSKAB_AUDIT_SYSLOG "
            "(docs/operations.md, 'Audit trail').",
            id="audit.W001",
        )
    ]
