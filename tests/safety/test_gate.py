"""The one place that decides whether an outgoing communication may go: a table of cases.

`decide` is pure: each row is a communication, the facts known about the person it concerns, and
whether it may go (with a word the explanation must contain when it may not)."""

import pytest

from beredskab.outbox.gate import (
    Communication,
    Decision,
    Kind,
    Means,
    Protection,
    Recipient,
    decide,
    normalise_address,
)

HOME = "Testvej 1, 3450 Allerød"
SAFE_PHONE = "20 30 40 50"

# A child in an honour case that nobody has assessed yet.
CHILD = Protection(
    known=True, child=True, honour_suspected=True, family_addresses=frozenset({HOME})
)
CHILD_SAFE = Protection(**{**CHILD.__dict__, "family_contact": "safe"})
CHILD_NOT_SAFE = Protection(**{**CHILD.__dict__, "family_contact": "not_safe"})
CHILD_SAFE_BUT_FLAGGED = Protection(
    **{
        **CHILD_SAFE.__dict__,
        "no_family_contact": True,
        "no_family_contact_reason": "Trusler fra faderen",
    }
)
ADULT = Protection(
    known=True, child=False, honour_suspected=True, family_addresses=frozenset({HOME})
)
ADULT_SAFE = Protection(**{**ADULT.__dict__, "family_contact": "safe"})
NOT_HONOUR_CHILD = Protection(known=True, child=True, honour_suspected=False)
PROTECTED = Protection(**{**ADULT_SAFE.__dict__, "protected_address": True})
SELF_REFERRAL = Protection(
    **{
        **ADULT.__dict__,
        "self_referral": True,
        "safe_means": "sms",
        "safe_address": SAFE_PHONE,
        "safe_times": "hverdage 15-17",
        "no_home_calls": True,
    }
)
SELF_REFERRAL_NO_WAY = Protection(**{**ADULT.__dict__, "self_referral": True})
UNKNOWN = Protection()


def to(recipient, means=Means.LETTER, kind=Kind.LETTER, address="", **more):
    return Communication(kind=kind, recipient=recipient, means=means, address=address, **more)


FAMILY_LETTER = to(Recipient.FAMILY, address=HOME)
FAMILY_INVITATION = to(Recipient.FAMILY, Means.EMAIL, Kind.MEETING_INVITATION, "far@example.dk")
FAMILY_HEARING = to(Recipient.FAMILY, Means.LETTER, Kind.HEARING, HOME)
FAMILY_REFERRAL_COPY = to(Recipient.FAMILY, Means.EMAIL, Kind.REFERRAL_COPY, "mor@example.dk")

