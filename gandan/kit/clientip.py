"""The client's address, the one every throttle and the login count use.

REMOTE_ADDR, unless REMOTE_ADDR is one of GANDAN_TRUSTED_PROXIES (comma-separated addresses or networks, empty by
default): then the right-most X-Forwarded-For entry that is not itself a trusted proxy. A header sent by anyone else
is ignored, so nobody picks the address they are counted under."""

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"GANDAN_TRUSTED_PROXIES: “{entry}” không phải địa chỉ IP hay dải mạng (CIDR) / is not an IP "
                "address or network"
            ) from None
    return tuple(networks)


def _parse(value: str):
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address.version == n.version and address in n for n in networks)


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR") or ""
    entries = settings.GANDAN_TRUSTED_PROXIES
    if isinstance(entries, str):  # a test or a local settings file may give the environment's form
        entries = [e for e in entries.split(",") if e.strip()]
    networks = _networks(tuple(entries))
    address = _parse(remote)
    if not networks or not _trusted(address, networks):
        return str(address) if address is not None else (remote or "?")
    hop = address
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        parsed = _parse(entry)
        if parsed is None:
            break  # not an address: what came before it cannot be trusted either; count the last proxy
        hop = parsed
        if not _trusted(parsed, networks):
            break
    return str(hop)
