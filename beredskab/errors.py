"""When the database is unreachable, answer 503 with a page that needs no database.

Nothing is half-saved: every change runs in one transaction, so a failed request has saved
nothing, and the page tells the user to try again (or call 112 in an emergency)."""

import logging

from django.db import DatabaseError
from django.http import HttpResponse
from django.template.loader import get_template

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DatabaseError):
            return None
        # The exception's text can hold SQL with personal data: log its class only.
        logger.error("database unavailable: %s", type(exception).__name__)
        response = HttpResponse(get_template("500.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
