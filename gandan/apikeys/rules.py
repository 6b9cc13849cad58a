"""API keys as pure rules: the scopes a key may be given, what each lets it read, the key's shape, and the rate
as written in the settings ("600/min"). No Django."""

import hashlib
import re
import secrets
from dataclasses import dataclass

# The scopes, as data: a key holds some of them and is refused (403) wherever another is needed.
OPEN311 = "open311"  # file field reports through Open311 GeoReport v2
READ = "read"  # read the records of the key's unit subtree through the API
EXPORTS = "exports"  # the exports in the national shapes
SCOPES: tuple[str, ...] = (OPEN311, READ, EXPORTS)

# What a scope lets a key do on the JSON API, as the staff permissions it stands for (accounts.rules.Perm values):
# a key with "read" reads dossiers and petitions as an officer of its unit would, and never writes; a key with
# "exports" takes the national exports of its unit (gandan.exports).
SCOPE_PERMS: dict[str, frozenset[str]] = {
    OPEN311: frozenset(),
    READ: frozenset({"dossiers.view", "petitions.view"}),
    EXPORTS: frozenset({"exports.national"}),
}

NAME_MAX = 100
PREFIX_LENGTH = 8
KEY_START = "gd_"
# gd_<prefix>_<secret>: the prefix is shown in lists and finds the key; the secret (32 random bytes) is never stored.
_KEY_SHAPE = re.compile(r"^gd_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$")
_PREFIX_ALPHABET = (
    "abcdefghijkmnpqrstuvwxyz23456789"  # no l/1/o/0 to misread when someone reads a prefix aloud
)


def unknown_scopes(scopes: list[str]) -> list[str]:
    return [s for s in scopes if s not in SCOPES]


def perms_of(scopes: list[str]) -> frozenset[str]:
    found: set[str] = set()
    for scope in scopes:
        found |= SCOPE_PERMS.get(scope, frozenset())
    return frozenset(found)


def new_key() -> tuple[str, str]:
    """A fresh key and its prefix."""
    prefix = "".join(secrets.choice(_PREFIX_ALPHABET) for _ in range(PREFIX_LENGTH))
    return f"{KEY_START}{prefix}_{secrets.token_urlsafe(32)}", prefix


def key_prefix(key: str) -> str | None:
    """The prefix of a well-formed key, or None (nothing to look up)."""
    match = _KEY_SHAPE.match(key or "")
    return match.group(1) if match else None


def key_hash(key: str) -> str:
    """SHA-256 of the whole key. The secret holds 256 random bits: no dictionary or brute force can reverse the hash,
    so a slow password hash (which would cost every request tens of milliseconds) adds nothing (docs/apikeys.md)."""
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int


_UNITS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600, "hour": 3600}


def parse_rate(text: str) -> Rate:
    """ "600/min" → Rate(600, 60). Refuses anything else with ValueError (the settings fail at start, not later)."""
    count, _, unit = (text or "").strip().partition("/")
    if not count.strip().isdigit() or int(count) < 1 or unit.strip().lower() not in _UNITS:
        raise ValueError(f"a rate is written as 600/min, 10/s or 5000/hour, not {text!r}")
    return Rate(int(count), _UNITS[unit.strip().lower()])
