"""Reads of citizen reception: always for a user, inside that user's subtree (404 outside it). A reception record
linked to a protected denunciation carries only the neutral label; the identity is on the petition, behind a grant.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from gandan.accounts.rules import Role
from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.petitions.models import Task
from gandan.reception.models import (
    ConclusionNotice,
    LeaderKind,
    ReceptionDay,
    ReceptionRecord,
    ReceptionSchedule,
)
from gandan.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit
from gandan.workcalendar.selectors import work_calendar

_RECORD_RELATED = ("officer", "petition", "petition__unit", "reception_day", "reception_day__leader", "unit")
_CONCLUSION_RELATED = ("reception_day", "reception_day__leader", "reception_day__unit", "created_by")


def reception_days_for_user(user) -> QuerySet[ReceptionDay]:
    return scoped(ReceptionDay.objects.all(), user, path_field="unit_path").select_related("leader", "unit")


def reception_day_get_for_user(user, pk) -> ReceptionDay:
    return get_scoped_or_404(
        ReceptionDay.objects.select_related("leader", "unit"), user, path_field="unit_path", pk=pk
    )


def reception_records_for_user(user) -> QuerySet[ReceptionRecord]:
    return scoped(ReceptionRecord.objects.all(), user, path_field="unit_path").select_related(
        *_RECORD_RELATED
    )


def reception_record_get_for_user(user, pk) -> ReceptionRecord:
    return get_scoped_or_404(
        ReceptionRecord.objects.select_related(*_RECORD_RELATED), user, path_field="unit_path", pk=pk
    )


def conclusion_notices_for_user(user) -> QuerySet[ConclusionNotice]:
    return scoped(ConclusionNotice.objects.all(), user, path_field="reception_day__unit_path").select_related(
        *_CONCLUSION_RELATED
    )


def conclusion_notice_get_for_user(user, pk) -> ConclusionNotice:
    return get_scoped_or_404(
        ConclusionNotice.objects.select_related(*_CONCLUSION_RELATED),
        user,
        path_field="reception_day__unit_path",
        pk=pk,
    )


def conclusion_tasks_for_user(user) -> QuerySet[Task]:
    """The tasks set by notices of conclusions (not the petitions' verification tasks)."""
    return scoped(Task.objects.filter(conclusion__isnull=False), user, path_field="unit_path").select_related(
        "conclusion", "conclusion__reception_day", "conclusion__reception_day__leader"
    )


def conclusion_task_get_for_user(user, pk) -> Task:
    return get_scoped_or_404(conclusion_tasks_for_user(user), user, path_field="unit_path", pk=pk)


def reception_leaders_of(unit):
    """The unit's active leaders who may hold a reception day (chairman, party secretary)."""
    from gandan.accounts.models import User

    return (
        User.objects.filter(
            is_active=True, unit=unit, roles__role__in=[Role.UNIT_LEADER, Role.PARTY_SECRETARY]
        )
        .distinct()
        .order_by("full_name", "username")
    )


def reception_day_leaders(days: QuerySet[ReceptionDay]):
    """The leaders of `days`, by name: the choices of the days list's filter."""
    from gandan.accounts.models import User

    return User.objects.filter(pk__in=days.values("leader")).order_by("full_name", "username")


def reception_units_for_user(user) -> QuerySet[Unit]:
    """The communes and provinces in force inside the user's units: those whose compliance the user may read."""
    units = Unit.objects.current().filter(kind__in=[*COMMUNE_KINDS, *PROVINCE_KINDS])
    return scoped(units, user, path_field="path").order_by("path")


def reception_days_exist(unit, *, start, end) -> bool:
    return ReceptionDay.objects.filter(unit=unit, day__gte=start, day__lte=end).exists()


def unit_ids_with_reception(units, *, start: dt.date, end: dt.date) -> set[int]:
    """The ids among `units` that have a reception day or a schedule in force in start..end: the communes the
    compliance table lists first (the others have nothing to measure yet)."""
    ids = [u.pk for u in units]
    found = set(
        ReceptionDay.objects.filter(unit_id__in=ids, day__gte=start, day__lte=end).values_list(
            "unit_id", flat=True
        )
    )
    found |= set(
        ReceptionSchedule.objects.filter(unit_id__in=ids, valid_from__lte=end)
        .exclude(valid_to__lt=start)
        .values_list("unit_id", flat=True)
    )
    return found


def reception_days_between(user, *, start, end) -> list[ReceptionDay]:
    """The reception days of the user's area from `start` to `end` (the staff home's week), earliest first."""
    return list(reception_days_for_user(user).filter(day__gte=start, day__lte=end).order_by("day", "id")[:20])


# --- Recurring schedules -------------------------------------------------------------------------------------------


def reception_schedules_for_user(user) -> QuerySet[ReceptionSchedule]:
    return scoped(ReceptionSchedule.objects.all(), user, path_field="unit_path").select_related(
        "leader", "unit"
    )


def reception_schedule_get_for_user(user, pk) -> ReceptionSchedule:
    return get_scoped_or_404(
        ReceptionSchedule.objects.select_related("leader", "unit"), user, path_field="unit_path", pk=pk
    )


def days_this_week(user, *, today: dt.date | None = None) -> list[ReceptionDay]:
    """The reception days of this week (Monday to Sunday) in the user's units, not cancelled, in date order: for the
    leaders' home page."""
    today = today or timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    return list(
        reception_days_for_user(user)
        .filter(day__gte=monday, day__lte=monday + dt.timedelta(days=6), cancelled_reason="")
        .order_by("day", "leader__full_name", "id")
    )


@dataclass(frozen=True)
class PublicReceptionDay:
    """One regular reception day as a citizen sees it: the leader's office and name, when and where. No other
    personal data, and never why a day was cancelled."""

    day: dt.date
    leader_name: str
    leader_title: str
    session: str
    start_time: dt.time | None
    end_time: dt.time | None
    place: str
    note: str
    moved_from: dt.date | None  # the date the schedule names, when a day off moved it
    cancelled: bool


def public_reception_units() -> QuerySet[Unit]:
    """The communes (and provinces) that publish a schedule in force: the choices of the public page."""
    today = timezone.localdate()
    paths = ReceptionSchedule.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today)).values(
        "unit_path"
    )
    return Unit.objects.current().filter(path__in=paths).select_related("parent").order_by("name_search")


