"""The dialogues' figures on the leaders' dashboard, as conditions: each figure is one `Q` used both to count it
(gandan/dialogues/dashboard_figures.py, grouped by commune and month) and to list the records behind it (the lists'
hidden `indicator` and `period` filters), so that a drill-down opens exactly the records counted.

- held: dialogues that took place (held or closed) with their start in the month;
- due: commitments falling due in the month, up to today (one not yet due is not yet judged), cancelled ones not
  counted;
- on_time: of those, the ones done on or before their due day;
- overdue: commitments not cancelled, past their due day and not done at the month's end (today for this month)."""

import datetime as dt

from django.db.models import F, Q
from django.utils import timezone

from gandan.core.democracy.commitments import CommitmentState
from gandan.dialogues.models import Dialogue

HELD = (Dialogue.Status.HELD, Dialogue.Status.CLOSED)
UNFINISHED = (CommitmentState.OPEN.value, CommitmentState.IN_PROGRESS.value)
DIALOGUE_INDICATORS = ("held",)
COMMITMENT_INDICATORS = ("due", "on_time", "overdue")


def next_month(month: dt.date) -> dt.date:
    """The first day of the month after `month`'s."""
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def month_moment(month: dt.date, today: dt.date) -> dt.date:
    """The day a month's "at the month's end" figures are measured on: its last day, or today while it runs."""
    return min(next_month(month) - dt.timedelta(days=1), today)


def local_bounds(first: dt.date, stop: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The local days first..stop (exclusive) as two moments: an index range on a date-time column."""
    zone = timezone.get_current_timezone()
    return (
        dt.datetime.combine(first, dt.time.min, tzinfo=zone),
        dt.datetime.combine(stop, dt.time.min, tzinfo=zone),
    )


def held_q(first: dt.date, stop: dt.date) -> Q:
    begin, end = local_bounds(first, stop)
    return Q(status__in=HELD, starts_at__gte=begin, starts_at__lt=end)


def due_q(first: dt.date, stop: dt.date, today: dt.date) -> Q:
    return ~Q(state=CommitmentState.CANCELLED.value) & Q(due__gte=first, due__lt=stop, due__lte=today)


ON_TIME_Q = Q(state=CommitmentState.DONE.value, done_on__lte=F("due"))


def overdue_at_q(moment: dt.date) -> Q:
    """Past its due day and not done on `moment`: still unfinished, or done only after it."""
    return Q(due__lt=moment) & (
        Q(state__in=UNFINISHED) | Q(state=CommitmentState.DONE.value, done_on__gt=moment)
    )


def dialogue_indicator_q(name: str, month: dt.date) -> Q:
    if name != "held":
        raise ValueError(name)
    return held_q(month, next_month(month))


def commitment_indicator_q(name: str, month: dt.date, *, today: dt.date) -> Q:
    if name == "overdue":
        return overdue_at_q(month_moment(month, today))
    due = due_q(month, next_month(month), today)
    if name == "due":
        return due
    if name == "on_time":
        return due & ON_TIME_Q
    raise ValueError(name)
