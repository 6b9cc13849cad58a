"""The issues as `gandan opinion issues --json` prints them (the contract an external evaluation reads).

Three queries whatever the number of issues: the issues with their commune and topic, the external ids of their
signals in one pass ordered by issue, and the names of every place they name."""

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from gandan.opinion.models import AlertLevel, Issue, IssueStatus, Signal
from gandan.units.models import Unit

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
SOURCE_KIND_INGEST = "ingest"


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in Vietnam time, with its +07:00 offset."""
    return moment.astimezone(VIETNAM).isoformat() if moment else None


def alert_name(level: int) -> str:
    if not level:
        return "none"
    try:
        return AlertLevel(level).name.lower()
    except ValueError:
        return "urgent" if level > AlertLevel.URGENT else "watch"


def issues_listed(*, since: date | None = None) -> QuerySet[Issue]:
    """Issues not merged into another, oldest first; `since`: last seen on or after that day (Vietnam time)."""
    issues = Issue.objects.exclude(status=IssueStatus.MERGED)
    if since is not None:
        issues = issues.filter(last_seen__gte=datetime.combine(since, time.min, tzinfo=VIETNAM))
    return issues.select_related("unit", "topic").order_by("first_seen", "pk")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def issues_export(*, since: date | None = None) -> list[dict[str, Any]]:
    issues = list(issues_listed(since=since))
    signals: dict[int, list[str]] = {issue.pk: [] for issue in issues}
    rows = (
        Signal.objects.filter(issue__in=issues_listed(since=since).values("pk"))
        .order_by("issue_id", "at", "pk")
        .values_list("issue_id", "source_kind", "source_id")
    )
    for issue_id, kind, source_id in rows.iterator(chunk_size=5000):
        signals[issue_id].append(source_id if kind == SOURCE_KIND_INGEST else f"{kind}:{source_id}")
    unit_ids = {int(key) for issue in issues for key in (issue.places or {})}
    names = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name")) if unit_ids else {}
    listed = []
    for issue in issues:
        commune = issue.unit
        places = sorted((issue.places or {}).items(), key=lambda item: (-int(item[1]), int(item[0])))
        place_names = []
        for key, _count in places:
            name = names.get(int(key))
            if name is None:
                continue
            place_names.append(name if int(key) == commune.pk else f"{name}, {_lower_first(commune.name)}")
        listed.append(
            {
                "id": issue.pk,
                "title": issue.title,
                "topic": issue.topic.code if issue.topic else None,
                "status": issue.status,
                "commune": commune.name,
                "signals": signals[issue.pk],
                "signal_count": len(signals[issue.pk]),
                "people": issue.people_count,
                "places": place_names,
                "first_seen": iso(issue.first_seen),
                "last_seen": iso(issue.last_seen),
                "alert_level": alert_name(issue.alert_level),
                "alert_raised_at": iso(issue.alert_raised_at),
            }
        )
    return listed
