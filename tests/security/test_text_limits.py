"""No text field anywhere takes unbounded text: every form's text fields have a limit, with one
Danish message, and a staff form refuses 5 MiB as clearly as the public ones do."""

import inspect
from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.cases.models import CaseAssignment, CaseState
from beredskab.forms import DkfdsFormMixin
from beredskab.plans.selectors import current_plan
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")


def every_form_class():
    found, todo = [], list(DkfdsFormMixin.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def build(form_class):
    """An instance of any of our forms, with whatever its constructor wants."""
    plan = current_plan()
    inquiry = SimpleNamespace(
        answered_at=None, spokesperson_id=None, status="open", answer_summary=""
    )
    wants = {
        "plan": plan,
        "risk_factors": plan.risk_factors,
        "user": None,
        "inquiry": inquiry,
        "candidates": get_user_model().objects.none(),
    }
    required = [
        name
        for name, parameter in inspect.signature(form_class.__init__).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
        and parameter.default is inspect.Parameter.empty
    ]
    missing = [name for name in required if name not in wants]
    assert not missing, f"{form_class.__qualname__} wants {missing}: add them to build()"
    if required:
        return form_class(**{name: wants[name] for name in required})
    for name in ("plan", "risk_factors", "user", "inquiry"):
        try:
            return form_class(**{name: wants[name]})
        except TypeError:
            continue
    return form_class()


def test_every_text_field_of_every_form_has_a_limit_with_a_danish_message(client):
    client.get(reverse("public:home"))  # loads every URL module, and with it every form
    classes = every_form_class()
    assert len(classes) > 20

    unbounded, foreign = [], []
    for form_class in classes:
        form = build(form_class)
        form.full_clean()  # where the limits are checked; some forms add fields late
        for name, field in form.fields.items():
            if not isinstance(field, forms.CharField) or isinstance(field, forms.UUIDField):
                continue
            where = f"{form_class.__module__}.{form_class.__name__}.{name}"
            if not field.max_length:
                unbounded.append(where)
                continue
            try:
                field.clean("x" * (field.max_length + 1))
            except forms.ValidationError as error:
                if not any("Teksten må højst være" in message for message in error.messages):
                    foreign.append((where, error.messages))
    assert unbounded == []
    assert foreign == []


def test_a_5_mib_text_on_a_staff_form_is_a_clear_error_and_nothing_changes(staff_client):
    client = staff_client(roles.INTAKE)
    case = make_notification(age_group="adult").case
    CaseAssignment.objects.get_or_create(
        case=case, user=client.user, defaults={"assigned_at": timezone.now()}
    )

    response = client.post(
        reverse("cases:close", args=[case.notification.reference]),
        {"reason": "other", "note": "x" * 5 * 2**20},
    )

    assert response.status_code == 400
    assert "Teksten må højst være" in response.content.decode()
    case.refresh_from_db()
    assert case.state != CaseState.CLOSED
