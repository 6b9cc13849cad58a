"""A year of citizen reception in the demo communes, through the reception services at the moment each step happened
(`gandan.kit.history.History`): the chairman receives citizens every Thursday morning (the statutory minimum: a day
a week) and the party secretary twice a month; each day is scheduled two weeks ahead, held (its book filled in:
statements recorded as petitions, answered on the spot, citizens guided elsewhere) or, now and then, cancelled
with the reason; the coming weeks' days are scheduled and published.

One function per kind of step (`_schedule`, `_hold`, `_receive_citizen`, `_cancel`). A petition recorded at a day
is handed to the petitions story (`PetitionYear.follow`) for its classification and resolution.

Recurring schedules (issue #11, point 10) replace `_plan_days`' fixed rule when they exist: plan the days from
the schedules there, keeping the rest."""

import datetime as dt
import random
from dataclasses import dataclass
from functools import partial

from django.utils import timezone

from gandan.accounts.models import User
from gandan.core.sample_names import sample_name
from gandan.core.workdays import WorkCalendar
from gandan.kit.history import History
from gandan.petitions.demo_story import PetitionYear
from gandan.petitions.models import Kind
from gandan.reception.models import LeaderKind, ReceptionDay, ReceptionRecord
from gandan.reception.services import (
    reception_day_cancel,
    reception_day_held,
    reception_day_schedule,
    reception_record_add,
)
from gandan.units.models import Unit
from gandan.workcalendar.selectors import work_calendar

PLACE = "Phòng tiếp công dân, trụ sở UBND xã"
THURSDAY = 3
SECRETARY_DAYS = (10, 25)  # of each month (or the next working day)
AHEAD_WEEKS = 6  # the days already scheduled and published
CANCEL_SHARE = 0.06
CANCEL_REASONS = [
    "Chủ tịch UBND xã dự họp triển khai nhiệm vụ của UBND tỉnh; lịch tiếp chuyển sang tuần sau.",
    "Bí thư Đảng ủy xã đi công tác theo kế hoạch của Tỉnh ủy; đã thông báo công khai tại trụ sở.",
]
OUTCOMES = [
    (ReceptionRecord.Outcome.RECORDED, 35),
    (ReceptionRecord.Outcome.ANSWERED, 42),
    (ReceptionRecord.Outcome.GUIDED, 18),
    (ReceptionRecord.Outcome.REFUSED, 5),
]
ANSWERS = "Lãnh đạo xã giải thích chính sách, công dân đồng ý với câu trả lời."
GUIDED_TO = "Tòa án nhân dân khu vực"
REFUSAL = "Công dân trong tình trạng say rượu, không làm chủ được hành vi."


@dataclass(frozen=True)
class Reception:
    """One commune's reception: its leaders, the desk officer who keeps the book, its villages."""

    unit: Unit
    chairman: User
    secretary: User
    desk: User
    villages: list[Unit]


