"""The receipt goes to any address typed on a public form, so it carries nothing typed there: a
stranger must not be able to send mail in the municipality's name with their own text in it."""

import pytest
from django.core import mail

from beredskab.intake.models import Notification
from beredskab.outbox.models import OutboundEmail
from beredskab.outbox.services import deliver
from tests.intake.helpers import VALID_PROFESSIONAL, form_data

pytestmark = pytest.mark.usefixtures("allerod_plan")

LURE = "Ring straks på 9090 9090\n\nBesøg https://evil.example/login <a href='x'>her</a>"


def sent_receipt():
    email = OutboundEmail.objects.get(kind="receipt")
    assert deliver(email.pk) is True
    [message] = mail.outbox
    return message


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (
            "/underret/borger/",
            {
                "about": "other",
                "notifier_name": LURE,
                "notifier_relation": LURE,
                "safe_to_contact": "yes",
                "safe_contact_means": "email",
                "safe_contact_address": "victim@example.dk",
                "safe_contact_times": LURE,
                "receipt_wanted": "on",
                "age_group": "unknown",
                "children_in_household": "unknown",
                "concern_types": ["forced_marriage"],
                "description": LURE,
                "immediate_danger": "no",
                "person_name": LURE,
            },
        ),
        (
            "/underret/fagperson/",
            {
                **VALID_PROFESSIONAL,
                "notifier_name": LURE,
                "notifier_workplace": LURE,
                "notifier_role": LURE,
                "notifier_email": "victim@example.dk",
                "description": LURE,
            },
        ),
    ],
    ids=["citizen", "professional"],
)
def test_the_receipt_greets_generically_and_carries_nothing_typed(client, url, data):
    client.post(url, form_data(data))
    notification = Notification.objects.get()

    message = sent_receipt()

    assert message.to == ["victim@example.dk"]
    assert message.subject == f"Kvittering for underretning {notification.reference}"
    text = message.subject + message.body
    for typed in ("9090", "evil.example", "<a", "Ring straks", "Besøg"):
        assert typed not in text
    assert message.body.startswith("Kære underretter\n")
    assert not getattr(message, "alternatives", None)  # plain text only
