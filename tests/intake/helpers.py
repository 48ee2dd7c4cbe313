"""Shared test data for notifications."""

import uuid

from beredskab.intake.services import NotificationData, register_notification

VALID_PROFESSIONAL = {
    "notifier_name": "Lærer Hansen",
    "notifier_workplace": "Lillerød Skole",
    "notifier_role": "Klasselærer",
    "notifier_phone": "12 34 56 78",
    "notifier_email": "hansen@skole.example",
    "person_name": "Aisha Testperson",
    "person_cpr": "",
    "person_birth_date": "",
    "person_age": "",
    "age_group": "child",
    "person_address": "Testvej 1, 3450 Allerød",
    "person_language": "dansk",
    "children_in_household": "unknown",
    "children_details": "",
    "concern_types": ["stay_abroad"],
    "description": "Eleven fortæller, at familien skal rejse, og at hun ikke må komme tilbage.",
    "immediate_danger": "no",
    "notifier_actions": "Talt med min leder.",
    "family_knows": "no",
}


def form_data(base=VALID_PROFESSIONAL, **changes):
    data = {**base, "submission_token": str(uuid.uuid4())}
    data.update(changes)
    return data


def make_notification(**fields):
    """Register a notification through the service, as the forms do."""
    defaults = {
        "channel": "phone",
        "notifier_kind": "professional",
        "concern_types": ["social_control"],
        "description": "Beskrivelse",
        "age_group": "adult",
        "notifier_name": "Fagperson",
        "notifier_email": "",
        "notifier_phone": "11 22 33 44",
    }
    defaults.update(fields)
    notification, _ = register_notification(NotificationData(**defaults))
    return notification
