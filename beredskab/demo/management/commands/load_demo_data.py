"""manage.py load_demo_data: demo staff accounts for a development installation.

Refuses to run with DEBUG off: demo accounts have published passwords.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEMO_PASSWORD = "beredskab-demo"  # noqa: S105 - published on purpose, development only

DEMO_USERS = [
    # username, full name, superuser
    ("admin", "Systemadministrator (demo)", True),
]


class Command(BaseCommand):
    help = "Create demo staff accounts (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is for development only (DJANGO_DEBUG is off).")
        User = get_user_model()
        for username, full_name, superuser in DEMO_USERS:
            first, _, last = full_name.partition(" ")
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first, "last_name": last, "is_staff": True},
            )
            if created:
                user.is_superuser = superuser
                user.set_password(DEMO_PASSWORD)
                user.save()
        self.stdout.write(f"Demo staff accounts (password for all: {DEMO_PASSWORD}):")
        for username, full_name, _ in DEMO_USERS:
            self.stdout.write(f"  {username:<14} {full_name}")
