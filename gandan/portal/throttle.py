"""Slowing down guessing on public lookups: only failures are counted, so honest citizens are never slowed and a
successful lookup costs no write. Kept in the database so every worker process shares the count."""

import datetime as dt

from django.utils import timezone

from gandan.portal.models import ThrottleHit


def client_key(request, scope: str) -> str:
    return f"{scope}:{request.META.get('REMOTE_ADDR', '?')}"


def throttle_blocked(key: str, *, limit: int, window: dt.timedelta) -> bool:
    return ThrottleHit.objects.filter(key=key, at__gte=timezone.now() - window).count() >= limit


def throttle_fail(key: str, *, window: dt.timedelta) -> None:
    now = timezone.now()
    ThrottleHit.objects.filter(at__lt=now - 2 * window).delete()
    ThrottleHit.objects.create(key=key, at=now)
