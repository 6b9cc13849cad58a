"""Reads for one issue's pages: its signals, its export, the dismissal that closed it."""

from django.db.models import QuerySet

from gandan.accounts.scope import get_scoped_or_404
from gandan.audit.models import Event
from gandan.opinion.models import Issue, Signal


def issue_signals_page(issue: Issue) -> QuerySet[Signal]:
    """The issue's signals, newest first, as its page lists them."""
    return (
        Signal.objects.filter(issue=issue)
        .select_related("unit", "topic", "topic_set_by")
        .order_by("-at", "-pk")
    )


def issue_signals_export(issue: Issue) -> list[Signal]:
    """The issue's signals, oldest first, as its spreadsheet lists them."""
    return list(Signal.objects.filter(issue=issue).select_related("unit", "topic").order_by("at", "pk"))


def issue_dismissal(issue: Issue) -> Event | None:
    """The latest dismissal of the issue in the audit trail (who, when, the reason given)."""
    return (
        Event.objects.filter(
            action="opinion.issue_dismiss", object_type="opinion.issue", object_id=str(issue.pk)
        )
        .order_by("-at", "-pk")
        .first()
    )


def signal_get_for_user(user, pk) -> Signal:
    """One signal of the user's subtree (another commune's is a 404)."""
    return get_scoped_or_404(
        Signal.objects.select_related("issue", "unit"), user, path_field="unit_path", pk=pk
    )