class ReceptionYear:
    def __init__(
        self, history: History, *, receptions: list[Reception], petitions: PetitionYear, seed: int
    ) -> None:
        self.history = history
        self.receptions = receptions
        self.petitions = petitions
        self.rng = random.Random(seed)
        self.calendar: WorkCalendar = work_calendar()
        self.tz = timezone.get_current_timezone()
        self.today = timezone.localdate(history.until)

    def _at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.tz)

    def plan(self, *, start: dt.date) -> None:
        last = self.today + dt.timedelta(weeks=AHEAD_WEEKS)
        for reception in self.receptions:
            days = self._plan_days(reception, start, last)
            past = [d for d, _leader, _kind in days if d < self.today]
            # One day each commune had to call off (the third-last before today), whatever the demo's size.
            called_off = past[-3] if len(past) >= 3 else None
            for day, leader, kind in days:
                rng = random.Random(self.rng.getrandbits(64))
                scheduled = (
                    self._at(day - dt.timedelta(days=14), 9)
                    if day > start + dt.timedelta(days=14)
                    else (self._at(start, 8))
                )
                # Days to come are scheduled by now: at the latest, a moment ago.
                scheduled = min(scheduled, self.history.until - dt.timedelta(minutes=1))
                self.history.at(
                    scheduled,
                    partial(self._schedule, reception, day, leader, kind, rng, cancel=day == called_off),
                )

    def _plan_days(
        self, reception: Reception, start: dt.date, last: dt.date
    ) -> list[tuple[dt.date, User, str]]:
        """The chairman every Thursday, the party secretary on the 10th and the 25th (next working day)."""
        days: list[tuple[dt.date, User, str]] = []
        day = start
        while day <= last:
            if day.weekday() == THURSDAY and self.calendar.is_working_day(day):
                days.append((day, reception.chairman, LeaderKind.COMMUNE_CHAIRMAN))
            if day.day in SECRETARY_DAYS:
                # As the secretary's schedules say (reception/seeding.py): a day off moves it to the next working day.
                on = self.calendar.next_working_day(day, include_self=True)
                days.append((on, reception.secretary, LeaderKind.COMMUNE_PARTY_SECRETARY))
            day += dt.timedelta(days=1)
        return days

    # --- the steps ----------------------------------------------------------------------------------------------
    def _schedule(
        self, reception: Reception, day: dt.date, leader: User, kind: str, rng: random.Random, *, cancel: bool
    ) -> None:
        if ReceptionDay.objects.filter(leader=leader, day=day).exists():
            return  # the secretary's day moved onto one already planned
        day_obj = reception_day_schedule(
            unit=reception.unit, leader=leader, leader_kind=kind, day=day, place=PLACE, by=reception.desk
        )
        if cancel or rng.random() < CANCEL_SHARE:
            self.history.at(self._at(day, 7, 15), lambda: self._cancel(reception, day_obj, rng))
            return
        citizens = rng.choices([0, 1, 2, 3], weights=[40, 35, 17, 8])[0]
        for i in range(citizens):
            self.history.at(
                self._at(day, 7 + (i * 50 + 30) // 60, (i * 50 + 30) % 60),
                lambda: self._receive_citizen(reception, day_obj, rng),
            )
        self.history.at(self._at(day, 11, 15), lambda: reception_day_held(day_obj=day_obj, by=reception.desk))

    def _cancel(self, reception: Reception, day_obj: ReceptionDay, rng: random.Random) -> None:
        reception_day_cancel(day_obj=day_obj, by=reception.desk, reason=rng.choice(CANCEL_REASONS))

    def _receive_citizen(self, reception: Reception, day_obj: ReceptionDay, rng: random.Random) -> None:
        village = rng.choice(reception.villages)
        kind, subject, content = self.petitions.matter(rng, village)
        outcome = rng.choices([o for o, _w in OUTCOMES], weights=[w for _o, w in OUTCOMES])[0]
        if kind == Kind.DENUNCIATION:
            outcome = ReceptionRecord.Outcome.RECORDED
        record = reception_record_add(
            unit=reception.unit,
            reception_day=day_obj,
            officer=reception.desk,
            at=timezone.now(),
            citizen_name=sample_name(rng),
            citizen_address=f"{village.name}, {reception.unit.name}",
            content=content,
            kind=kind,
            outcome=outcome,
            guided_to=GUIDED_TO if outcome == ReceptionRecord.Outcome.GUIDED else "",
            refusal_reason=REFUSAL if outcome == ReceptionRecord.Outcome.REFUSED else "",
            follow_up=ANSWERS if outcome == ReceptionRecord.Outcome.ANSWERED else "",
            create_petition=outcome == ReceptionRecord.Outcome.RECORDED,
            subject=subject if outcome == ReceptionRecord.Outcome.RECORDED else "",
            by=reception.desk,
        )
        if record.petition is not None:
            self.petitions.follow(record.petition, rng)


def plan_reception_year(
    history: History, *, receptions: list[Reception], petitions: PetitionYear, start: dt.date, seed: int
) -> None:
    """Plan the reception days from `start` to a few weeks ahead (played by `history.run()`)."""
    ReceptionYear(history, receptions=receptions, petitions=petitions, seed=seed).plan(start=start)
