"""Changes to the calendar. A change does not move deadlines already computed (they are stored); recomputing a
case's deadline is an explicit action of its module."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core.vntext import normalize
from gandan.errors import DomainError
from gandan.workcalendar.models import CalendarDay, DayKind, DaySource
from gandan.workcalendar.seed import seed_days
from gandan.workcalendar.selectors import calendar_forget


@transaction.atomic
def calendar_seed() -> int:
    """Seed the years that have no calendar days yet. A year with any entry belongs to the officials: seeding
    again never brings back a day they removed, nor touches one they corrected."""
    seeded_years = {d.year for d in CalendarDay.objects.dates("day", "year")}
    rows = [
        CalendarDay(day=d.day, kind=d.kind, name=d.name, legal_basis=d.legal_basis, source=d.source)
        for d in seed_days()
        if d.day.year not in seeded_years
    ]
    CalendarDay.objects.bulk_create(rows)
    calendar_forget()
    transaction.on_commit(calendar_forget)
    if rows:
        event_record(actor=None, action="workcalendar.seed", details={"created": len(rows)})
    return len(rows)


@transaction.atomic
def calendar_day_set(*, day: dt.date, kind: str, name: str, legal_basis: str, by: User) -> CalendarDay:
    """Declare `day` a day off or a make-up working day (replacing what was there), with its legal basis."""
    name, legal_basis = normalize(name), normalize(legal_basis)
    if kind not in DayKind.values:
        raise DomainError(
            "calendar_kind_invalid", _("Choose a day off or a make-up working day."), field="kind"
        )
    if not name:
        raise DomainError(
            "calendar_name_required", _("Enter what the day is (e.g. the holiday's name)."), field="name"
        )
    if not legal_basis:
        raise DomainError(
            "calendar_basis_required",
            _("Enter the legal basis (the notice or letter that fixes this day)."),
            field="legal_basis",
        )
    if kind == DayKind.WORKING_DAY and day.weekday() < 5:
        raise DomainError(
            "calendar_working_weekday",
            _("%(day)s is already a working weekday; a make-up working day falls on a Saturday or Sunday.")
            % {"day": day.strftime("%d/%m/%Y")},
            field="day",
        )
    if kind == DayKind.DAY_OFF and day.weekday() >= 5:
        raise DomainError(
            "calendar_weekend_day_off",
            _("%(day)s is a weekend day and already a day off.") % {"day": day.strftime("%d/%m/%Y")},
            field="day",
        )
    previous = CalendarDay.objects.filter(day=day).first()
    entry, _created = CalendarDay.objects.update_or_create(
        day=day,
        defaults={
            "kind": kind,
            "name": name,
            "legal_basis": legal_basis,
            "source": DaySource.OFFICIAL_EDIT,
            "created_by": by,
        },
    )
    calendar_forget()
    transaction.on_commit(calendar_forget)
    event_record(
        actor=by,
        action="workcalendar.day_set",
        obj=entry,
        details={
            "day": day.isoformat(),
            "kind": kind,
            "name": name,
            "legal_basis": legal_basis,
            "previous": {"kind": previous.kind, "name": previous.name} if previous else None,
        },
    )
    return entry


@transaction.atomic
def calendar_day_remove(*, entry: CalendarDay, by: User) -> None:
    """Return a date to the ordinary Monday–Friday rule."""
    event_record(
        actor=by,
        action="workcalendar.day_remove",
        obj=entry,
        details={"day": entry.day.isoformat(), "kind": entry.kind, "name": entry.name},
    )
    entry.delete()
    calendar_forget()
    transaction.on_commit(calendar_forget)
