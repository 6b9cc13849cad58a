"""Statutory clocks: deadline arithmetic with suspensions and extensions (see __init__)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from gandan.core.petition_clocks.rules import (
    ClockRule,
    DayUnit,
    SuspensionMode,
    denunciation_extensions_allowed,
    rule_in_force,
)
from gandan.core.petition_clocks.table import DEFAULT_RULES
from gandan.core.workdays import WorkCalendar, add_working_days, due_after_calendar_days, working_days_between

# --- deadline arithmetic ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Suspension:
    """A period in which a clock is stopped.

    Attributes:
        start: Day of the suspension decision (Form 14a), or the first day of an objective obstacle.
        end: Day of the resume decision (Form 14b); ``None`` while the case is still suspended.
    """

    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(
                f"a suspension cannot end ({self.end.isoformat()}) before it starts ({self.start.isoformat()})"
            )

    @property
    def is_open(self) -> bool:
        return self.end is None


def deadline(
    start: date,
    days: int,
    unit: DayUnit,
    *,
    calendar: WorkCalendar,
    suspensions: Sequence[Suspension] = (),
    mode: SuspensionMode = SuspensionMode.PAUSE,
) -> date | None:
    """Return the last day of a time limit of ``days`` ``unit`` triggered on ``start``.

    Without suspensions the clock starts the day after ``start``: working units end on the ``days``-th
    working day after it; calendar units end on ``start + days``, rolled to the next working day if that is a
    day off. A result of zero days is ``start`` itself, or the next working day if ``start`` is a day off, so
    the deadline is always a day the office is open.

    Suspensions are applied in date order. For each one that starts on or before the deadline as it stands:

    * ``PAUSE``: the time used up to the suspension day is kept: calendar days ``suspension.start - anchor``,
      working days ``working_days_between(anchor, suspension.start)``, where the anchor is ``start`` or the
      previous resume day. The suspension day itself therefore counts as used, the resume day does not, and
      the rest runs from the day after the resume day. For calendar units this moves the deadline later by
      exactly ``end - start`` days of each suspension (before the roll-forward).
    * ``RESTART``: the whole ``days`` run again from the day after the resume day.

    A suspension that starts after the deadline as it stands has passed changes nothing: the limit had
    already run out (the case was late), and a later decision cannot cure that. The same holds for every
    later suspension.

    Returns:
        The deadline, or ``None`` while a suspension that stopped the clock is still open: there is no date
        to promise until the case resumes.

    Raises:
        ValueError: if ``days`` is negative, a suspension starts before ``start``, suspensions overlap, or an
            open suspension is followed by another one.
    """
    if days < 0:
        raise ValueError(f"days must be >= 0, got {days}")
    ordered = _checked_suspensions(start, suspensions)
    anchor, remaining = start, days
    due = _run(anchor, remaining, unit, calendar)
    for suspension in ordered:
        if suspension.start > due:
            break
        if suspension.end is None:
            return None
        if mode is SuspensionMode.PAUSE:
            # Clamped at zero: a suspension on a day the deadline was rolled onto (the nominal last day was a
            # day off) has used all the time; the case is then due on the resume day.
            remaining = max(0, remaining - _elapsed(anchor, suspension.start, unit, calendar))
        else:
            remaining = days
        anchor = suspension.end
        due = _run(anchor, remaining, unit, calendar)
    return due


def extend(
    current: date,
    days: int,
    unit: DayUnit,
    *,
    calendar: WorkCalendar,
    suspensions: Sequence[Suspension] = (),
    mode: SuspensionMode = SuspensionMode.PAUSE,
) -> date | None:
    """Return the deadline after an extension of ``days`` counted from the current deadline ``current``.

    Used for the 30-day extensions of a denunciation (Law on Denunciation Art. 30(1)). Counting starts the day
    after ``current`` as it stands, i.e. after any roll-forward [U: the alternative reading counts from the
    nominal last day; confirm with the inspectorate]. Suspensions that started on or before ``current`` were
    already accounted for in it and are ignored; later ones apply to the extension as in ``deadline``.
    """
    later = [suspension for suspension in suspensions if suspension.start > current]
    return deadline(current, days, unit, calendar=calendar, suspensions=later, mode=mode)


def rule_deadline(
    rule: ClockRule,
    start: date,
    *,
    calendar: WorkCalendar,
    suspensions: Sequence[Suspension] = (),
) -> date | None:
    """Return the deadline of ``rule`` triggered on ``start``, with the suspension regime of that version."""
    return deadline(
        start, rule.days, rule.unit, calendar=calendar, suspensions=suspensions, mode=rule.suspension
    )


def denunciation_deadline(
    accepted_on: date,
    *,
    extensions: int,
    criteria_count: int,
    calendar: WorkCalendar,
    rules: Iterable[ClockRule] = DEFAULT_RULES,
    suspensions: Sequence[Suspension] = (),
) -> date | None:
    """Return the resolution deadline of a denunciation accepted on ``accepted_on`` after ``extensions``.

    The rule versions in force on the acceptance day apply. Each extension counts from the deadline before
    it, so the limits are 30, then about 60 and about 90 days (Law on Denunciation Art. 30(1)).

    Raises:
        ValueError: if more extensions are asked than the complexity of the case allows
            (``denunciation_extensions_allowed``), or ``extensions`` is negative.
    """
    allowed = denunciation_extensions_allowed(criteria_count)
    if not 0 <= extensions <= allowed:
        raise ValueError(
            f"a denunciation meeting {criteria_count} complexity criteria may be extended at most "
            f"{allowed} time(s), got {extensions}"
        )
    rules = tuple(rules)
    resolve = rule_in_force(rules, "denunciation.resolve", accepted_on)
    due = rule_deadline(resolve, accepted_on, calendar=calendar, suspensions=suspensions)
    if extensions:
        extension = rule_in_force(rules, "denunciation.extension", accepted_on)
        for _ in range(extensions):
            if due is None:
                break
            due = extend(
                due,
                extension.days,
                extension.unit,
                calendar=calendar,
                suspensions=suspensions,
                mode=extension.suspension,
            )
    return due


def _run(anchor: date, days: int, unit: DayUnit, calendar: WorkCalendar) -> date:
    if unit is DayUnit.CALENDAR:
        return due_after_calendar_days(anchor, days, calendar=calendar)
    if days == 0:
        return calendar.next_working_day(anchor, include_self=True)
    return add_working_days(anchor, days, calendar=calendar)


def _elapsed(anchor: date, until: date, unit: DayUnit, calendar: WorkCalendar) -> int:
    if unit is DayUnit.CALENDAR:
        return (until - anchor).days
    return working_days_between(anchor, until, calendar=calendar)


def _checked_suspensions(start: date, suspensions: Sequence[Suspension]) -> list[Suspension]:
    ordered = sorted(suspensions, key=lambda s: (s.start, s.end or date.max))
    previous: Suspension | None = None
    for suspension in ordered:
        if suspension.start < start:
            raise ValueError(
                f"suspension starting {suspension.start.isoformat()} is before the clock started "
                f"({start.isoformat()})"
            )
        if previous is not None:
            if previous.end is None:
                raise ValueError(
                    f"suspension starting {suspension.start.isoformat()} follows one that never ended "
                    f"(started {previous.start.isoformat()})"
                )
            if suspension.start < previous.end:
                raise ValueError(
                    f"suspensions overlap: {previous.start.isoformat()}–{previous.end.isoformat()} and one "
                    f"starting {suspension.start.isoformat()}"
                )
        previous = suspension
    return ordered
