"""What the alert pages and the home read, always inside the viewer's unit subtree: the alerts (open first, the
most serious first), one alert with its history and links, the officer's own alerts and their deadlines."""

import datetime as dt

from django.db.models import Case, IntegerField, QuerySet, Value, When

from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.opinion.models import Alert, AlertEvent, AlertLevel, AlertLink, AlertStatus, Issue, IssueStatus

OPEN = [AlertStatus.RAISED, AlertStatus.ACKNOWLEDGED, AlertStatus.ASSIGNED]


def alerts_for_user(user) -> QuerySet[Alert]:
    return scoped(
        Alert.objects.select_related("unit", "issue", "topic", "assignee"), user, path_field="unit_path"
    )


def alerts_ordered(rows: QuerySet[Alert]) -> QuerySet[Alert]:
    """Open alerts first, then the most serious, then the newest."""
    closed_last = Case(
        When(status=AlertStatus.CLOSED, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    return rows.annotate(closed_last=closed_last).order_by("closed_last", "-level", "-raised_at", "-pk")


def alerts_filtered(
    user,
    *,
    status: str = "",
    level: int | None = None,
    paths: list[str] | None = None,
    mine: bool = False,
) -> QuerySet[Alert]:
    rows = alerts_for_user(user)
    if status == "open":
        rows = rows.filter(status__in=OPEN)
    elif status:
        rows = rows.filter(status=status)
    if level:
        rows = rows.filter(level=level)
    if paths is not None:
        rows = rows.filter(unit_path__in=paths)
    if mine:
        rows = rows.filter(assignee=user)
    return alerts_ordered(rows)


def alert_counts(user) -> dict[str, int]:
    rows = alerts_for_user(user)
    return {
        "open": rows.filter(status__in=OPEN).count(),
        "mine": rows.filter(status__in=OPEN, assignee=user).count(),
    }


def alert_get_for_user(user, pk) -> Alert:
    return get_scoped_or_404(
        Alert.objects.select_related("unit", "issue", "topic", "assignee"),
        user,
        path_field="unit_path",
        pk=pk,
    )


def alert_history(alert: Alert) -> list[AlertEvent]:
    """The alert's events, oldest first, each with `shown_note`: its note, or for a change of level the level's name
    ("Cảnh báo", not "2": the note keeps the number)."""
    events = list(alert.events.select_related("by").order_by("at", "pk"))
    for event in events:
        note = event.note
        if event.action == "level" and note.isdigit() and int(note) in AlertLevel.values:
            note = str(AlertLevel(int(note)).label)
        event.shown_note = note
    return events


def alert_links(alert: Alert) -> QuerySet[AlertLink]:
    return alert.links.order_by("pk")


def alert_deadlines(*, today: dt.date) -> list[tuple[int, int | None, dt.date | None, str]]:
    """(alert id, assignee id, deadline, unit path) of every assigned alert due today or tomorrow (the inbox's
    reminders)."""
    return list(
        Alert.objects.filter(
            status=AlertStatus.ASSIGNED,
            assignee__isnull=False,
            due__gte=today,
            due__lte=today + dt.timedelta(days=1),
        ).values_list("pk", "assignee_id", "due", "unit_path")
    )


def home_figures(user, *, rows: int) -> dict:
    """What the home shows, in few queries (the scope's paths read once): the first `rows` rising issues and their
    number, the open alerts' number, the officer's assigned alerts (first `rows`) and their number."""
    from gandan.accounts.scope import scope_path, subtree_paths

    path = scope_path(user)
    if path is None:
        return {"rising": [], "rising_count": 0, "open": 0, "mine": [], "mine_count": 0}
    paths = subtree_paths(path)
    alerts = Alert.objects.filter(unit_path__in=paths, status__in=OPEN)
    issues = (
        Issue.objects.select_related("unit")
        .filter(
            unit_path__in=paths,
            status=IssueStatus.OPEN,
            pk__in=alerts.filter(issue__isnull=False).values("issue_id"),
        )
        .order_by("-alert_level", "-alert_raised_at", "-last_seen", "-pk")
    )
    rising = list(issues[:rows])
    mine = list(
        alerts.filter(assignee=user, status=AlertStatus.ASSIGNED)
        .select_related("unit", "issue")
        .order_by("due", "-level", "pk")[: rows + 1]
    )
    return {
        "rising": rising,
        "rising_count": len(rising) if len(rising) < rows else issues.count(),
        "open": alerts.count(),
        "mine": mine[:rows],
        "mine_count": len(mine)
        if len(mine) <= rows
        else alerts.filter(assignee=user, status=AlertStatus.ASSIGNED).count(),
    }


def report_figures(*, paths: list[str], start: dt.date, end: dt.date) -> dict[str, int]:
    """Public opinion in the period for the units at `paths`, whoever asks (the periodic mass-mobilisation report):
    the alerts raised from `start` to `end` by level, the issues they concern, the new matters people raised, and
    the alerts closed in the period."""
    from django.db.models import Count, Q
    from django.utils import timezone

    tz = timezone.get_current_timezone()
    begin = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    stop = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    raised = Alert.objects.filter(unit_path__in=paths, raised_at__gte=begin, raised_at__lt=stop).aggregate(
        n=Count("id"),
        issues=Count("issue", distinct=True),
        **{f"level_{level}": Count("id", filter=Q(level=level)) for level in (1, 2, 3)},
    )
    closed = Alert.objects.filter(
        unit_path__in=paths, closed_at__gte=begin, closed_at__lt=stop, status=AlertStatus.CLOSED
    ).count()
    new_issues = (
        Issue.objects.filter(unit_path__in=paths, first_seen__gte=begin, first_seen__lt=stop)
        .exclude(status__in=[IssueStatus.MERGED, IssueStatus.DISMISSED])
        .count()
    )
    return {**raised, "closed": closed, "new_issues": new_issues}
