"""Background tasks run by the worker (`manage.py db_worker`)."""

from django.tasks import task

from . import services


@task()
def deliver_email(email_id: int) -> bool:
    return services.deliver(email_id)
