"""The system administrator's Django admin permissions, kept in step with the admin site.

The `systemadministrator` role manages accounts, second factors, lockouts, API tokens and the
background queue in the Django admin; it gets every permission of every model registered there.
Run after each migration, so new models are covered without a data migration.
"""

from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from .roles import SYSADMIN


def grant_admin_permissions(**kwargs) -> None:
    group, _ = Group.objects.get_or_create(name=SYSADMIN)
    content_types = ContentType.objects.get_for_models(*admin.site._registry).values()
    permissions = Permission.objects.filter(content_type__in=list(content_types))
    group.permissions.add(*permissions)
