"""Answers with a clear 503 page while no plan has been published, and reads the published plan
version once per request."""

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import SimpleTemplateResponse

from .selectors import NoPublishedPlan, one_version_per_request

logger = logging.getLogger(__name__)


class NoPublishedPlanMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, NoPublishedPlan):
            return None
        logger.error("No published plan: %s", exception)
        response = SimpleTemplateResponse("plans/no_plan.html", status=503)
        return response.render()


class PlanPerRequestMiddleware:
    """Reads the published plan version once per request, however often the request asks."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with one_version_per_request():
            return self.get_response(request)
