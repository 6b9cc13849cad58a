"""Counting attempts to slow down guessing and flooding, shared by every worker process (the table
portal.ThrottleHit). A key names what is counted: "lookup:ip:1.2.3.4", "lookup:code:HS-…", "login:user:…".

Lookups count only failures, so honest citizens are never slowed and a successful lookup costs no write;
submissions count what was sent."""

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db import connection
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.core.identifiers import clean_code, normalize_phone, phone_digits
from gandan.kit.clientip import client_ip
from gandan.portal.models import ThrottleHit
from gandan.sql import db_datetime, table


def client_key(request, scope: str) -> str:
    """The key counting this scope per client address (see kit.clientip for the trusted proxies)."""
    return f"{scope}:{client_ip(request)}"


def throttle_count(key: str, *, window: dt.timedelta) -> int:
    """One indexed count in plain SQL (a queryset's compilation would cost more than the count)."""
    since = db_datetime(timezone.now() - window)
    with connection.cursor() as cursor:
        cursor.execute(_COUNT_SQL, [key, since])
        (attempts,) = cursor.fetchone()
    return attempts


def throttle_blocked(key: str, *, limit: int, window: dt.timedelta) -> bool:
    """Asked before every attempt: true when `limit` hits for the key fall within the window."""
    return throttle_count(key, window=window) >= limit


def throttle_retry_at(key: str, *, limit: int, window: dt.timedelta) -> dt.datetime | None:
    """When the key may try again (the moment enough hits have left the window), None if it may now."""
    now = timezone.now()
    hits = list(
        ThrottleHit.objects.filter(key=key, at__gte=now - window).order_by("at").values_list("at", flat=True)
    )
    if len(hits) < limit:
        return None
    return hits[len(hits) - limit] + window


def throttle_recent(key: str, *, window: dt.timedelta) -> tuple[int, dt.datetime | None]:
    """How many hits the key has within the window, and when the last was (a backoff that grows with failures)."""
    row = ThrottleHit.objects.filter(key=key, at__gte=timezone.now() - window).aggregate(
        n=Count("id"), last=Max("at")
    )
    return row["n"], row["last"]


