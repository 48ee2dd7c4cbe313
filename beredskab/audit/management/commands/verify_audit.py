"""manage.py verify_audit: check that no audit event was changed, deleted or reordered."""

from django.core.management.base import BaseCommand, CommandError

from beredskab.audit.models import AuditEvent
from beredskab.audit.services import verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail; exits non-zero when it was tampered with."

    def handle(self, *args, **options):
        problems = verify_chain()
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(
                f"the audit trail has been tampered with ({len(problems)} problem(s))"
            )
        count = AuditEvent.objects.count()
        self.stdout.write(self.style.SUCCESS(f"audit trail intact: {count} events"))