def public_reception_calendar(unit: Unit, *, start: dt.date, end: dt.date) -> list[PublicReceptionDay]:
    """The regular reception days of `unit` in start..end: the days scheduled (by hand or generated from a schedule;
    cancelled ones flagged so nobody travels for nothing), and the dates of the schedules in force beyond the days
    generated so far. Ad-hoc days are not published (their reason concerns particular citizens)."""
    from gandan.reception.rules import occurrences
    from gandan.reception.services.schedules import schedule_recurrence

    days = list(
        ReceptionDay.objects.filter(unit=unit, ad_hoc=False, day__gte=start, day__lte=end)
        .select_related("leader", "schedule")
        .order_by("day", "id")
    )
    taken = {(d.leader_id, d.day) for d in days}
    schedules = list(
        ReceptionSchedule.objects.filter(unit=unit, valid_from__lte=end)
        .exclude(valid_to__lt=start)
        .select_related("leader")
        .order_by("valid_from", "id")
    )

    def in_force(leader_id: int, day: dt.date) -> ReceptionSchedule | None:
        """A day scheduled by hand has no schedule of its own: the hours are those of the leader's schedule in force
        that day, so the citizen still reads when to come."""
        for candidate in reversed(schedules):
            if (
                candidate.leader_id == leader_id
                and candidate.valid_from <= day
                and (candidate.valid_to is None or day <= candidate.valid_to)
            ):
                return candidate
        return None

    found: list[PublicReceptionDay] = []
    for d in days:
        s = d.schedule or in_force(d.leader_id, d.day)
        found.append(
            PublicReceptionDay(
                day=d.day,
                leader_name=d.leader.full_name or str(d.leader),
                leader_title=str(LeaderKind(d.leader_kind).label),
                session=s.get_session_display() if s else "",
                start_time=s.start_time if s else None,
                end_time=s.end_time if s else None,
                place=d.place,
                note=s.note if s else "",
                moved_from=None,
                cancelled=bool(d.cancelled_reason),
            )
        )
    calendar = work_calendar()
    for s in schedules:
        for o in occurrences(schedule_recurrence(s), start, end, calendar=calendar):
            if (s.leader_id, o.day) in taken:
                continue
            taken.add((s.leader_id, o.day))
            found.append(
                PublicReceptionDay(
                    day=o.day,
                    leader_name=s.leader.full_name or str(s.leader),
                    leader_title=str(LeaderKind(s.leader_kind).label),
                    session=s.get_session_display(),
                    start_time=s.start_time,
                    end_time=s.end_time,
                    place=s.place,
                    note=s.note,
                    moved_from=o.nominal if o.moved else None,
                    cancelled=False,
                )
            )
    return sorted(found, key=lambda p: (p.day, p.start_time or dt.time.min, p.leader_title))
