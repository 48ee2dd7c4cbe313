"""The one place that decides whether an outgoing communication may go.

Every path that sends, prints or hands out something meant for someone outside the staff (a
receipt, a letter, an e-mail, a meeting invitation or its .ics, a hearing, a referral that copies
the family, feedback to a notifier) describes it as a `Communication` and asks `check()`. The
answer is a `Decision`: may it go, and if not, why, in words the caseworker can act on.

`decide()` is a pure function of the communication and the `Protection` facts known about the
person concerned. The facts come from the apps above (the case's and the person's protective
flags, the latest risk assessment's judgement whether parents or network may be involved), which
register a provider with `provide_facts` in their AppConfig.ready(): the outbox imports none of
them. With no provider registered (or no case), nothing is known, and nothing meant for the family
or the person at risk may go: the gate fails closed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Recipient(StrEnum):
    """Who a communication would reach."""

    PERSON = "person"  # the person at risk
    FAMILY = "family"  # parents, network, the family's address
    PROFESSIONAL_NOTIFIER = "professional_notifier"
    CITIZEN_NOTIFIER = "citizen_notifier"  # a citizen who notified about someone else
    PARTNER = "partner"  # a cooperating authority or organisation (copies nothing to the family)
    STAFF = "staff"


class Means(StrEnum):
    EMAIL = "email"
    LETTER = "letter"
    PHONE = "phone"
    SMS = "sms"
    IN_PERSON = "in_person"


class Kind(StrEnum):
    RECEIPT = "receipt"
    LETTER = "letter"
    EMAIL = "email"
    MEETING_INVITATION = "meeting_invitation"  # the invitation and its .ics
    HEARING = "hearing"  # partshøring
    REFERRAL_COPY = "referral_copy"  # a copy of a referral sent to the family
    FEEDBACK = "feedback"  # Barnets Lov § 133: whether support or an investigation started
    CALL = "call"
    NOTICE = "notice"  # a staff notice without personal data


FAMILY_CONTACT_SAFE = "safe"
FAMILY_CONTACT_NOT_SAFE = "not_safe"


@dataclass(frozen=True)
class Communication:
    """What is about to go out. `address` is the e-mail address, postal address or number it
    would go to; `case_id` names the case it belongs to, when there is one."""

    kind: Kind
    recipient: Recipient
    means: Means
    address: str = ""
    case_id: int | None = None
    # The citizen who wrote about someone else, or about themselves, asked for a receipt.
    asked_for: bool = False


@dataclass(frozen=True)
class Protection:
    """What is known about the person a communication concerns. The defaults are the facts of a
    case nobody has told the gate anything about."""

    known: bool = False  # False: no provider knew the case; everything to the family is refused
    child: bool = False
    honour_suspected: bool = True
    # The latest risk assessment's judgement: "safe", "not_safe" or "" (none recorded).
    family_contact: str = ""
    no_family_contact: bool = False
    no_family_contact_reason: str = ""
    protected_address: bool = False
    # The person's (and the family's) own addresses and numbers: nothing for the person goes there
    # unless it is the safe way, and nothing at all goes there while family contact is not safe.
    family_addresses: frozenset[str] = field(default_factory=frozenset)
    safe_means: str = ""  # a Means value, or "" when no safe way is recorded
    safe_address: str = ""
    safe_times: str = ""
    no_home_calls: bool = False
    self_referral: bool = False  # the person wrote about themselves (a henvendelse)

    def merged(self, other: Protection) -> Protection:
        """Both sets of facts at once: every flag that protects in either one holds."""
        return replace(
            self,
            known=self.known or other.known,
            child=self.child or other.child,
            honour_suspected=self.honour_suspected or other.honour_suspected,
            family_contact=(
                FAMILY_CONTACT_NOT_SAFE
                if FAMILY_CONTACT_NOT_SAFE in (self.family_contact, other.family_contact)
                else self.family_contact or other.family_contact
            ),
            no_family_contact=self.no_family_contact or other.no_family_contact,
            no_family_contact_reason=self.no_family_contact_reason
            or other.no_family_contact_reason,
            protected_address=self.protected_address or other.protected_address,
            family_addresses=self.family_addresses | other.family_addresses,
            safe_means=self.safe_means or other.safe_means,
            safe_address=self.safe_address or other.safe_address,
            safe_times=self.safe_times or other.safe_times,
            no_home_calls=self.no_home_calls or other.no_home_calls,
            self_referral=self.self_referral or other.self_referral,
        )


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reasons: tuple[str, ...] = ()
    # Shown beside a permission: how the person wants to be reached ("ring kun 15-17").
    advice: tuple[str, ...] = ()


class Blocked(Exception):
    """Raised by `require` when a communication may not go; carries the decision."""

    def __init__(self, decision: Decision):
        super().__init__(" ".join(str(r) for r in decision.reasons))
        self.decision = decision


def normalise_address(value: str) -> str:
    """Addresses and numbers compared without case, spaces, dots and dashes (and a +45 prefix)."""
    folded = "".join(ch for ch in value.casefold() if ch.isalnum() or ch == "@")
    if folded.startswith("45") and folded[2:].isdigit() and len(folded) == 10:
        folded = folded[2:]
    return folded


def _same(a: str, b: str) -> bool:
    return bool(a) and bool(b) and normalise_address(a) == normalise_address(b)


def _at_family_address(communication: Communication, protection: Protection) -> bool:
    target = normalise_address(communication.address)
    return bool(target) and any(
        target == normalise_address(known) for known in protection.family_addresses
    )


def _family_contact_refusal(protection: Protection) -> str | None:
    """Why parents or network may not be involved now, or None when they may."""
    if protection.no_family_contact:
        reason = protection.no_family_contact_reason
        return (
            str(_("Forældre/netværk må ikke kontaktes: %(reason)s")) % {"reason": reason}
            if reason
            else str(_("Forældre/netværk må ikke kontaktes (beskyttelsesmarkering på sagen)."))
        )
    if protection.family_contact == FAMILY_CONTACT_SAFE:
        return None
    if protection.family_contact == FAMILY_CONTACT_NOT_SAFE:
        return str(
            _(
                "Den seneste risikovurdering siger, at forældre/netværk ikke må inddrages. "
                "Intet må gå til familien."
            )
        )
    if protection.child and protection.honour_suspected:
        return str(
            _(
                "Der er mistanke om en æresrelateret konflikt: forældre og netværk må ikke "
                "inddrages, før en risikovurdering siger, at det er sikkert (Barnets Lov § 18, "
                "stk. 3). Registrér risikovurderingen med svaret “Forældre/netværk kan "
                "inddrages” først."
            )
        )
    return str(
        _(
            "Intet må gå til familien, før en registreret risikovurdering siger, at "
            "forældre/netværk kan inddrages."
        )
    )


def _safe_way_advice(protection: Protection) -> tuple[str, ...]:
    advice = []
    if protection.safe_means:
        line = str(_("Sikker kontaktvej: %(means)s %(address)s")) % {
            "means": MEANS_LABELS.get(protection.safe_means, protection.safe_means),
            "address": protection.safe_address,
        }
        advice.append(line.strip())
    if protection.safe_times:
        advice.append(
            str(_("Kun på disse tidspunkter: %(times)s")) % {"times": protection.safe_times}
        )
    if protection.no_home_calls:
        advice.append(str(_("Ring ikke til hjemmet.")))
    return tuple(advice)


MEANS_LABELS: dict[str, str | Promise] = {
    Means.EMAIL: _("e-mail"),
    Means.LETTER: _("brev"),
    Means.PHONE: _("telefon"),
    Means.SMS: _("sms"),
    Means.IN_PERSON: _("personligt møde"),
}


def decide(communication: Communication, protection: Protection) -> Decision:
    """May `communication` go, given what is known about the person it concerns?"""
    c, p = communication, protection
    reasons: list[str] = []

    if c.recipient == Recipient.STAFF:
        return Decision(True)

    # Letters never go to a protected address or to the family's address, whoever they are for.
    protected_letter = (
        c.means == Means.LETTER
        and p.protected_address
        and c.recipient != Recipient.PARTNER
        and (c.recipient in (Recipient.PERSON, Recipient.FAMILY) or _at_family_address(c, p))
    )
    if protected_letter:
        reasons.append(
            str(
                _(
                    "Personen har beskyttet adresse: breve sendes ikke til personens eller "
                    "familiens adresse."
                )
            )
        )
    # Nothing goes to the family's own address while the family may not be involved.
    to_family_home = bool(p.known and _at_family_address(c, p) and _family_contact_refusal(p))

    if c.recipient == Recipient.FAMILY:
        refusal = (
            _family_contact_refusal(p)
            if p.known
            else str(_("Sagen er ukendt for kontrollen: intet sendes til familien."))
        )
        if refusal:
            reasons.append(refusal)
    elif c.recipient == Recipient.PERSON:
        reasons.extend(_person_refusals(c, p))
    elif c.recipient == Recipient.CITIZEN_NOTIFIER:
        if c.kind == Kind.FEEDBACK:
            reasons.append(
                str(_("Kun fagpersoner får besked om, hvad underretningen har ført til (§ 133)."))
            )
        elif not c.asked_for:
            reasons.append(
                str(_("Borgeren har ikke bedt om en kvittering: der sendes ikke noget automatisk."))
            )
    # Receipts and feedback to professionals are what the law requires, and a partner is told
    # what they need; no notifier or partner may be a way round to the family's own address.
    if c.recipient != Recipient.PERSON and c.recipient != Recipient.FAMILY and to_family_home:
        reasons.append(str(_("Adressen er familiens eller personens egen: intet sendes dertil.")))

    if reasons:
        return Decision(False, tuple(dict.fromkeys(reasons)), _safe_way_advice(p))
    return Decision(True, (), _safe_way_advice(p) if c.recipient == Recipient.PERSON else ())


def _person_refusals(c: Communication, p: Protection) -> list[str]:
    """The person at risk is reached only the safe way they (or the caseworker) recorded."""
    reasons = []
    if c.kind == Kind.RECEIPT and p.self_referral and not c.asked_for:
        reasons.append(
            str(
                _(
                    "Personen har skrevet om sig selv og ikke bedt om en kvittering: der sendes "
                    "ikke noget automatisk."
                )
            )
        )
    if not p.safe_means:
        reasons.append(
            str(
                _(
                    "Der er ikke registreret en sikker kontaktvej til personen. Spørg, hvordan "
                    "personen trygt kan kontaktes, og registrér det først."
                )
            )
        )
        return reasons
    if c.means != p.safe_means or (p.safe_address and not _same(c.address, p.safe_address)):
        reasons.append(
            str(_("Personen må kun kontaktes ad den sikre kontaktvej: %(way)s."))
            % {
                "way": " ".join(
                    part
                    for part in (
                        str(MEANS_LABELS.get(p.safe_means, p.safe_means)),
                        p.safe_address,
                    )
                    if part
                )
            }
        )
    if (
        c.means in (Means.PHONE, Means.SMS)
        and p.no_home_calls
        and _at_family_address(c, p)
        and not _same(c.address, p.safe_address)
    ):
        reasons.append(str(_("Ring ikke til hjemmet.")))
    if _at_family_address(c, p) and not _same(c.address, p.safe_address):
        reasons.append(str(_("Adressen er familiens: det, der sendes dertil, kan nå familien.")))
    return reasons


# -- The registry ----------------------------------------------------------------------------

FactProvider = Callable[[Communication], Protection | None]
_PROVIDERS: list[FactProvider] = []


def provide_facts(provider: FactProvider) -> None:
    """Register `provider(communication) -> Protection | None`; all providers' facts are merged."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def facts_for(communication: Communication) -> Protection:
    facts = Protection()
    for provider in _PROVIDERS:
        found = provider(communication)
        if found is not None:
            facts = facts.merged(found) if facts.known else found
    return facts


def check(communication: Communication) -> Decision:
    """The decision for `communication`, with the facts the registered apps know."""
    return decide(communication, facts_for(communication))


def require(communication: Communication) -> Decision:
    """The decision, or `Blocked` when the communication may not go."""
    decision = check(communication)
    if not decision.allowed:
        raise Blocked(decision)
    return decision
