"""Writing what the engine raised: issues' and topics' alerts, and the signals counted by topic and day (the
importer's half of processing, :mod:`.processing`)."""

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db import connection

from gandan.opinion.models import Alert, AlertEvent, AlertStatus, TopicDay
from gandan.opinion.services.bulk import rows_upsert
from gandan.units.models import Unit


def save_alerts(
    raised: list[tuple[int, str | None, str, int, list[dict[str, Any]], dt.datetime]],
    *,
    ids: Callable[[int], int],
    topic_ids: dict[str, int],
    unit_of: Callable[[str], Unit],
) -> None:
    """Raise each issue's alert, or raise its level (`ids`: an engine key's row id); one digest asked for."""
    if not raised:
        return
    open_alerts = {
        a.issue_id: a
        for a in Alert.objects.filter(issue_id__in={ids(r[0]) for r in raised}).exclude(
            status=AlertStatus.CLOSED
        )
    }
    for key, topic, commune, level, reasons, at in raised:
        issue_id = ids(key)
        alert = open_alerts.get(issue_id)
        if alert is None:
            alert = Alert.objects.create(
                issue_id=issue_id,
                topic_id=topic_ids.get(topic) if topic else None,
                unit=unit_of(commune),
                unit_path=commune,
                level=level,
                raised_at=at,
                reasons=reasons,
            )
            open_alerts[issue_id] = alert
            AlertEvent.objects.create(alert=alert, at=at, action="raised", note=str(level))
        else:
            _raise_level(alert, level, reasons, at)
    _digest()


def _digest() -> None:
    from gandan.opinion.services.digest import digest_request

    digest_request()


def save_theme_alerts(
    themes: list[tuple[str, str, int, list[dict[str, Any]], dt.datetime]],
    *,
    topic_ids: dict[str, int],
    unit_of: Callable[[str], Unit],
) -> None:
    """Raise each topic's alert in a commune (many matters at once), or raise its level."""
    for topic, commune, level, reasons, at in themes:
        topic_id = topic_ids[topic]
        alert = (
            Alert.objects.filter(issue__isnull=True, topic_id=topic_id, unit_path=commune)
            .exclude(status=AlertStatus.CLOSED)
            .first()
        )
        if alert is None:
            alert = Alert.objects.create(
                topic_id=topic_id,
                unit=unit_of(commune),
                unit_path=commune,
                level=level,
                raised_at=at,
                reasons=reasons,
            )
            AlertEvent.objects.create(alert=alert, at=at, action="raised", note=str(level))
        else:
            _raise_level(alert, level, reasons, at)
    if themes:
        _digest()


def save_topic_days(topic_days: Counter[tuple[str, str, dt.date]], topic_ids: dict[str, int]) -> None:
    """Add each topic's signals of a day in a commune to the stored counts (by topic code; an unknown code is
    skipped)."""
    counts: Counter[tuple[int, str, dt.date]] = Counter()
    for (topic, commune, day), count in topic_days.items():
        topic_id = topic_ids.get(topic)
        if topic_id:
            counts[(topic_id, commune, day)] += count
    if not counts:
        return
    # Added to the stored day (another chunk, or the live worker, may have counted it already).
    day_value = connection.ops.adapt_datefield_value
    rows_upsert(
        TopicDay,
        ["topic", "unit_path", "day"],
        ["count"],
        ((t, u, day_value(d), n) for (t, u, d), n in sorted(counts.items())),
        add=True,
    )


def _raise_level(alert: Alert, level: int, reasons: list[dict[str, Any]], at: dt.datetime) -> None:
    """An open alert rises to `level` when that is higher, to be told again in the next digest."""
    if level > alert.level:
        alert.level, alert.reasons, alert.notified_at = level, reasons, None
        alert.save(update_fields=["level", "reasons", "notified_at", "updated_at"])
        AlertEvent.objects.create(alert=alert, at=at, action="level", note=str(level))
