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
    """The same record always gets the same link (no timestamp in it): a slip printed twice carries one QR code."""
    return signing.Signer(salt=salt).sign_object([code, secret])


def read_token(token: str, *, salt: str) -> tuple[str, str] | None:
    """(code, secret) of a well-signed token of the current format, else None (tampered, or an old code-only one)."""
    try:
        value = signing.Signer(salt=salt).unsign_object(token)
    except (
        signing.BadSignature,
        ValueError,
    ):  # ValueError: a well-signed value that is not an encoded object
        return None
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) and v for v in value)):
        return None
    return value[0], value[1]


def secret_matches(stored: str, given: str) -> bool:
    return bool(stored) and hmac.compare_digest(stored.encode(), given.encode())
