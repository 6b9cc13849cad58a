"""The key a request presents, checked: for the ninja API (`ApiKeyAuth(scope)`, beside the session) and for plain
Django views (`key_for_request(request, scope)`, e.g. Open311's). The key is read from `X-Api-Key` or
`Authorization: Bearer <key>`; a refusal is a `KeyRefused` with its HTTP status (401, 403, 429), a stable code and a
Vietnamese message saying what to do (gandan/api.py answers it as every API error)."""

import datetime as dt
import hmac
import math

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.security import APIKeyHeader

from gandan.accounts.scope import Reader
from gandan.apikeys import rules
from gandan.apikeys.models import ApiKey, ApiKeyUse
from gandan.apikeys.selectors import apikey_by_prefix
from gandan.apikeys.services import apikey_use_record
from gandan.kit.clientip import client_ip
from gandan.kit.throttle import throttle_blocked, throttle_fail, throttle_retry_at

HEADER = "X-Api-Key"


class KeyRefused(Exception):
    def __init__(self, status: int, code: str, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.retry_after = retry_after


def presented_key(request) -> str:
    """The key the request carries ("" when none): X-Api-Key, else an Authorization: Bearer header."""
    key = request.headers.get(HEADER, "").strip()
    if not key:
        kind, _sep, value = request.headers.get("Authorization", "").strip().partition(" ")
        if kind.lower() == "bearer":
            key = value.strip()
    return key[:200]


def _rate() -> rules.Rate:
    return rules.parse_rate(settings.GANDAN_APIKEY_RATE)


def _use(request, key: ApiKey, scope: str, outcome: str) -> None:
    apikey_use_record(
        key=key,
        method=request.method or "",
        path=request.path,
        address=client_ip(request),
        scope=scope,
        outcome=outcome,
    )


def key_for_request(request, scope: str) -> ApiKey:
    """The request's key, allowed `scope` and within its rate, its use recorded; else KeyRefused."""
    presented = presented_key(request)
    if not presented:
        raise KeyRefused(
            401, "api_key_missing", _("Send your API key in the X-Api-Key header (or Authorization: Bearer).")
        )
    prefix = rules.key_prefix(presented)
    key = apikey_by_prefix(prefix) if prefix else None
    if key is None or not hmac.compare_digest(key.secret_hash, rules.key_hash(presented)):
        raise KeyRefused(
            401, "api_key_unknown", _("This API key is not known: check that it was copied whole.")
        )
    rate = _rate()
    counted, window = f"apikey:{key.prefix}", dt.timedelta(seconds=rate.seconds)
    if throttle_blocked(counted, limit=rate.limit, window=window):
        # Not recorded one by one: a client flooding past its rate would write as fast as it sends. Checked before
        # the key's own refusals, which are recorded: a job still sending a revoked key in a loop writes at most
        # the key's rate of rows, then is answered 429 without a write.
        retry_at = throttle_retry_at(counted, limit=rate.limit, window=window)
        wait = max(1, math.ceil((retry_at - timezone.now()).total_seconds())) if retry_at else 1
        raise KeyRefused(
            429,
            "api_key_rate",
            _(
                "Too many requests with this API key: at most %(limit)d in %(seconds)d seconds. Retry in %(wait)d seconds."
            )
            % {"limit": rate.limit, "seconds": rate.seconds, "wait": wait},
            retry_after=wait,
        )
    throttle_fail(counted, window=window)  # every request that presents the key counts, refused or not
    if key.revoked_at is not None:
        _use(request, key, scope, ApiKeyUse.Outcome.REVOKED)
        raise KeyRefused(
            401, "api_key_revoked", _("This API key was revoked: ask the administrator for a new one.")
        )
    if key.expires_at is not None and key.expires_at <= timezone.now():
        _use(request, key, scope, ApiKeyUse.Outcome.EXPIRED)
        raise KeyRefused(
            401, "api_key_expired", _("This API key has expired: ask the administrator for a new one.")
        )
    if scope not in key.scopes:
        _use(request, key, scope, ApiKeyUse.Outcome.SCOPE)
        raise KeyRefused(
            403,
            "api_key_scope",
            _("This API key may not do this: it lacks the scope “%(scope)s”. Ask the administrator.")
            % {"scope": scope},
        )
    _use(request, key, scope, ApiKeyUse.Outcome.OK)
    return key


def reader_for(key: ApiKey) -> Reader:
    """What the selectors see for a key: its unit's subtree (or everything), the permissions of its scopes."""
    return Reader(unit=key.unit, perms=rules.perms_of(key.scopes), label=f"API key {key.prefix}")


class ApiKeyAuth(APIKeyHeader):
    """`auth=[django_auth, ApiKeyAuth("read")]`: a request without a key goes on to 401 "log in"; a key is checked
    (KeyRefused otherwise), and the request then reads as the key: `request.api_key` is the key, `request.user` its
    Reader (so the endpoint's selectors scope to the key's unit subtree, unchanged)."""

    param_name = HEADER

    def __init__(self, scope: str) -> None:
        if scope not in rules.SCOPES:
            raise ValueError(f"unknown scope {scope!r}")
        self.scope = scope
        super().__init__()

    def __call__(self, request):
        presented = presented_key(request)
        return self.authenticate(request, presented) if presented else None

    def authenticate(self, request, key):
        found = key_for_request(request, self.scope)
        request.api_key = found
        request.user = reader_for(found)
        return request.user