TABLE = [
    # (id, communication, facts, may go, a word in the explanation)
    (
        "letter to parents, child honour case, not assessed",
        FAMILY_LETTER,
        CHILD,
        False,
        "§ 18, stk. 3",
    ),
    ("invitation to parents, not assessed", FAMILY_INVITATION, CHILD, False, "§ 18, stk. 3"),
    ("hearing of parents, not assessed", FAMILY_HEARING, CHILD, False, "§ 18, stk. 3"),
    ("referral copy to parents, not assessed", FAMILY_REFERRAL_COPY, CHILD, False, "§ 18, stk. 3"),
    (
        "letter to parents, assessed not safe",
        FAMILY_LETTER,
        CHILD_NOT_SAFE,
        False,
        "ikke må inddrages",
    ),
    ("letter to parents, assessed safe", FAMILY_LETTER, CHILD_SAFE, True, ""),
    ("invitation to parents, assessed safe", FAMILY_INVITATION, CHILD_SAFE, True, ""),
    (
        "assessed safe but flagged",
        FAMILY_INVITATION,
        CHILD_SAFE_BUT_FLAGGED,
        False,
        "Trusler fra faderen",
    ),
    ("family of an adult, not assessed", FAMILY_LETTER, ADULT, False, "risikovurdering"),
    ("family of an adult, assessed safe", FAMILY_LETTER, ADULT_SAFE, True, ""),
    (
        "family, child without honour suspicion, not assessed",
        FAMILY_LETTER,
        NOT_HONOUR_CHILD,
        False,
        "risikovurdering",
    ),
    ("family, case unknown to the gate", FAMILY_LETTER, UNKNOWN, False, "ukendt"),
    (
        "letter to the family, protected address",
        FAMILY_LETTER,
        PROTECTED,
        False,
        "beskyttet adresse",
    ),
    (
        "letter to the person, protected address",
        to(Recipient.PERSON, address=HOME),
        PROTECTED,
        False,
        "beskyttet adresse",
    ),
    (
        "letter to a partner at the protected home",
        to(Recipient.PARTNER, address=HOME),
        PROTECTED,
        True,
        "",
    ),
    (
        "person, no safe way recorded",
        to(Recipient.PERSON, Means.SMS, Kind.EMAIL, SAFE_PHONE),
        ADULT,
        False,
        "sikker kontaktvej",
    ),
    (
        "person, the safe way",
        to(Recipient.PERSON, Means.SMS, Kind.EMAIL, "+45 20304050"),
        SELF_REFERRAL,
        True,
        "",
    ),
    (
        "person, another number",
        to(Recipient.PERSON, Means.SMS, Kind.EMAIL, "11 11 11 11"),
        SELF_REFERRAL,
        False,
        "sikre kontaktvej",
    ),
    (
        "person, e-mail when the safe way is sms",
        to(Recipient.PERSON, Means.EMAIL, Kind.EMAIL, "a@example.dk"),
        SELF_REFERRAL,
        False,
        "sikre kontaktvej",
    ),
    (
        "person, letter to the family's home",
        to(Recipient.PERSON, address=HOME),
        SELF_REFERRAL,
        False,
        "familiens",
    ),
    (
        "person, call to the home",
        to(Recipient.PERSON, Means.PHONE, Kind.CALL, HOME),
        SELF_REFERRAL,
        False,
        "Ring ikke til hjemmet",
    ),
    (
        "self-referral receipt not asked for",
        to(Recipient.PERSON, Means.SMS, Kind.RECEIPT, SAFE_PHONE),
        SELF_REFERRAL,
        False,
        "ikke bedt om",
    ),
    (
        "self-referral receipt asked for, safe way",
        to(Recipient.PERSON, Means.SMS, Kind.RECEIPT, SAFE_PHONE, asked_for=True),
        SELF_REFERRAL,
        True,
        "",
    ),
    (
        "self-referral receipt asked for, no safe way",
        to(Recipient.PERSON, Means.EMAIL, Kind.RECEIPT, "a@example.dk", asked_for=True),
        SELF_REFERRAL_NO_WAY,
        False,
        "sikker kontaktvej",
    ),
    (
        "citizen receipt not asked for",
        to(Recipient.CITIZEN_NOTIFIER, Means.EMAIL, Kind.RECEIPT, "nabo@example.dk"),
        ADULT,
        False,
        "ikke bedt om",
    ),
    (
        "citizen receipt asked for",
        to(
            Recipient.CITIZEN_NOTIFIER, Means.EMAIL, Kind.RECEIPT, "nabo@example.dk", asked_for=True
        ),
        ADULT,
        True,
        "",
    ),
    (
        "citizen receipt to the family's home",
        to(Recipient.CITIZEN_NOTIFIER, Means.LETTER, Kind.RECEIPT, HOME, asked_for=True),
        ADULT,
        False,
        "familiens",
    ),
    (
        "citizen gets no § 133 feedback",
        to(
            Recipient.CITIZEN_NOTIFIER,
            Means.EMAIL,
            Kind.FEEDBACK,
            "nabo@example.dk",
            asked_for=True,
        ),
        ADULT,
        False,
        "fagpersoner",
    ),
    (
        "professional's receipt",
        to(Recipient.PROFESSIONAL_NOTIFIER, Means.EMAIL, Kind.RECEIPT, "laerer@skole.example"),
        CHILD,
        True,
        "",
    ),
    (
        "professional's receipt, case unknown",
        to(Recipient.PROFESSIONAL_NOTIFIER, Means.EMAIL, Kind.RECEIPT, "laerer@skole.example"),
        UNKNOWN,
        True,
        "",
    ),
    (
        "professional's feedback",
        to(Recipient.PROFESSIONAL_NOTIFIER, Means.EMAIL, Kind.FEEDBACK, "laerer@skole.example"),
        CHILD,
        True,
        "",
    ),
    (
        "professional's feedback to the family's home",
        to(Recipient.PROFESSIONAL_NOTIFIER, Means.LETTER, Kind.FEEDBACK, HOME.upper()),
        CHILD,
        False,
        "familiens",
    ),
    (
        "staff notice",
        to(Recipient.STAFF, Means.EMAIL, Kind.NOTICE, "leder@kommune.example"),
        CHILD,
        True,
        "",
    ),
]


@pytest.mark.parametrize(
    ("communication", "facts", "allowed", "word"),
    [row[1:] for row in TABLE],
    ids=[row[0] for row in TABLE],
)
def test_the_gate_decides(communication, facts, allowed, word):
    decision = decide(communication, facts)

    assert isinstance(decision, Decision)
    assert decision.allowed is allowed
    if allowed:
        assert decision.reasons == ()
    else:
        assert decision.reasons, "a refusal always says why"
        assert word.casefold() in " ".join(decision.reasons).casefold()


def test_a_refusal_to_reach_the_person_names_the_safe_way():
    decision = decide(to(Recipient.PERSON, Means.EMAIL, Kind.EMAIL, "a@example.dk"), SELF_REFERRAL)

    advice = " ".join(decision.advice)
    assert SAFE_PHONE in advice
    assert "hverdage 15-17" in advice
    assert "Ring ikke til hjemmet" in advice


def test_merged_facts_keep_every_protection():
    case = Protection(known=True, family_contact="safe", safe_means="sms", safe_address=SAFE_PHONE)
    person = Protection(known=True, family_contact="not_safe", protected_address=True)

    merged = case.merged(person)

    assert merged.family_contact == "not_safe"
    assert merged.protected_address
    assert merged.safe_means == "sms"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("+45 20 30 40 50", "20304050"),
        ("20-30-40-50", "20 30 40 50"),
        ("A@Example.dk", "a@example.dk"),
    ],
)
def test_addresses_compare_without_spacing_and_prefix(a, b):
    assert normalise_address(a) == normalise_address(b)
