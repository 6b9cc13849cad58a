"""Slowing down guessing on public lookups: only failures are counted, so honest citizens are never slowed and a
successful lookup costs no write. Kept in the database so every worker process shares the count."""

import datetime as dt

from django.db import connection
from django.utils import timezone

from gandan.portal.models import ThrottleHit
from gandan.sql import table


def client_key(request, scope: str) -> str:
    return f"{scope}:{request.META.get('REMOTE_ADDR', '?')}"


def throttle_blocked(key: str, *, limit: int, window: dt.timedelta) -> bool:
    """Asked before every public lookup: one indexed count in plain SQL (a queryset's compilation would cost more
    than the count)."""
    since = connection.ops.adapt_datetimefield_value(timezone.now() - window)
    with connection.cursor() as cursor:
        cursor.execute(_COUNT_SQL, [key, since])
        (attempts,) = cursor.fetchone()
    return attempts >= limit


_COUNT_SQL = (
    f"SELECT COUNT(*) FROM {table(ThrottleHit)} "  # noqa: S608 - from the model
    "WHERE key = %s AND at >= %s"
)


def throttle_fail(key: str, *, window: dt.timedelta) -> None:
    now = timezone.now()
    ThrottleHit.objects.filter(at__lt=now - 2 * window).delete()
    ThrottleHit.objects.create(key=key, at=now)