def throttle_wait_minutes(key: str, *, limit: int, window: dt.timedelta) -> int:
    """Whole minutes until the key may try again (at least 1 while blocked, 0 if it may now)."""
    retry_at = throttle_retry_at(key, limit=limit, window=window)
    if retry_at is None:
        return 0
    return max(1, -(-int((retry_at - timezone.now()).total_seconds()) // 60))


_COUNT_SQL = (
    f"SELECT COUNT(*) FROM {table(ThrottleHit)} "  # noqa: S608 - from the model
    "WHERE key = %s AND at >= %s"
)
# Two keys in one statement (a lookup asks for its address and its code on every request).
_COUNT_TWO_SQL = (
    "SELECT SUM(CASE WHEN key = %s AND at >= %s THEN 1 ELSE 0 END), "  # noqa: S608 - the table is the model's
    "SUM(CASE WHEN key = %s AND at >= %s THEN 1 ELSE 0 END) "
    f"FROM {table(ThrottleHit)} WHERE key IN (%s, %s) AND at >= %s"
)


def throttle_count_two(first: tuple[str, dt.timedelta], second: tuple[str, dt.timedelta]) -> tuple[int, int]:
    """The counts of two keys, each within its own window, in one indexed statement."""
    now = timezone.now()
    adapt = db_datetime
    since_first, since_second = adapt(now - first[1]), adapt(now - second[1])
    earliest = adapt(now - max(first[1], second[1]))
    with connection.cursor() as cursor:
        cursor.execute(
            _COUNT_TWO_SQL, [first[0], since_first, second[0], since_second, first[0], second[0], earliest]
        )
        a, b = cursor.fetchone()
    return a or 0, b or 0


# Hits are kept at least this long whatever the window of the key recording a new one (a lookup's 10 minutes must
# not forget a phone's submissions of the day).
KEEP = dt.timedelta(days=2)


SWEEP_EVERY = dt.timedelta(seconds=10)
_last_sweep: dict[str, dt.datetime] = {}


def throttle_fail(key: str, *, window: dt.timedelta) -> None:
    """Record one hit for the key; hits older than twice the longest window are forgotten on the way, by each
    process at most every SWEEP_EVERY (a delete on every hit was a second write transaction per API request)."""
    now = timezone.now()
    last = _last_sweep.get("at")
    if last is None or now - last >= SWEEP_EVERY or now < last:
        ThrottleHit.objects.filter(at__lt=now - max(2 * window, KEEP)).delete()
        _last_sweep["at"] = now
    ThrottleHit.objects.create(key=key, at=now)


def throttle_clear(key: str) -> int:
    """Forget every hit of the key (an officer unlocking a code, a successful login). Returns how many."""
    deleted, _ = ThrottleHit.objects.filter(key=key).delete()
    return deleted


# --- public lookups by code and the phone's last 4 digits -----------------------------------------------------------
# Failures are counted per address AND per code: 1,200 addresses guessing one code's 10,000 last-4 combinations are
# stopped after GANDAN_LOOKUP_CODE_FAILURES wrong tries on that code, whatever the address. The code's owner keeps a
# way in: the link or QR code on the receipt never goes through this lock, and a desk officer may clear it.


@dataclass(frozen=True)
class LookupLimits:
    per_address: int
    address_window: dt.timedelta
    per_code: int
    code_window: dt.timedelta


def lookup_limits() -> LookupLimits:
    return LookupLimits(
        per_address=settings.GANDAN_LOOKUP_FAILURES,
        address_window=dt.timedelta(seconds=settings.GANDAN_LOOKUP_WINDOW),
        per_code=settings.GANDAN_LOOKUP_CODE_FAILURES,
        code_window=dt.timedelta(seconds=settings.GANDAN_LOOKUP_CODE_WINDOW),
    )


def code_key(scope: str, code: str) -> str:
    # Bounded: the key is ours, not the code itself (a code longer than any real one never matches anyway).
    code = clean_code("".join(ch for ch in (code or "") if ch.isprintable()))[:100]
    return f"{scope}:code:{code}"


def code_locked(scope: str, code: str) -> bool:
    limits = lookup_limits()
    return throttle_blocked(code_key(scope, code), limit=limits.per_code, window=limits.code_window)


def lookup_refusal(request, scope: str, code: str) -> str | None:
    """Why this lookup is refused before it is tried (the message to show, in the page's language), or None."""
    limits = lookup_limits()
    address = client_key(request, scope)
    key = code_key(scope, code)
    by_address, by_code = throttle_count_two((address, limits.address_window), (key, limits.code_window))
    if by_address >= limits.per_address:
        minutes = throttle_wait_minutes(address, limit=limits.per_address, window=limits.address_window)
        return _(
            "Too many wrong attempts from this device. Please wait %(minutes)d minutes and try again."
        ) % {"minutes": minutes}
    if by_code >= limits.per_code:
        minutes = throttle_wait_minutes(key, limit=limits.per_code, window=limits.code_window)
        return _(
            "This code is locked for %(minutes)d minutes after too many wrong phone digits. If it is yours, open "
            "the link you were given (on the receipt, its QR code, or the page shown when you sent it), which always "
            "works, or contact the commune's People's Committee."
        ) % {"minutes": minutes}
    return None


def lookup_failed(request, scope: str, code: str) -> None:
    limits = lookup_limits()
    throttle_fail(client_key(request, scope), window=limits.address_window)
    throttle_fail(code_key(scope, code), window=limits.code_window)


# --- online submissions (dossiers, petitions) ------------------------------------------------------------------------
# What was sent is counted, per client address (GANDAN_SUBMITS_PER_ADDRESS in GANDAN_SUBMITS_ADDRESS_WINDOW seconds)
# and per phone number given (GANDAN_SUBMITS_PER_PHONE in GANDAN_SUBMITS_PHONE_WINDOW seconds). The address is asked
# before the request's body is even read; the phone as soon as the form's fields are, before any upload is checked.


@dataclass(frozen=True)
class SubmitLimits:
    per_address: int
    address_window: dt.timedelta
    per_phone: int
    phone_window: dt.timedelta


def submit_limits() -> SubmitLimits:
    return SubmitLimits(
        per_address=settings.GANDAN_SUBMITS_PER_ADDRESS,
        address_window=dt.timedelta(seconds=settings.GANDAN_SUBMITS_ADDRESS_WINDOW),
        per_phone=settings.GANDAN_SUBMITS_PER_PHONE,
        phone_window=dt.timedelta(seconds=settings.GANDAN_SUBMITS_PHONE_WINDOW),
    )


def phone_key(scope: str, phone: str) -> str | None:
    """The phone as counted: its digits, +84/84 written as 0 (so "+84 912 345 678" is "0912345678"); None if none."""
    digits = (normalize_phone(phone) or phone_digits(phone))[:20]
    if digits.startswith("84") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return f"{scope}:phone:{digits}" if len(digits) >= 6 else None


def _when(moment: dt.datetime) -> str:
    local = timezone.localtime(moment + dt.timedelta(seconds=59))  # never earlier than the real moment
    return local.strftime("%H:%M %d/%m/%Y")


def submit_refusal_by_address(request, scope: str) -> str | None:
    limits = submit_limits()
    key = client_key(request, f"{scope}_submit")
    retry_at = throttle_retry_at(key, limit=limits.per_address, window=limits.address_window)
    if retry_at is None:
        return None
    return _(
        "Too many submissions were sent from this connection. Please try again after %(when)s, or bring your "
        "papers to the commune's office."
    ) % {"when": _when(retry_at)}


def submit_refusal_by_phone(scope: str, phone: str) -> str | None:
    limits = submit_limits()
    key = phone_key(f"{scope}_submit", phone)
    if key is None:
        return None
    retry_at = throttle_retry_at(key, limit=limits.per_phone, window=limits.phone_window)
    if retry_at is None:
        return None
    return _(
        "Too many submissions were sent with this phone number. Please try again after %(when)s, or bring your "
        "papers to the commune's office."
    ) % {"when": _when(retry_at)}


def submit_counted(request, scope: str, phone: str) -> None:
    limits = submit_limits()
    throttle_fail(client_key(request, f"{scope}_submit"), window=limits.address_window)
    key = phone_key(f"{scope}_submit", phone)
    if key is not None:
        throttle_fail(key, window=limits.phone_window)


def submit_upload_refused(request, scope: str, form) -> None:
    """A refused file counts as a submission from its address: opening a hostile file costs the server seconds and
    memory, so sending one file after another must meet the same limit as sending petitions (a probe sent 12 in a
    row, none counted). A form refused for a typo costs nothing."""
    if any(name in form.errors for name, field in form.fields.items() if isinstance(field, forms.FileField)):
        throttle_fail(client_key(request, f"{scope}_submit"), window=submit_limits().address_window)


def refused(form, message: str):
    """An empty (unbound) form carrying the refusal as its error: nothing the client sent is read or checked."""
    from django.forms.utils import ErrorDict

    form._errors = ErrorDict()  # what an unbound form's full_clean leaves: no field validated
    form.cleaned_data = {}
    form.add_error(None, message)
    return form


def lookup_unlock(scope: str, code: str) -> int:
    """A desk officer clears a code's lock (the citizen called the desk): the code's failures are forgotten. The
    addresses' counts stay. Returns how many failures were cleared."""
    return throttle_clear(code_key(scope, code))
