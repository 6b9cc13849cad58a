"""Citizen reception services, the recurring schedules: a leader's reception days as a rule ("every Thursday
morning", "the 15th of each month") that citizens can read ahead, and the days it generates.

The dates come from `gandan.reception.rules` with the working calendar: a date that falls on a day off is moved to
the next working day (the law counts days per week or month, so a lost day is made up, not dropped). The next
`GENERATE_DAYS` days of every schedule in force exist as `ReceptionDay` rows (`schedule` set), created when the
schedule is saved and extended by `reception_schedules_extend` (the `reception_days_generate` command, run daily):
they are the expected days of the days list and of the compliance view, which the leader holds or cancels one by
one. Changing or ending a schedule removes the future days it generated that nobody has touched yet (not held, not
cancelled, no citizen recorded); past days and touched days stay as they are.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core.vntext import normalize
from gandan.errors import Conflict, DomainError, too_long
from gandan.petitions.services.common import local_today, require
from gandan.reception import rules
from gandan.reception.models import ReceptionDay, ReceptionSchedule
from gandan.reception.services.days import office_errors
from gandan.reception.services.helpers import MANAGE, _check_unit, _raise_all
from gandan.units.models import Unit
from gandan.workcalendar.selectors import work_calendar

GENERATE_DAYS = 8 * 7  # how far ahead the days of a schedule exist as rows (the public page shows 4 weeks)
WORKING_WEEKDAYS = range(0, 5)  # Monday..Friday: a schedule on a weekend would always move


@dataclass(frozen=True)
class ScheduleSpec:
    """What a staff form says about a schedule (everything but the unit and who records it)."""

    leader: User | None
    leader_kind: str
    frequency: str
    weekday: int | None
    nth: int | None
    month_day: int | None
    session: str
    start_time: dt.time | None
    end_time: dt.time | None
    place: str
    valid_from: dt.date | None
    valid_to: dt.date | None = None
    note: str = ""


def schedule_recurrence(schedule: ReceptionSchedule) -> rules.Recurrence:
    return rules.Recurrence(
        rules.Frequency(schedule.frequency),
        valid_from=schedule.valid_from,
        valid_to=schedule.valid_to,
        weekday=schedule.weekday,
        nth=schedule.nth,
        month_day=schedule.month_day,
    )


def _clean(unit: Unit, spec: ScheduleSpec) -> dict[str, Any]:
    """The schedule's fields, normalised, or a DomainError with every problem at once."""
    # The office is checked on the last day the schedule may run: a deputy cannot stand in from 1/7/2026.
    last = spec.valid_to or dt.date.max
    errors = office_errors(unit=unit, leader=spec.leader, leader_kind=spec.leader_kind, day=last)
    fields: dict[str, Any] = {
        "leader": spec.leader,
        "leader_kind": spec.leader_kind,
        "frequency": spec.frequency,
    }
    weekday = spec.weekday if spec.frequency != ReceptionSchedule.Frequency.MONTHLY_DAY else None
    nth = spec.nth if spec.frequency == ReceptionSchedule.Frequency.MONTHLY_WEEKDAY else None
    month_day = spec.month_day if spec.frequency == ReceptionSchedule.Frequency.MONTHLY_DAY else None
    if spec.frequency not in ReceptionSchedule.Frequency.values:
        errors["frequency"] = _("Choose how often the leader receives citizens.")
    elif spec.frequency == ReceptionSchedule.Frequency.MONTHLY_DAY:
        if month_day is None or not 1 <= month_day <= 31:
            errors["month_day"] = _("Enter the day of the month, from 1 to 31 (e.g. 15).")
    else:
        if weekday not in WORKING_WEEKDAYS:
            errors["weekday"] = _("Choose a working day of the week, Monday to Friday.")
        if spec.frequency == ReceptionSchedule.Frequency.MONTHLY_WEEKDAY and nth not in (
            1,
            2,
            3,
            4,
            rules.LAST,
        ):
            errors["nth"] = _("Choose which one in the month: the first to the fourth, or the last.")
    if spec.session not in ReceptionSchedule.Session.values:
        errors["session"] = _("Choose the morning, the afternoon or the whole day.")
    if spec.start_time is None:
        errors["start_time"] = _("Enter the time it starts, e.g. 07:30.")
    if spec.end_time is None:
        errors["end_time"] = _("Enter the time it ends, e.g. 11:00.")
    elif spec.start_time is not None and spec.end_time <= spec.start_time:
        errors["end_time"] = _("The end time must be after the start time.")
    place = normalize(spec.place or "")
    if not place:
        errors["place"] = _("Enter the place, e.g. “Phòng tiếp công dân, UBND xã”.")
    elif problem := too_long(place, max_length=300):
        errors["place"] = problem
    note = normalize(spec.note or "")
    if problem := too_long(note, max_length=300):
        errors["note"] = problem
    if spec.valid_from is None:
        errors["valid_from"] = _("Enter the date the schedule starts, e.g. 01/01/2027.")
    elif spec.valid_to is not None and spec.valid_to < spec.valid_from:
        errors["valid_to"] = _("The schedule cannot end before it starts.")
    _raise_all("reception_schedule_invalid", errors)
    fields.update(
        weekday=weekday,
        nth=nth,
        month_day=month_day,
        session=spec.session,
        start_time=spec.start_time,
        end_time=spec.end_time,
        place=place,
        valid_from=spec.valid_from,
        valid_to=spec.valid_to,
        note=note,
    )
    return fields


