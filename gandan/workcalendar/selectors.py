"""The calendar as the rules need it: a `WorkCalendar` value built from the database."""

import datetime as dt
import time
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, QuerySet

from gandan.core.workdays import (
    WorkCalendar,
    add_working_days,
    due_after_calendar_days,
    effective_receipt_day,
)
from gandan.workcalendar.models import CalendarDay, DayKind

_cache: dict[str, object] = {"token": None, "calendar": None, "checked": 0.0}
# How long a worker trusts its copy before asking the database whether the calendar changed. An official's
# correction reaches the worker that made it at once (calendar_forget) and every other worker within this time.
RECHECK_SECONDS = 2.0


def calendar_forget() -> None:
    _cache["token"] = None


def work_calendar() -> WorkCalendar:
    """The current calendar, rebuilt only when the table changed: a cheap aggregate query at most every
    RECHECK_SECONDS, so deadlines cost no query on most requests."""
    now = time.monotonic()
    if _cache["token"] is not None and now - _cache["checked"] < RECHECK_SECONDS:  # type: ignore[operator]
        return _cache["calendar"]  # type: ignore[return-value]
    token = CalendarDay.objects.aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
    key = f"{token['n']}:{token['top']}:{token['last']}"
    if _cache["token"] != key:
        rows = list(CalendarDay.objects.values_list("day", "kind"))
        _cache["calendar"] = WorkCalendar(
            days_off=frozenset(d for d, k in rows if k == DayKind.DAY_OFF),
            working_days=frozenset(d for d, k in rows if k == DayKind.WORKING_DAY),
        )
        _cache["token"] = key
    _cache["checked"] = now
    return _cache["calendar"]  # type: ignore[return-value]


def receipt_cutoff() -> dt.time:
    hours, minutes = settings.GANDAN_RECEIPT_CUTOFF.split(":")
    return dt.time(int(hours), int(minutes))


def calendar_days(*, year: int | None = None, kind: str = "") -> QuerySet[CalendarDay]:
    """The calendar is national: every staff user may read it."""
    rows = CalendarDay.objects.select_related("created_by")
    if year:
        rows = rows.filter(day__year=year)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("day")


def calendar_years() -> list[int]:
    return sorted({d.year for d in CalendarDay.objects.dates("day", "year")})


@dataclass(frozen=True)
class DueResult:
    rule: str  # "working_days" | "days"
    number: int
    received_at: dt.datetime  # local wall-clock time
    counted_from: dt.date  # the effective receipt day (working days) or the event day (calendar days)
    due: dt.date
    cutoff: dt.time
    days_off_skipped: list[dt.date]


def compute_due(received_at: dt.datetime, *, rule: str, number: int) -> DueResult:
    """The due date under the calendar in force now. `received_at` is local (Asia/Ho_Chi_Minh) wall-clock time."""
    calendar = work_calendar()
    cutoff = receipt_cutoff()
    if rule == "working_days":
        start = effective_receipt_day(received_at, calendar=calendar, cutoff=cutoff)
        due = add_working_days(start, number, calendar=calendar)
    else:
        start = received_at.date()
        due = due_after_calendar_days(start, number, calendar=calendar)
    # Holidays and swapped days off on weekdays: the days a citizen would not guess by looking at the weekdays.
    between = (start + dt.timedelta(days=i) for i in range(1, (due - start).days + 1))
    skipped = [d for d in between if d.weekday() < 5 and not calendar.is_working_day(d)]
    return DueResult(rule, number, received_at, start, due, cutoff, skipped)
