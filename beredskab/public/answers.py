"""The "who to contact now" answer as plain data, for the JSON endpoint and embedding."""

from beredskab.plans.opening import ContactNow
from beredskab.plans.schema import PlanDocument


def _t(text, language):
    if text is None:
        return None
    return text.get(language) or text["da"]


def contact_now_answer(plan: PlanDocument, now: ContactNow, language: str) -> dict:
    outside = plan.contact.outside_hours
    if now.is_open:
        contact = [
            {"kind": "phone", "label": _t(p.label, language), "number": p.number}
            for p in plan.contact.phones
        ]
    else:
        contact = [
            {
                "kind": "phone",
                "label": f"{_t(outside.service, language)} ({_t(outside.via, language)})",
                "number": outside.phone,
            }
        ]
    contact += [
        {
            "kind": "email",
            "label": _t(e.label, language),
            "address": e.address,
            "note": _t(plan.contact.mailbox_check, language),
        }
        for e in plan.contact.emails
    ]
    return {
        "municipality": _t(plan.municipality.name, language),
        "at": now.at.isoformat(),
        "open": now.is_open,
        "reason": now.reason,
        "closed_because": _t(now.closed_reason.name, language) if now.closed_reason else None,
        "closes_at": now.closes_at.isoformat() if now.closes_at else None,
        "next_opening": now.next_opening.isoformat() if now.next_opening else None,
        "contact_now": contact,
        "outside_hours": {
            "text": _t(outside.text, language),
            "service": _t(outside.service, language),
            "via": _t(outside.via, language),
            "phone": outside.phone,
            "always_open": outside.always_open,
        },
        "acute": [
            {"number": a.number, "label": _t(a.label, language), "emergency": a.emergency}
            for a in plan.contact.acute
        ],
    }