def _generate(schedule: ReceptionSchedule, *, today: dt.date) -> int:
    """Create the schedule's days from today to today + GENERATE_DAYS that do not exist yet. A leader who already
    has a day on a date (by hand, or from another schedule) keeps it: the unique (leader, day) says so."""
    if schedule.valid_to is not None and schedule.valid_to < today:
        return 0
    found = rules.occurrences(
        schedule_recurrence(schedule),
        today,
        today + dt.timedelta(days=GENERATE_DAYS),
        calendar=work_calendar(),
    )
    taken = set(
        ReceptionDay.objects.filter(leader=schedule.leader, day__in=[o.day for o in found]).values_list(
            "day", flat=True
        )
    )
    rows = [
        ReceptionDay(
            unit=schedule.unit,
            unit_path=schedule.unit_path,
            leader=schedule.leader,
            leader_kind=schedule.leader_kind,
            day=o.day,
            place=schedule.place,
            schedule=schedule,
        )
        for o in found
        if o.day not in taken
    ]
    ReceptionDay.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _withdraw(schedule: ReceptionSchedule, *, since: dt.date) -> int:
    """Remove the schedule's untouched days from `since` on (not held, not cancelled, no citizen recorded)."""
    untouched = ReceptionDay.objects.filter(
        schedule=schedule, day__gte=since, held=False, cancelled_reason="", records__isnull=True
    ).exclude(conclusions__isnull=False)
    removed, _detail = ReceptionDay.objects.filter(
        pk__in=list(untouched.values_list("pk", flat=True))
    ).delete()
    return removed


def _details(schedule: ReceptionSchedule, **extra: Any) -> dict[str, Any]:
    return {
        "leader": schedule.leader_id,
        "kind": schedule.leader_kind,
        "frequency": schedule.frequency,
        "weekday": schedule.weekday,
        "nth": schedule.nth,
        "month_day": schedule.month_day,
        "from": schedule.start_time.strftime("%H:%M"),
        "to": schedule.end_time.strftime("%H:%M"),
        "valid_from": schedule.valid_from.isoformat(),
        "valid_to": schedule.valid_to.isoformat() if schedule.valid_to else None,
        **extra,
    }


