"""A year at the one-stop desk, for the demo: every dossier lives its life through the services the pages call
(intake, hand-offs, papers requested and brought, fees, Form 04 apologies, results handed over, the citizen's
rating), each step at the moment it happened, played in time order by `gandan.kit.history.History`. What today has
not reached yet simply has not happened: the dossiers of the last days are still new, in progress, waiting for
papers or for a fee, or ready to be collected, and nothing older is left finished but never returned.

Volume follows a commune's year: more before Tết and in the summer (school enrolment: certified copies), fewer in
the Tết weeks, Mondays busiest, nothing at the desk on days off (online submissions still arrive). The procedures
a commune does most (certified copies, birth registration, signatures, residence confirmation, death and marriage
registration) dominate.

One function per kind of step (`_submit`, `_check_online`, `_transfer`, `_supplement`, `_payment`, `_complete`,
`_return`, `_rate` …): each does its service call and plans the next step of the same dossier."""

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from gandan.accounts.models import User
from gandan.core.sample_names import sample_name
from gandan.core.workdays import WorkCalendar, add_working_days
from gandan.dossiers.demo_answers import RESULT_NAMES, id_number, needed_papers, sample_answers
from gandan.dossiers.models import Channel, Dossier, Procedure, ReturnMethod, Status, TimeUnit
from gandan.dossiers.services import (
    dossier_accept,
    dossier_apologize,
    dossier_complete,
    dossier_intake,
    dossier_rate,
    dossier_receive_supplement,
    dossier_record_payment,
    dossier_refuse,
    dossier_request_payment,
    dossier_request_supplement,
    dossier_return,
    dossier_stop,
    dossier_submit,
    dossier_transfer,
    dossier_withdraw,
)
from gandan.dossiers.services.papers import PaperTick
from gandan.kit.history import History
from gandan.units.models import Unit
from gandan.workcalendar.selectors import work_calendar

# How often each procedure comes to a commune desk (relative; by national code). Others count 1.
PROCEDURE_WEIGHTS = {
    "2.000815": 30,  # certified copies from originals
    "1.001193": 14,  # birth registration
    "2.000884": 12,  # certified signatures
    "1.010041": 10,  # residence confirmation
    "1.000656": 6,  # death registration
    "1.000894": 6,  # marriage registration
    "2.000635": 5,  # civil status extract copies
    "1.004873": 5,  # marital status certificate
    "2.001035": 3,  # certified contracts
    "1.004222": 2,  # permanent residence
    "1.004194": 2,  # temporary residence
}
# A commune's year (month → relative volume): the rush before Tết, its quiet weeks, school enrolment in summer,
# weddings at the year's end.
MONTH_WEIGHTS = {
    1: 1.3,
    2: 0.7,
    3: 1.0,
    4: 0.95,
    5: 1.0,
    6: 1.2,
    7: 1.35,
    8: 1.3,
    9: 1.0,
    10: 1.0,
    11: 1.1,
    12: 1.25,
}
WEEKDAY_WEIGHTS = [1.35, 1.05, 1.0, 1.0, 0.9, 0.25, 0.15]  # Monday … Sunday (weekend: online only)
ONLINE_SHARE = 0.28
# How a dossier's life ends (the rest are returned, some of them late with a Form 04 apology).
REFUSED_SHARE = 0.025
WITHDRAWN_SHARE = 0.02
STOPPED_SHARE = 0.015
LATE_SHARE = 0.07
SUPPLEMENT_SHARE = 0.10
PAYMENT_SHARE = 0.15  # of the procedures with a fee and a few days to run
SIGNATURE_SHARE = 0.45  # of multi-day procedures: the chairman signs and hands the result back
STUCK_SHARE = 0.08  # of the last three weeks' dossiers: the handler has not finished, past the appointment
RATED_SHARE = 0.4
# The states the desk's work in hand stops in, one dossier each per commune (DeskYear._plan_desk_today).
# The endings each commune shows at least once, and how many weeks ago the dossier came in.
ENDINGS = [("refused", 3), ("withdrawn", 5), ("stopped", 7), ("late", 4), ("stuck", 2)]
HOLDS = ["new", "accepted", "supplement", "payment", "in_progress", "processed", "processed"]
POOR_RATING_SHARE = 0.1

