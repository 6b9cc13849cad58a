"""Working-day arithmetic for Vietnamese administrative deadlines.

Deadlines for administrative procedures are expressed in *working days* of
the civil-service calendar, while complaint and denunciation periods are
expressed in *calendar days* whose last day is pushed to the next working day
(Civil Code Art. 147-148). Both depend on a calendar that changes every year by
government decision (holidays, compensatory days, swapped days off and make-up
Saturdays), so this module treats the calendar as data handed in by the caller.

The module is deliberately pure: it never reads the clock, settings or a
database, and imports nothing from Django. "Today", "now" and the holiday sets
are always arguments, which keeps every result reproducible and lets the same
code run in views, background tasks, reports and tests.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

__all__ = [
    "DEFAULT_CUTOFF",
    "MAX_SEARCH_DAYS",
    "DueStatus",
    "WorkCalendar",
    "add_working_days",
    "due_after_calendar_days",
    "due_after_working_days",
    "due_status",
    "effective_receipt_day",
    "working_days_between",
]

DEFAULT_CUTOFF = time(15, 0)

# Two years is far longer than any real run of consecutive days off, so failing
# to find a working day within it means the calendar itself is broken (e.g. every
# weekday declared a weekend) and looping on would never terminate.
MAX_SEARCH_DAYS = 366 * 2

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """The set of working days of one administration, as plain data.

    Holidays and swaps are decided by the government year by year, so they are
    supplied by the caller instead of being computed here.

    Attributes:
        days_off: Public holidays, compensatory days and swapped days off.
        working_days: Make-up working days, normally weekend dates that were
            swapped with a day off.
        weekend: Weekly rest days as ``date.weekday()`` numbers (Mon=0).
    """

    days_off: frozenset[date] = frozenset()
    working_days: frozenset[date] = frozenset()
    weekend: frozenset[int] = frozenset({5, 6})

    def __post_init__(self) -> None:
        # Callers often build these from lists or sets; freezing them keeps the
        # calendar hashable and safe to share between requests.
        object.__setattr__(self, "days_off", frozenset(self.days_off))
        object.__setattr__(self, "working_days", frozenset(self.working_days))
        object.__setattr__(self, "weekend", frozenset(self.weekend))
        invalid = sorted(d for d in self.weekend if not 0 <= d <= 6)
        if invalid:
            raise ValueError(f"weekend days must be weekday numbers 0-6, got {invalid}")

    def is_working_day(self, day: date) -> bool:
        """Tell whether offices are open on ``day``.

        A declared make-up working day wins over the weekly rest day, and a
        declared day off wins over an ordinary weekday. If a date appears in
        both ``working_days`` and ``days_off`` it is treated as a working day:
        a make-up declaration is the later, more specific official act (it is
        issued to cancel a rest day), so it takes precedence.
        """
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        return day.weekday() not in self.weekend

    def next_working_day(self, day: date, *, include_self: bool = False) -> date:
        """Return the first working day after ``day`` (or ``day`` itself).

        ``include_self=True`` answers "when is this due if it falls on a day
        off?", while the default answers "which working day comes next?".

        Raises:
            ValueError: if no working day exists within ``MAX_SEARCH_DAYS``.
        """
        return self._scan(day, step=_ONE_DAY, include_self=include_self)

    def previous_working_day(self, day: date, *, include_self: bool = False) -> date:
        """Return the last working day before ``day`` (or ``day`` itself).

        Useful for reminders that must go out on the working day preceding a
        date that may itself be a day off.

        Raises:
            ValueError: if no working day exists within ``MAX_SEARCH_DAYS``.
        """
        return self._scan(day, step=-_ONE_DAY, include_self=include_self)

    def _scan(self, day: date, *, step: timedelta, include_self: bool) -> date:
        candidate = day if include_self else day + step
        for _ in range(MAX_SEARCH_DAYS):
            if self.is_working_day(candidate):
                return candidate
            candidate += step
        raise ValueError(
            f"no working day within {MAX_SEARCH_DAYS} days of {day.isoformat()}; "
            "check the calendar's weekend and days off"
        )


class DueStatus(StrEnum):
    """How urgent a deadline is, as shown to officers and citizens."""

    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"


def effective_receipt_day(
    received_at: datetime,
    *,
    calendar: WorkCalendar,
    cutoff: time = DEFAULT_CUTOFF,
) -> date:
    """Return the working day a dossier is legally considered received.

    A dossier handed in after the afternoon cut-off, or on a day the office is
    closed, cannot be processed that day, so the rules treat it as received on
    the next working day. A receipt exactly at the cut-off is still on time.

    ``received_at`` must already be local wall-clock time (Asia/Ho_Chi_Minh);
    only its own ``date()`` and ``time()`` are used, whether naive or aware,
    because the cut-off is a local office hour, not an instant.

    Raises:
        ValueError: if ``cutoff`` carries a tzinfo (it is a wall-clock hour).
    """
    if cutoff.tzinfo is not None:
        raise ValueError("cutoff must be a naive wall-clock time")
    day = received_at.date()
    after_cutoff = received_at.time() > cutoff
    if after_cutoff or not calendar.is_working_day(day):
        return calendar.next_working_day(day)
    return day


def add_working_days(start: date, days: int, *, calendar: WorkCalendar) -> date:
    """Return the date that is ``days`` working days after ``start``.

    Procedure time limits start running the day after receipt, so ``start``
    itself never counts; ``days=0`` means "same day" and returns ``start``
    unchanged.

    Raises:
        ValueError: if ``days`` is negative, or the calendar has no working day
            within ``MAX_SEARCH_DAYS``.
    """
    if days < 0:
        raise ValueError(f"days must be >= 0, got {days}")
    current = start
    for _ in range(days):
        current = calendar.next_working_day(current)
    return current


def due_after_working_days(
    received_at: datetime,
    days: int,
    *,
    calendar: WorkCalendar,
    cutoff: time = DEFAULT_CUTOFF,
) -> date:
    """Return the due date of a procedure with a limit of ``days`` working days.

    Combines the cut-off/day-off shift of the receipt with the working-day
    count, which is how the one-stop-shop receipt slip computes its
    "appointment to return results" date.

    Raises:
        ValueError: see ``effective_receipt_day`` and ``add_working_days``.
    """
    start = effective_receipt_day(received_at, calendar=calendar, cutoff=cutoff)
    return add_working_days(start, days, calendar=calendar)


def due_after_calendar_days(event_day: date, days: int, *, calendar: WorkCalendar) -> date:
    """Return the last day of a period of ``days`` calendar days.

    Under Civil Code Art. 147-148 day 1 is the day after the event, so the
    period ends on ``event_day + days``; when that day is not a working day
    the period runs until the end of the next working day, so nobody loses
    their right because the office was closed.

    Raises:
        ValueError: if ``days`` is negative, or the calendar has no working day
            within ``MAX_SEARCH_DAYS``.
    """
    if days < 0:
        raise ValueError(f"days must be >= 0, got {days}")
    last_day = event_day + timedelta(days=days)
    return calendar.next_working_day(last_day, include_self=True)


def working_days_between(start: date, end: date, *, calendar: WorkCalendar) -> int:
    """Count working days ``d`` with ``start < d <= end``.

    This is the inverse of ``add_working_days`` and is what "N working days
    left" displays need. The result is negated when ``end`` is before
    ``start``, so that ``working_days_between(a, b) == -working_days_between(b, a)``
    and elapsed versus remaining time share one function.
    """
    if end < start:
        return -working_days_between(end, start, calendar=calendar)
    count = 0
    current = start + _ONE_DAY
    while current <= end:
        if calendar.is_working_day(current):
            count += 1
        current += _ONE_DAY
    return count


def due_status(
    due: date,
    *,
    today: date,
    calendar: WorkCalendar,
    soon_working_days: int = 2,
) -> DueStatus:
    """Classify a deadline relative to ``today``.

    "Soon" is measured in working days rather than calendar days so that a
    deadline right after a long holiday is flagged before the holiday starts,
    when officers can still act on it.

    Raises:
        ValueError: if ``soon_working_days`` is negative.
    """
    if soon_working_days < 0:
        raise ValueError(f"soon_working_days must be >= 0, got {soon_working_days}")
    if today > due:
        return DueStatus.OVERDUE
    if today == due:
        return DueStatus.DUE_TODAY
    if working_days_between(today, due, calendar=calendar) <= soon_working_days:
        return DueStatus.DUE_SOON
    return DueStatus.ON_TRACK
