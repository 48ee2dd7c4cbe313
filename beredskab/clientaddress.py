"""The address of the client behind the municipality's proxies, for rate limits, sign-in lockout
and the audit trail.

Without BEREDSKAB_TRUSTED_PROXIES the client is REMOTE_ADDR and X-Forwarded-For is ignored: anyone
can write that header. When REMOTE_ADDR is one of the trusted proxies, the client is the right-most
address in X-Forwarded-For that is not itself a trusted proxy: each proxy appends the address it
was connected from, so everything left of that was written by the client and proves nothing.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_networks(entries) -> tuple[Network, ...]:
    """Addresses and networks ("10.0.0.5", "10.0.0.0/24", "2001:db8::/32"); ValueError names a
    bad entry."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as exc:
            raise ValueError(f"{entry!r} is not an IP address or network") from exc
    return tuple(networks)


@lru_cache(maxsize=8)
def _trusted(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(entries)


def _address(text: str) -> Address | None:
    """An address as a proxy writes it: bare or with a port ("1.2.3.4:5678", "[2001:db8::1]:80")."""
    text = text.strip()
    if text.startswith("["):
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_trusted(address: Address | None, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def client_address(request) -> str:
    """The client's address as text ("" when unknown)."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _trusted(tuple(settings.BEREDSKAB_TRUSTED_PROXIES))
    if not networks or not _is_trusted(_address(remote), networks):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            # Our own proxy wrote something we cannot read: keep the proxy's address rather than
            # trust what stands to the left of it.
            return remote
        if not _is_trusted(address, networks):
            return str(address)
    # Every hop is one of our proxies (a request from inside): the first is the origin.
    first = _address(hops[0]) if hops else None
    return str(first) if first is not None else remote