REFUSAL_REASONS = [
    "Việc đăng ký thuộc thẩm quyền của cơ quan công an, không thuộc UBND xã.",
    "Người nộp không phải người có yêu cầu và không có văn bản ủy quyền hợp lệ.",
    "Giấy tờ nộp là bản chụp không có chứng thực, không thể tiếp nhận trực tuyến.",
]
WITHDRAWAL_REASONS = [
    "Công dân có đơn xin rút hồ sơ ngày {d} để bổ sung thông tin.",
    "Công dân đến bộ phận một cửa ngày {d} đề nghị rút hồ sơ, không tiếp tục thực hiện.",
]
STOP_REASONS = [
    "Người yêu cầu chứng thực không xuất trình được bản chính để đối chiếu.",
    "Hồ sơ có dấu hiệu giả mạo giấy tờ, đã chuyển cơ quan có thẩm quyền xác minh.",
]
SUPPLEMENT_REASON = "Để giải quyết hồ sơ theo quy định, đề nghị ông/bà bổ sung các giấy tờ sau."
APOLOGY_REASONS = [
    "Cần xác minh thêm thông tin với Công an xã, chưa có kết quả đúng hẹn.",
    "Hệ thống cơ sở dữ liệu hộ tịch gián đoạn, chưa cập nhật được kết quả.",
    "Lãnh đạo UBND xã đi công tác, chưa ký được kết quả đúng hẹn.",
]
POOR_COMMENTS = [
    "Phải đi lại nhiều lần mới xong, cán bộ không hướng dẫn một lần cho đủ.",
    "Hẹn trả kết quả nhưng đến nơi phải chờ hơn một tiếng.",
    "Cán bộ thái độ chưa niềm nở, nói trống không.",
    "Trả kết quả chậm so với giấy hẹn mà không được báo trước.",
]
GOOD_COMMENTS = [
    "",
    "",
    "",
    "Cán bộ hướng dẫn tận tình, nhanh gọn.",
    "Làm thủ tục nhanh, đúng hẹn. Cảm ơn bộ phận một cửa.",
]


@dataclass(frozen=True)
class Desk:
    """The officers of one commune who work its dossiers."""

    unit: Unit
    desk: User
    handler: User
    leader: User
    villages: list[str]


@dataclass
class _Life:
    """One dossier's story: what is decided up front (how it ends) and the dossier as the services left it."""

    desk: Desk
    procedure: Procedure
    online: bool
    fate: str  # "returned", "late", "refused", "withdrawn", "stopped", "stuck"
    supplement: bool
    payment: bool
    signature: bool
    rated: bool
    submission: dict[str, Any]
    hold: str = ""  # for the desk's work in hand: the state the story stops in (HOLDS)
    dossier: Dossier | None = None
    rng: random.Random = field(default_factory=random.Random)


