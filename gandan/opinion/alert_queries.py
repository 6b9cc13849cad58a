"""What the alert pages and the home read, always inside the viewer's unit subtree: the alerts (open first, the
most serious first), one alert with its history and links, the officer's own alerts and their deadlines."""

import datetime as dt

from django.db.models import Case, IntegerField, QuerySet, Value, When

from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.opinion.models import Alert, AlertEvent, AlertLink, AlertStatus, Issue, IssueStatus

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


def alert_history(alert: Alert) -> QuerySet[AlertEvent]:
    return alert.events.select_related("by").order_by("at", "pk")


def alert_links(alert: Alert) -> QuerySet[AlertLink]:
    return alert.links.order_by("pk")


def alerts_assigned_to(user) -> QuerySet[Alert]:
    """The open alerts the officer answers for, the earliest deadline first."""
    return (
        alerts_for_user(user)
        .filter(assignee=user, status=AlertStatus.ASSIGNED)
        .order_by("due", "-level", "pk")
    )


def issues_with_open_alert(user) -> QuerySet[Issue]:
    """The open issues of the user's units that have an open alert, the highest level and newest first."""
    open_alert_issues = Alert.objects.filter(status__in=OPEN, issue__isnull=False).values("issue_id")
    return (
        scoped(Issue.objects.select_related("unit"), user, path_field="unit_path")
        .filter(status=IssueStatus.OPEN, pk__in=open_alert_issues)
        .order_by("-alert_level", "-alert_raised_at", "-last_seen", "-pk")
    )


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