@transaction.atomic
def reception_schedule_create(*, unit: Unit, spec: ScheduleSpec, by: User) -> ReceptionSchedule:
    """Record a leader's recurring reception schedule for `unit` and generate its coming days."""
    require(by, MANAGE)
    _check_unit(by, unit)
    fields = _clean(unit, spec)
    schedule = ReceptionSchedule.objects.create(unit=unit, unit_path=unit.path, created_by=by, **fields)
    created = _generate(schedule, today=local_today())
    event_record(
        actor=by,
        action="reception.schedule_create",
        obj=schedule,
        unit=unit,
        details=_details(schedule, days=created),
    )
    return schedule


@transaction.atomic
def reception_schedule_update(
    *, schedule: ReceptionSchedule, spec: ScheduleSpec, by: User
) -> ReceptionSchedule:
    """Change a schedule from today on: its untouched future days are replaced by those of the new rule."""
    require(by, MANAGE)
    schedule = ReceptionSchedule.objects.select_for_update().select_related("unit").get(pk=schedule.pk)
    _check_unit(by, schedule.unit)
    fields = _clean(schedule.unit, spec)
    for name, value in fields.items():
        setattr(schedule, name, value)
    schedule.save(update_fields=list(fields))
    today = local_today()
    removed = _withdraw(schedule, since=today)
    created = _generate(schedule, today=today)
    event_record(
        actor=by,
        action="reception.schedule_update",
        obj=schedule,
        unit=schedule.unit,
        details=_details(schedule, days_removed=removed, days=created),
    )
    return schedule


@transaction.atomic
def reception_schedule_end(
    *, schedule: ReceptionSchedule, last_day: dt.date | None, by: User
) -> ReceptionSchedule:
    """End a schedule: no reception day after `last_day` (the schedule stays, for the record)."""
    require(by, MANAGE)
    schedule = ReceptionSchedule.objects.select_for_update().select_related("unit").get(pk=schedule.pk)
    _check_unit(by, schedule.unit)
    if last_day is None:
        raise DomainError(
            "last_day_required", _("Enter the last day of the schedule, e.g. 31/12/2026."), field="last_day"
        )
    if schedule.valid_to is not None and schedule.valid_to <= last_day:
        raise Conflict(
            "reception_schedule_ended",
            _("This schedule already ends on %(day)s.") % {"day": schedule.valid_to.strftime("%d/%m/%Y")},
        )
    if last_day < schedule.valid_from:
        raise DomainError(
            "last_day_invalid",
            _("The last day cannot be before the schedule starts (%(day)s).")
            % {"day": schedule.valid_from.strftime("%d/%m/%Y")},
            field="last_day",
        )
    if last_day < local_today() - dt.timedelta(days=1):
        raise DomainError(
            "last_day_past",
            _("A schedule ends yesterday at the earliest: the days already past are kept as they were."),
            field="last_day",
        )
    schedule.valid_to = last_day
    schedule.save(update_fields=["valid_to"])
    removed = _withdraw(schedule, since=last_day + dt.timedelta(days=1))
    event_record(
        actor=by,
        action="reception.schedule_end",
        obj=schedule,
        unit=schedule.unit,
        details=_details(schedule, days_removed=removed),
    )
    return schedule


@transaction.atomic
def reception_schedules_extend(*, today: dt.date | None = None) -> int:
    """Generate the days of every schedule in force up to today + GENERATE_DAYS (run daily by the system)."""
    today = today or local_today()
    total = 0
    in_force = ReceptionSchedule.objects.filter(valid_from__lte=today + dt.timedelta(days=GENERATE_DAYS))
    for schedule in in_force.exclude(valid_to__lt=today).select_related("unit", "leader"):
        created = _generate(schedule, today=today)
        if created:
            event_record(
                actor=None,
                action="reception.schedule_days_generate",
                obj=schedule,
                unit=schedule.unit,
                details={"days": created},
            )
        total += created
    return total