class DeskYear:
    """Plans `count` dossiers received between `start` and `end` into `history`, for the communes of `desks`."""

    def __init__(
        self, history: History, *, desks: list[Desk], procedures: list[Procedure], seed: int
    ) -> None:
        self.history = history
        self.desks = desks
        self.procedures = procedures
        self.weights = [PROCEDURE_WEIGHTS.get(p.code, 1) for p in procedures]
        self.rng = random.Random(seed)
        self.calendar: WorkCalendar = work_calendar()
        self.tz = timezone.get_current_timezone()
        self.today = timezone.localdate(history.until)
        # A moment certainly still to come: where a held story's next step is put (and so never played).
        self.tomorrow = self._at(add_working_days(self.today, 1, calendar=self.calendar), self.rng, 480, 481)

    # --- planning -----------------------------------------------------------------------------------------------
    def plan(self, *, count: int, start: dt.date, end: dt.date) -> None:
        days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
        weights = [
            MONTH_WEIGHTS[d.month]
            * WEEKDAY_WEIGHTS[d.weekday()]
            * (1 if self.calendar.is_working_day(d) else 0.2)
            for d in days
        ]
        for day in sorted(self.rng.choices(days, weights=weights, k=count)):
            self._plan_one(day)
        self._plan_each_ending()
        self._plan_desk_today()

    def _plan_each_ending(self) -> None:
        """Every way a dossier ends, at every commune, within the last two months (at any size of demo)."""
        multi_day = [p for p in self.procedures if p.time_unit != TimeUnit.SAME_DAY and p.time_value >= 3]
        if not multi_day:
            return
        for desk in self.desks:
            for fate, weeks_ago in ENDINGS:
                rng = random.Random(self.rng.getrandbits(64))
                day = self.calendar.next_working_day(
                    self.today - dt.timedelta(weeks=weeks_ago, days=rng.randrange(5)), include_self=True
                )
                self._plan_one(
                    day, rng=rng, desk=desk, fate=fate, online=False, procedure=rng.choice(multi_day)
                )

    def _plan_desk_today(self) -> None:
        """The desk's work in hand, whatever the hour the demo is loaded: dossiers of the last working days that
        stop, on purpose, where work stands at the end of a day — online ones not checked yet, accepted ones not
        handed over, papers or a fee awaited, in progress, results ready for the citizen to collect."""
        multi_day = [p for p in self.procedures if p.time_unit != TimeUnit.SAME_DAY and p.time_value >= 3]
        with_fee = [p for p in multi_day if p.fee > 0] or multi_day
        if not multi_day:
            return
        yesterday = self.calendar.previous_working_day(self.today)
        for i, hold in enumerate(HOLDS * len(self.desks)):
            rng = random.Random(self.rng.getrandbits(64))
            desk = self.desks[i % len(self.desks)]
            if hold == "new":
                moment = self.history.until - dt.timedelta(minutes=rng.randrange(20, 600))
                self._plan_one(
                    timezone.localdate(moment), rng=rng, desk=desk, hold=hold, online=True, moment=moment
                )
                continue
            back = rng.randint(0, 2)
            day = yesterday
            for _ in range(back):
                day = self.calendar.previous_working_day(day)
            procedure = rng.choice(with_fee if hold == "payment" else multi_day)
            online = hold == "accepted"
            moment = self._at(yesterday if online else day, rng, 8 * 60, 15 * 60)
            self._plan_one(
                day, rng=rng, desk=desk, hold=hold, online=online, moment=moment, procedure=procedure
            )

    def _plan_one(
        self,
        day: dt.date,
        *,
        rng: random.Random | None = None,
        desk: Desk | None = None,
        hold: str = "",
        online: bool | None = None,
        moment: dt.datetime | None = None,
        procedure: Procedure | None = None,
        fate: str = "",
    ) -> None:
        # Each dossier its own stream of chances: one change to a story moves no other.
        rng = rng or random.Random(self.rng.getrandbits(64))
        desk = desk or self.desks[rng.randrange(len(self.desks))]
        procedure = procedure or rng.choices(self.procedures, weights=self.weights)[0]
        if online is None:
            online = not self.calendar.is_working_day(day) or rng.random() < ONLINE_SHARE
        if moment is None:
            moment = (
                self._at(day, rng, 6 * 60, 22 * 60)
                if online
                else self._at(day, rng, 7 * 60 + 30, 16 * 60 + 45)
            )
        multi_day = procedure.time_unit != TimeUnit.SAME_DAY
        forced, x = fate, rng.random()
        fate = "returned"
        if x < REFUSED_SHARE:
            fate = "refused"
        elif x < REFUSED_SHARE + WITHDRAWN_SHARE:
            fate = "withdrawn" if multi_day else "returned"
        elif x < REFUSED_SHARE + WITHDRAWN_SHARE + STOPPED_SHARE:
            fate = "stopped"
        elif rng.random() < LATE_SHARE:
            fate = "late"
        if (self.today - day).days <= 21 and multi_day and rng.random() < STUCK_SHARE:
            fate = "stuck"
        if hold:
            fate = "returned"
        fate = forced or fate
        phone = f"09{rng.randrange(10**8):08d}"
        life = _Life(
            desk=desk,
            procedure=procedure,
            online=online,
            fate=fate,
            supplement=hold == "supplement"
            or (not hold and multi_day and procedure.time_value >= 3 and rng.random() < SUPPLEMENT_SHARE),
            payment=hold == "payment"
            or not hold
            and multi_day
            and procedure.fee > 0
            and procedure.time_value >= 3
            and rng.random() < PAYMENT_SHARE,
            signature=multi_day and rng.random() < SIGNATURE_SHARE,
            rated=rng.random() < RATED_SHARE,
            hold=hold,
            submission=dict(
                procedure=procedure,
                unit=desk.unit,
                channel=Channel.ONLINE if online else Channel.IN_PERSON,
                applicant_name=sample_name(rng),
                applicant_phone=phone,
                applicant_address=f"{rng.choice(desk.villages)}, {desk.unit.name}",
                id_number=id_number(rng),
                # At the desk the officer ticks the papers everyone must bring; online nothing is ticked until the
                # desk has checked the papers (`_check_online`).
                present_component_ids=[] if online else needed_papers(procedure),
                application=sample_answers(
                    procedure, rng, day=day, village=rng.choice(desk.villages), desk=desk
                ),
            ),
            rng=rng,
        )
        self.history.at(moment, lambda: self._submit(life))

    # --- moments ------------------------------------------------------------------------------------------------
    def _at(self, day: dt.date, rng: random.Random, lo: int, hi: int) -> dt.datetime:
        """A moment on `day` between `lo` and `hi` minutes after midnight, local time."""
        minutes = rng.randrange(lo, hi)
        return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=self.tz)

    def _work_day(self, after: dt.datetime, days: int) -> dt.date:
        return add_working_days(timezone.localtime(after).date(), days, calendar=self.calendar)

    def _office(self, day: dt.date, rng: random.Random, *, after: dt.datetime | None = None) -> dt.datetime:
        """A moment in office hours on `day`, after `after` when that is the same day."""
        moment = self._at(day, rng, 7 * 60 + 30, 16 * 60 + 30)
        if after is not None and moment <= after:
            moment = after + dt.timedelta(minutes=rng.randrange(10, 90))
        return moment

    def _unless_held(self, life: _Life, state: str, moment: dt.datetime) -> dt.datetime:
        return self.tomorrow if life.hold == state else moment

    def _soon(self, after: dt.datetime, rng: random.Random, lo: int = 10, hi: int = 120) -> dt.datetime:
        return after + dt.timedelta(minutes=rng.randrange(lo, hi))

    # --- the steps ----------------------------------------------------------------------------------------------
    def _submit(self, life: _Life) -> None:
        now = timezone.now()
        if life.online:
            life.dossier = dossier_submit(**life.submission)
            check_day = (
                self._work_day(now, 0) if self.calendar.is_working_day(now.date()) else self._work_day(now, 1)
            )
            moment = self._office(check_day, life.rng, after=now)
            if timezone.localtime(now).hour >= 16:
                moment = self._office(self._work_day(now, 1), life.rng)
            self.history.at(self._unless_held(life, "new", moment), lambda: self._check_online(life))
            return
        if life.fate == "refused":
            life.dossier = dossier_intake(
                decision="refuse",
                by=life.desk.desk,
                reason=life.rng.choice(REFUSAL_REASONS),
                **life.submission,
            )
            return
        life.dossier = dossier_submit(**life.submission, by=life.desk.desk, accept=True)
        self._after_acceptance(life)

    def _check_online(self, life: _Life) -> None:
        assert life.dossier is not None
        if life.fate == "refused":
            life.dossier = dossier_refuse(
                dossier=life.dossier, by=life.desk.desk, reason=life.rng.choice(REFUSAL_REASONS)
            )
            return
        life.dossier = dossier_accept(
            dossier=life.dossier,
            by=life.desk.desk,
            papers=[PaperTick(component_id=pk, received=True) for pk in needed_papers(life.procedure)],
        )
        self._after_acceptance(life)

    def _after_acceptance(self, life: _Life) -> None:
        moment = self._unless_held(life, "accepted", self._soon(timezone.now(), life.rng, 5, 90))
        self.history.at(moment, lambda: self._transfer(life))

    def _transfer(self, life: _Life) -> None:
        assert life.dossier is not None
        life.dossier = dossier_transfer(dossier=life.dossier, by=life.desk.desk, to_user=life.desk.handler)
        now = timezone.now()
        rng = life.rng
        if life.fate == "withdrawn":
            self.history.at(self._office(self._work_day(now, 1), rng), lambda: self._withdraw(life))
        elif life.fate == "stopped":
            self.history.at(self._soon(now, rng, 30, 240), lambda: self._stop(life))
        elif life.fate == "stuck":
            return  # still on the handler's desk, past its appointment: his overdue list
        elif life.supplement:
            self.history.at(self._office(self._work_day(now, 1), rng), lambda: self._supplement(life))
        elif life.payment:
            self.history.at(self._office(self._work_day(now, 1), rng), lambda: self._payment(life))
        else:
            self._plan_finish(life)

    def _supplement(self, life: _Life) -> None:
        assert life.dossier is not None
        papers = [c.name for c in life.procedure.components.all()][:2] or ["Bản sao giấy tờ tùy thân"]
        life.dossier = dossier_request_supplement(
            dossier=life.dossier, by=life.desk.handler, items=papers, reason=SUPPLEMENT_REASON
        )
        brought = self._office(self._work_day(timezone.now(), life.rng.randint(2, 6)), life.rng)
        brought = self._unless_held(life, "supplement", brought)
        self.history.at(brought, lambda: self._supplement_received(life))

    def _supplement_received(self, life: _Life) -> None:
        assert life.dossier is not None
        life.dossier = dossier_receive_supplement(dossier=life.dossier, by=life.desk.desk)
        if life.payment:
            self.history.at(self._soon(timezone.now(), life.rng, 60, 300), lambda: self._payment(life))
        else:
            self._plan_finish(life)

    def _payment(self, life: _Life) -> None:
        assert life.dossier is not None
        life.dossier = dossier_request_payment(
            dossier=life.dossier,
            by=life.desk.handler,
            amount=life.procedure.fee,
            note="Lệ phí theo quy định.",
        )
        paid = self._office(
            self._work_day(timezone.now(), life.rng.randint(0, 2)), life.rng, after=timezone.now()
        )
        self.history.at(self._unless_held(life, "payment", paid), lambda: self._paid(life))

    def _paid(self, life: _Life) -> None:
        assert life.dossier is not None
        life.dossier = dossier_record_payment(dossier=life.dossier, by=life.desk.desk)
        self._plan_finish(life)

    def _plan_finish(self, life: _Life) -> None:
        """The handler (or the chairman, after a hand-off for his signature) finishes on or before the
        appointment, or, for a late one, after a Form 04 apology the morning after it."""
        dossier, rng, now = life.dossier, life.rng, timezone.now()
        assert dossier is not None and dossier.current_appointment is not None
        appointment = dossier.current_appointment
        today = timezone.localdate(now)
        if today > appointment or life.fate == "late":
            # Past the appointment: Form 04 first (at once, or the morning after the appointment for a late one).
            when = (
                self._soon(now, rng, 5, 60)
                if today > appointment
                else self._at(
                    add_working_days(appointment, 1, calendar=self.calendar), rng, 7 * 60 + 30, 9 * 60
                )
            )
            self.history.at(when, lambda: self._apologize(life))
            return
        slack = max(0, min(rng.randint(0, 2), self._working_days(today, appointment)))
        day = appointment
        for _ in range(slack):
            day = self.calendar.previous_working_day(day)
        day = max(day, today)
        moment = self._office(day, rng, after=now)
        if timezone.localtime(moment).date() > appointment or life.hold == "processed":
            moment = self._soon(now, rng, 5, 30)  # no room left today (or ready early): finish at once
        self._plan_completion(life, moment)

    def _working_days(self, start: dt.date, end: dt.date) -> int:
        n, day = 0, start
        while day < end:
            day = add_working_days(day, 1, calendar=self.calendar)
            n += 1
        return n

    def _plan_completion(self, life: _Life, moment: dt.datetime) -> None:
        moment = self._unless_held(life, "in_progress", moment)
        if life.signature:
            handed = max(
                moment - dt.timedelta(hours=life.rng.randint(1, 5)), timezone.now() + dt.timedelta(minutes=5)
            )
            self.history.at(handed, lambda: self._to_leader(life))
            self.history.at(
                max(moment, handed + dt.timedelta(minutes=30)), lambda: self._complete(life, life.desk.leader)
            )
        else:
            self.history.at(moment, lambda: self._complete(life, life.desk.handler))

    def _to_leader(self, life: _Life) -> None:
        assert life.dossier is not None
        life.dossier = dossier_transfer(
            dossier=life.dossier, by=life.desk.handler, to_user=life.desk.leader, note="Trình ký kết quả."
        )

    def _apologize(self, life: _Life) -> None:
        assert life.dossier is not None
        new_day = add_working_days(timezone.localdate(), life.rng.randint(1, 3), calendar=self.calendar)
        life.dossier = dossier_apologize(
            dossier=life.dossier,
            by=life.desk.handler,
            reason=life.rng.choice(APOLOGY_REASONS),
            new_appointment=new_day,
        )
        self._plan_completion(life, self._office(new_day, life.rng))

    def _complete(self, life: _Life, by: User) -> None:
        assert life.dossier is not None
        life.dossier = dossier_complete(dossier=life.dossier, by=by, result_note="Đã có kết quả giải quyết.")
        appointment = life.dossier.current_appointment
        assert appointment is not None
        now = timezone.now()
        # Most citizens come on the day written on their receipt; some sooner, when called.
        day = appointment
        if life.rng.random() < 0.3:
            day = add_working_days(timezone.localdate(now), life.rng.randint(0, 1), calendar=self.calendar)
        day = min(day, appointment)
        moment = (
            self._office(day, life.rng, after=now)
            if day > timezone.localdate(now)
            else self._soon(now, life.rng, 15, 120)
        )
        if timezone.localtime(moment).date() > appointment:  # never past the appointment: that needs Form 04
            moment = now + dt.timedelta(minutes=5)
        if appointment >= self.today:  # a result waiting past its appointment would be overdue: never held
            moment = self._unless_held(life, "processed", moment)
        self.history.at(moment, lambda: self._return(life))

    def _return(self, life: _Life) -> None:
        assert life.dossier is not None
        rng, dossier = life.rng, life.dossier
        method = rng.choices(
            [ReturnMethod.IN_PERSON, ReturnMethod.POST, ReturnMethod.ONLINE],
            weights=[85, 5, 10 if life.online else 0],
        )[0]
        on_behalf = method == ReturnMethod.IN_PERSON and rng.random() < 0.1
        life.dossier = dossier_return(
            dossier=dossier,
            by=life.desk.desk,
            result_number=f"{RESULT_NAMES.get(life.procedure.code, 'Kết quả')} số {dossier.pk}/{dossier.received_at:%Y}"
            if dossier.received_at
            else f"Kết quả số {dossier.pk}",
            method=method,
            receiver_is_applicant=not on_behalf,
            receiver_name=sample_name(rng) if on_behalf else "",
            receiver_relationship="Người thân trong gia đình, có giấy ủy quyền" if on_behalf else "",
            fee_amount=dossier.fee,
            receipt_number=f"BL{dossier.pk:06d}" if dossier.fee else "",
        )
        if life.rated:
            self.history.at(self._soon(timezone.now(), life.rng, 30, 60 * 48), lambda: self._rate(life))

    def _rate(self, life: _Life) -> None:
        assert life.dossier is not None
        rng = life.rng
        if rng.random() < POOR_RATING_SHARE or life.fate == "late" and rng.random() < 0.5:
            score = lambda: rng.randint(1, 2)  # noqa: E731
            comment = rng.choice(POOR_COMMENTS)
            contacts = rng.randint(2, 3)
        else:
            score = lambda: rng.choice([4, 5, 5])  # noqa: E731
            comment = rng.choice(GOOD_COMMENTS)
            contacts = 1
        answers = {
            "overall": score(),
            "attitude": score(),
            "on_time": score(),
            "duration": score(),
            "contacts": contacts,
            "agencies": 1,
            "publicity": score(),
            "ease": score(),
        }
        dossier_rate(dossier=life.dossier, answers=answers, comment=comment)

    def _withdraw(self, life: _Life) -> None:
        assert life.dossier is not None
        day = timezone.localdate().strftime("%d/%m/%Y")
        life.dossier = dossier_withdraw(
            dossier=life.dossier, by=life.desk.desk, reason=life.rng.choice(WITHDRAWAL_REASONS).format(d=day)
        )

    def _stop(self, life: _Life) -> None:
        assert life.dossier is not None
        life.dossier = dossier_stop(
            dossier=life.dossier, by=life.desk.handler, reason=life.rng.choice(STOP_REASONS)
        )


def plan_desk_year(
    history: History,
    *,
    desks: list[Desk],
    procedures: list[Procedure],
    count: int,
    start: dt.date,
    end: dt.date,
    seed: int,
) -> None:
    """Plan `count` dossiers over `start`…`end` at the communes of `desks` (played by `history.run()`)."""
    DeskYear(history, desks=desks, procedures=procedures, seed=seed).plan(count=count, start=start, end=end)


__all__ = ["Desk", "plan_desk_year", "Status"]
