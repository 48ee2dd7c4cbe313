"""manage.py load_demo_data: demo staff (one per role) and fictional notifications.

Development only: refuses to run with DEBUG off, because the demo accounts' passwords and
second-factor codes are published.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from beredskab.accounts.services import COMMAND_LINE, ensure_demo_device, set_roles
from beredskab.demo.data import DEMO_NOTIFICATIONS, DEMO_USERS, received_at
from beredskab.intake.models import Notification
from beredskab.intake.services import NotificationData, register_notification

DEMO_PASSWORD = "beredskab-demo"  # noqa: S105 - published on purpose, development only


class Command(BaseCommand):
    help = "Create demo staff accounts and fictional notifications (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is for development only (DJANGO_DEBUG is off).")
        secret, codes = self._users()
        created = self._notifications()
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo staff accounts (development only):"))
        for username, full_name, role_names, _ in DEMO_USERS:
            self.stdout.write(f"  {username:<11} {full_name:<24} {', '.join(role_names)}")
        self.stdout.write(f"  password for all: {DEMO_PASSWORD}")
        if secret:
            self.stdout.write(
                f"  second factor: add the TOTP key {secret} to an authenticator app,"
            )
            self.stdout.write(f"  or use a backup code: {', '.join(codes)} (each once per user)")
        self.stdout.write(f"Demo notifications created: {created}")

    def _users(self):
        User = get_user_model()
        secret, codes = None, []
        for username, full_name, role_names, email in DEMO_USERS:
            first, _, last = full_name.partition(" ")
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first, "last_name": last, "is_staff": True, "email": email},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.is_superuser = username == "admin"
                user.save()
                set_roles(user, role_names, by=COMMAND_LINE)
            secret, codes = ensure_demo_device(user)
        return secret, codes

    def _notifications(self) -> int:
        if Notification.objects.exists():
            return 0
        now = timezone.now()
        for hours, channel, kind, age, concerns, text, extra in DEMO_NOTIFICATIONS:
            register_notification(
                NotificationData(
                    channel=channel,
                    notifier_kind=kind,
                    age_group=age,
                    concern_types=concerns,
                    description=text,
                    received_at=received_at(now, hours),
                    **extra,
                )
            )
        return len(DEMO_NOTIFICATIONS)
