"""What the petition-clock tests share: the official 2026 civil-service calendar (the same days as
``test_workdays.CAL_2026`` and the ``workcalendar`` seed) and ``due``, the deadline as the petitions module computes it.
"""

from datetime import date, timedelta

from gandan.core.petition_clocks import (
    DEFAULT_RULES,
    DayUnit,
    Suspension,
    SuspensionMode,
    rule_deadline,
    rule_in_force,
)
from gandan.core.workdays import WorkCalendar

PAUSE = SuspensionMode.PAUSE
RESTART = SuspensionMode.RESTART
WORKING = DayUnit.WORKING
CALENDAR = DayUnit.CALENDAR


def date_range(first: date, last: date) -> frozenset[date]:
    return frozenset(first + timedelta(days=i) for i in range((last - first).days + 1))


CAL_2026 = WorkCalendar(
    days_off=frozenset(
        {
            date(2026, 1, 1),
            date(2026, 1, 2),  # swapped with Saturday 10/01
            *date_range(date(2026, 2, 16), date(2026, 2, 20)),  # Tết
            date(2026, 4, 27),  # Hùng Kings, compensating Sunday 26/4
            date(2026, 4, 30),
            date(2026, 5, 1),
            date(2026, 8, 31),  # swapped with Saturday 22/8
            date(2026, 9, 1),
            date(2026, 9, 2),
        }
    ),
    working_days=frozenset({date(2026, 1, 10), date(2026, 8, 22)}),
)


def due(key: str, trigger: date, *suspensions: Suspension) -> date | None:
    """The deadline of the version of ``key`` in force on ``trigger``, as the petitions module computes it."""
    rule = rule_in_force(DEFAULT_RULES, key, trigger)
    return rule_deadline(rule, trigger, calendar=CAL_2026, suspensions=suspensions)
