"""Schemathesis against our OpenAPI schema (/api/schema/), through the Django WSGI app with a
system user's token: no server error, and every answer conforms to the schema.

Schemathesis's "schema-valid data must be accepted" check is left out: the schema cannot say
everything the API validates (concern types are the plan's keys, one of CPR number, birth date,
age or age group is needed, a time of receipt may not lie in the future), so a 400 for such data
is right. The checks kept are about what the API answers.
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from beredskab.accounts import roles
from beredskab.accounts.system_accounts import create_system_account, issue_token

pytestmark = pytest.mark.usefixtures("allerod_plan")


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The WSGI app closes the database connection after each request (request_finished), which
    would end the test's transaction on PostgreSQL; Django's test client avoids it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db):
    user = create_system_account(
        "fagsystem", roles=[roles.INTAKE, roles.LEADER], description="Fagsystem"
    )
    return issue_token(user)[1]


OPERATIONS = [
    ("POST", "/api/v1/notifications/"),
    ("GET", "/api/v1/notifications/queue/"),
    ("GET", "/api/v1/notifications/{reference}/"),
]


def load_schema(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"user": None}}
    return schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler())


def test_the_schema_has_the_operations_tested_here(settings):
    operations = {
        (op.method.upper(), op.path) for op in map(_ok, load_schema(settings).get_all_operations())
    }

    assert operations == {
        ("POST", "/api/v1/notifications/"),
        ("GET", "/api/v1/notifications/queue/"),
        ("GET", "/api/v1/notifications/{reference}/"),
    }


def _ok(result):
    return result.ok()


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_operation_conforms_to_the_schema(token, settings, method, path):
    schema = load_schema(settings)
    (operation,) = [
        op
        for op in map(_ok, schema.get_all_operations())
        if op.method.upper() == method and op.path == path
    ]

    @given(case=operation.as_strategy())
    @hypothesis_settings(max_examples=40)
    def conforms(case):
        response = case.call(headers={"Authorization": f"Token {token}"})
        case.validate_response(response, checks=CHECKS)

    conforms()
