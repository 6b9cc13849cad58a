"""The links printed on receipts and slips (lookup, rating): a signed token carrying the record's code AND a random
secret stored with the record (`lookup_secret`). Knowing a sequential code, or even the SECRET_KEY, is never enough
to open a record: the secret is only ever printed on the citizen's own receipt."""

import hmac
import secrets

from django.core import signing


def new_lookup_secret() -> str:
    """The random part of a record's links (the model field's default, so every way of creating a record has one)."""
    return secrets.token_urlsafe(16)


def make_token(code: str, secret: str, *, salt: str) -> str:
    return signing.dumps([code, secret], salt=salt, compress=False)


def read_token(token: str, *, salt: str) -> tuple[str, str] | None:
    """(code, secret) of a well-signed token of the current format, else None (tampered, or an old code-only one)."""
    try:
        value = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) and v for v in value)):
        return None
    return value[0], value[1]


def secret_matches(stored: str, given: str) -> bool:
    return bool(stored) and hmac.compare_digest(stored.encode(), given.encode())
