"""Slowing down password guessing without handing an attacker a way to lock an officer out.

Wrong passwords are counted per account (the username typed, whether or not it exists, so the answer never says
which accounts exist) across every address, and per client address across accounts (password spraying). After
GANDAN_LOGIN_FREE_FAILURES wrong passwords in GANDAN_LOGIN_FAILURE_WINDOW seconds, the account accepts one try per
2^k seconds (k = failures beyond the free ones; at most GANDAN_LOGIN_MAX_DELAY) from browsers it does not know; a
try made too early is refused without checking the password ("Thử lại sau N giây") and is not counted.

A browser that has signed in to the account holds a signed device cookie (OWASP "device cookies") and is never
delayed by the account's or the address's count: the attacker slows down, the officer at their own desk does not.
Wrong passwords from that browser count against the cookie itself; after the free number it is trusted no more."""

import datetime as dt
import math
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils import timezone

from gandan.kit.clientip import client_ip
from gandan.kit.throttle import throttle_clear, throttle_fail, throttle_recent

COOKIE = "gandan_device"
_SALT = "gandan.accounts.device"
_MAX_ACCOUNTS = 5  # accounts one browser may be trusted for (a shared desk computer)


def username_key(username: str) -> str:
    return (username or "").strip().lower()[:150]


@dataclass(frozen=True)
class Device:
    nonce: str
    usernames: tuple[str, ...]


def read_device(request) -> Device | None:
    value = request.COOKIES.get(COOKIE)
    if not value:
        return None
    try:
        data = signing.loads(value, salt=_SALT, max_age=settings.GANDAN_LOGIN_DEVICE_DAYS * 86400)
    except signing.BadSignature:
        return None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("n"), str)
        or not isinstance(data.get("u"), list)
    ):
        return None
    return Device(nonce=data["n"], usernames=tuple(u for u in data["u"] if isinstance(u, str)))


def remember_device(request, response, username: str) -> None:
    """After a successful login: this browser is known for this account (the cookie is signed, HttpOnly)."""
    device = read_device(request)
    nonce = device.nonce if device else secrets.token_urlsafe(16)
    names = [u for u in (device.usernames if device else ()) if u != username_key(username)]
    names = [username_key(username), *names][:_MAX_ACCOUNTS]
    response.set_cookie(
        COOKIE,
        signing.dumps({"n": nonce, "u": names}, salt=_SALT, compress=True),
        max_age=settings.GANDAN_LOGIN_DEVICE_DAYS * 86400,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,  # as the session's: `make run` serves plain HTTP on loopback
        samesite="Lax",
    )


def _keys(request, username: str) -> tuple[str, str, str | None]:
    user = f"login:user:{username_key(username)}"
    address = f"login:ip:{client_ip(request)}"
    device = read_device(request)
    device_key = (
        f"login:device:{device.nonce}:{username_key(username)}"
        if device is not None and username_key(username) in device.usernames
        else None
    )
    return user, address, device_key


def _window() -> dt.timedelta:
    return dt.timedelta(seconds=settings.GANDAN_LOGIN_FAILURE_WINDOW)


def _wait(key: str, free: int) -> int:
    """Seconds before the key may try again (0: now)."""
    now = timezone.now()
    failures, last = throttle_recent(key, window=_window())
    if failures < free or last is None:
        return 0
    delay = min(2 ** min(failures - free, 30), settings.GANDAN_LOGIN_MAX_DELAY)
    remaining = (last + dt.timedelta(seconds=delay) - now).total_seconds()
    return max(0, math.ceil(remaining))


def login_wait(request, username: str) -> int:
    """Seconds this browser must wait before trying a password for `username` (0: it may try now)."""
    user, address, device_key = _keys(request, username)
    free = settings.GANDAN_LOGIN_FREE_FAILURES
    if device_key is not None and _wait(device_key, free) == 0:
        return 0  # the officer's own browser, not itself guessing
    return max(_wait(user, free), _wait(address, settings.GANDAN_LOGIN_FREE_FAILURES_PER_ADDRESS))


def login_failed(request, username: str) -> None:
    user, address, device_key = _keys(request, username)
    window = _window()
    for key in (user, address, device_key):
        if key is not None:
            throttle_fail(key, window=window)


def login_succeeded(request, username: str) -> None:
    user, _address, device_key = _keys(request, username)
    throttle_clear(user)
    if device_key is not None:
        throttle_clear(device_key)
