"""The demo's recurring reception schedules: in each demo commune the chairman receives citizens every Thursday
morning in the commune's reception room, and the party secretary twice a month (the 10th and the 25th),
the statutory minimums of DOMAIN.md §5.1. Recorded through the services, so their coming days are generated and
the audit trail shows who recorded them. Idempotent: a commune that has a schedule is left alone."""

import datetime as dt
from dataclasses import replace

from gandan.accounts.models import User
from gandan.reception.models import LeaderKind, ReceptionSchedule
from gandan.reception.services import ScheduleSpec, reception_schedule_create
from gandan.units.models import Unit

THURSDAY = 3


def _specs(unit: Unit, chairman: User, secretary: User | None, since: dt.date) -> list[ScheduleSpec]:
    name = unit.name[:1].lower() + unit.name[1:]  # "Xã Sông Lô" → "UBND xã Sông Lô"
    room = f"Phòng tiếp công dân, UBND {name}"
    specs = [
        ScheduleSpec(
            leader=chairman,
            leader_kind=LeaderKind.COMMUNE_CHAIRMAN,
            frequency=ReceptionSchedule.Frequency.WEEKLY,
            weekday=THURSDAY,
            nth=None,
            month_day=None,
            session=ReceptionSchedule.Session.MORNING,
            start_time=dt.time(7, 30),
            end_time=dt.time(11, 0),
            place=room,
            valid_from=since,
            note="Mang theo căn cước công dân và giấy tờ liên quan (nếu có).",
        )
    ]
    if secretary is not None:
        tenth = ScheduleSpec(
            leader=secretary,
            leader_kind=LeaderKind.COMMUNE_PARTY_SECRETARY,
            frequency=ReceptionSchedule.Frequency.MONTHLY_DAY,
            weekday=None,
            nth=None,
            month_day=10,
            session=ReceptionSchedule.Session.MORNING,
            start_time=dt.time(8, 0),
            end_time=dt.time(11, 0),
            place=f"Phòng họp Đảng uỷ {name}",
            valid_from=since,
        )
        twenty_fifth = replace(tenth, month_day=25)
        specs += [tenth, twenty_fifth]
    return specs


def seed_reception_schedules(*, units: list[Unit], since: dt.date) -> int:
    """The demo communes' schedules, valid from `since`; returns how many were recorded."""
    created = 0
    for unit in units:
        if ReceptionSchedule.objects.filter(unit=unit).exists():
            continue
        leaders = User.objects.filter(unit=unit, is_active=True)
        chairman = leaders.filter(username__startswith="chutich.").first()
        secretary = leaders.filter(username__startswith="bithu.").first()
        if chairman is None:
            continue
        for spec in _specs(unit, chairman, secretary, since):
            reception_schedule_create(unit=unit, spec=spec, by=chairman)
            created += 1
    return created
