"""A year of petitions in the demo communes, told through the petition services at the moment each step happened
(played in time order by `gandan.kit.history.History`): received at the desk, by post, online or forwarded by the
Fatherland Front; classified by the inspector (accepted, not accepted, the citizen guided, forwarded, filed,
withdrawn); assigned by the chairman with the handler's deadline; verified (tasks); decided with a written result
before the statutory deadline — all but a few, left overdue on purpose for the worklists. The statutory deadlines
are the services' own (the clock rules in force on the day of receipt).

One function per kind of step (`_receive`, `_classify`, `_assign`, `_verify`, `_decide`); each plans the next.
Petitions received at a reception day come from the reception story (`gandan.reception.demo_story`), which calls
`reception_record_add(create_petition=True)` and hands the petition back here (`follow`) for the rest of its life.
"""

import datetime as dt
import random
from dataclasses import dataclass
from functools import partial

from django.utils import timezone

from gandan.accounts.models import User
from gandan.core.sample_names import sample_name
from gandan.core.workdays import WorkCalendar, add_working_days
from gandan.kit.history import History
from gandan.petitions.models import Channel, Kind, Petition, Status
from gandan.petitions.seeding import MATTERS
from gandan.petitions.services import (
    petition_accept,
    petition_add_task,
    petition_assign,
    petition_decide,
    petition_file,
    petition_forward,
    petition_guide,
    petition_not_accept,
    petition_receive,
    petition_task_done,
    petition_withdraw,
)
from gandan.units.models import Unit
from gandan.workcalendar.selectors import work_calendar

CHANNELS = [
    (Channel.DIRECT, 0.38),
    (Channel.ONLINE, 0.22),
    (Channel.POST, 0.16),
    (Channel.FRONT, 0.14),
    (Channel.FORWARDED, 0.10),
]
FORWARDERS = {
    Channel.FRONT: "Ban Thường trực Ủy ban MTTQ Việt Nam xã",
    Channel.FORWARDED: "Thanh tra tỉnh Phú Thọ",
}
# How the inspector classifies each kind: (outcome, weight).
CLASSIFY = {
    Kind.COMPLAINT: [("accept", 70), ("not_accept", 12), ("guide", 12), ("withdraw", 6)],
    Kind.DENUNCIATION: [("accept", 62), ("not_accept", 13), ("forward", 20), ("file", 5)],
    Kind.RECOMMENDATION: [("accept", 66), ("guide", 14), ("forward", 14), ("file", 6)],
    Kind.REFLECTION: [("accept", 66), ("guide", 14), ("forward", 14), ("file", 6)],
}
OVERDUE_SHARE = 0.12  # of the accepted cases of the last four months: still open past the statutory deadline
VERIFY_SHARE = 0.5
# What each commune shows at least once: (kind, how it goes, received how many days ago). "received": not yet
# classified; "unassigned": accepted, the chairman has not assigned it yet; "overdue": past its deadline.
CAST = [
    (Kind.COMPLAINT, "accept", 75),
    (Kind.DENUNCIATION, "accept", 70),
    (Kind.RECOMMENDATION, "accept", 40),
    (Kind.REFLECTION, "accept", 30),
    (Kind.COMPLAINT, "not_accept", 45),
    (Kind.REFLECTION, "guide", 35),
    (Kind.DENUNCIATION, "forward", 25),
    (Kind.RECOMMENDATION, "file", 20),
    (Kind.COMPLAINT, "withdraw", 15),
    (Kind.REFLECTION, "overdue", 50),
    (Kind.RECOMMENDATION, "received", 0),
    (Kind.COMPLAINT, "unassigned", 2),
]
BODIES = [
    "Phòng Nông nghiệp và Môi trường tỉnh Phú Thọ",
    "Công an xã",
    "Tòa án nhân dân khu vực",
    "Sở Xây dựng tỉnh Phú Thọ",
    "Công ty Điện lực Phú Thọ",
]
NOT_ACCEPT_REASONS = [
    "Nội dung khiếu nại đã được giải quyết bằng quyết định có hiệu lực, không có tình tiết mới.",
    "Đơn không ghi rõ nội dung, không có căn cứ để xác minh sau khi đã hướng dẫn bổ sung.",
]
FILE_REASONS = ["Đơn trùng nội dung với đơn đã được xem xét, giải quyết.", "Đơn không rõ địa chỉ, nội dung."]
RESULTS = {
    Kind.COMPLAINT: "Quyết định giải quyết khiếu nại lần đầu: {v} một phần nội dung khiếu nại; giao bộ phận "
    "địa chính đo đạc lại diện tích và điều chỉnh phương án bồi thường.",
    Kind.DENUNCIATION: "Kết luận nội dung tố cáo: tố cáo {v}; đã kiến nghị xử lý theo quy định.",
    Kind.RECOMMENDATION: "UBND xã trả lời: đã đưa nội dung kiến nghị vào kế hoạch năm tới; {v} trước mắt.",
    Kind.REFLECTION: "UBND xã đã kiểm tra thực tế, lập biên bản và yêu cầu chấm dứt vi phạm; {v}.",
}
RESULT_WORDS = {
    Kind.COMPLAINT: ["công nhận", "không công nhận", "công nhận"],
    Kind.DENUNCIATION: ["đúng một phần", "sai", "đúng"],
    Kind.RECOMMENDATION: ["tổ chức dặm vá tạm thời", "giao thôn phối hợp khắc phục"],
    Kind.REFLECTION: ["sẽ kiểm tra lại sau 30 ngày", "thông báo kết quả cho người phản ánh"],
}


@dataclass(frozen=True)
class Office:
    """The officers of one commune who work its petitions."""

    unit: Unit
    desk: User
    inspector: User
    handler: User
    leader: User
    villages: list[Unit]


class PetitionYear:
    def __init__(self, history: History, *, offices: list[Office], seed: int) -> None:
        self.history = history
        self.offices = {o.unit.pk: o for o in offices}
        self.rng = random.Random(seed)
        self.calendar: WorkCalendar = work_calendar()
        self.tz = timezone.get_current_timezone()
        self.today = timezone.localdate(history.until)

    # --- moments ------------------------------------------------------------------------------------------------
    def _at(
        self, day: dt.date, rng: random.Random, lo: int = 7 * 60 + 30, hi: int = 16 * 60 + 30
    ) -> dt.datetime:
        minutes = rng.randrange(lo, hi)
        return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=self.tz)

    def _after(self, days: int, rng: random.Random) -> dt.datetime:
        return self._at(add_working_days(timezone.localdate(), days, calendar=self.calendar), rng)

    # --- planning -----------------------------------------------------------------------------------------------
    def plan(self, *, count: int, start: dt.date, end: dt.date) -> None:
        days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
        working = [d for d in days if self.calendar.is_working_day(d)]
        offices = list(self.offices.values())
        for day in sorted(self.rng.choices(working, k=max(count - len(CAST) * len(offices), 0))):
            rng = random.Random(self.rng.getrandbits(64))
            office = offices[rng.randrange(len(offices))]
            self.history.at(self._at(day, rng), partial(self._receive, office, rng))
        self._plan_cast(offices)

    def _plan_cast(self, offices: list[Office]) -> None:
        """Every kind and every way a petition goes, at every commune, whatever the size of the demo: received
        (not yet classified), accepted but not yet assigned, overdue, and each classification's outcome."""
        for office in offices:
            for kind, outcome, days_ago in CAST:
                rng = random.Random(self.rng.getrandbits(64))
                if days_ago == 0:
                    moment = self.history.until - dt.timedelta(minutes=rng.randrange(30, 600))
                elif outcome == "unassigned":
                    # Counted in working days, so that it is accepted before today whatever today is (a Sunday
                    # or the day after Tết too): received three working days ago, accepted the next one.
                    moment = self._at(self._working_days_before(days_ago + 1), rng)
                else:
                    day = self.today - dt.timedelta(days=days_ago)
                    moment = self._at(self.calendar.next_working_day(day, include_self=True), rng)
                self.history.at(moment, partial(self._receive, office, rng, kind=kind, outcome=outcome))

    def _working_days_before(self, count: int) -> dt.date:
        """The working day `count` working days before today."""
        day = self.today
        while count:
            day -= dt.timedelta(days=1)
            if self.calendar.is_working_day(day):
                count -= 1
        return day

    def matter(self, rng: random.Random, village: Unit, kind: str = "") -> tuple[str, str, str]:
        """A kind (`kind`, or drawn), subject and content in the words of the commune's people."""
        matters = [m for m in MATTERS if m[0] == kind] or MATTERS
        kind, _share, subjects, sentences = rng.choices(matters, weights=[m[1] for m in matters])[0]
        place = village.name.removeprefix("Thôn ").removeprefix("Tổ dân phố ")
        picked = rng.sample(sentences, k=rng.randint(3, len(sentences)))
        fill = {"v": place, "n": sample_name(rng), "k": rng.randint(2, 99), "m": rng.randint(1, 12)}
        return kind, rng.choice(subjects).format(v=place), " ".join(s.format(**fill) for s in picked)

    def person(self, rng: random.Random, village: Unit, office: Office) -> dict[str, str]:
        return {
            "name": sample_name(rng),
            "address": f"{village.name}, {office.unit.name}",
            "phone": f"09{rng.randrange(10**8):08d}",
            "id_number": f"025{rng.choice('01')}{rng.randrange(50, 100):02d}{rng.randrange(10**6):06d}",
        }

    # --- the steps ----------------------------------------------------------------------------------------------
    def _receive(self, office: Office, rng: random.Random, *, kind: str = "", outcome: str = "") -> None:
        village = rng.choice(office.villages)
        kind, subject, content = self.matter(rng, village, kind)
        channel = rng.choices([c for c, _w in CHANNELS], weights=[w for _c, w in CHANNELS])[0]
        online = channel == Channel.ONLINE
        petitions = petition_receive(
            unit=office.unit,
            channel=channel,
            parts=[{"kind": kind, "subject": subject, "content": content}],
            persons=[self.person(rng, village, office)],
            forwarded_by=FORWARDERS.get(channel, ""),
            place=village,
            by=None if online else office.desk,
        )
        self.follow(petitions[0], rng, outcome=outcome)

    def follow(self, petition: Petition, rng: random.Random, *, outcome: str = "") -> None:
        """Plan the rest of a received petition's life (classification within its intake deadline)."""
        office = self.offices[petition.unit_id]
        when = self._after(rng.randint(1, 5), rng)
        if outcome == "received":
            when = self._after(1, rng) + dt.timedelta(days=1)  # still to come: not classified yet
        elif outcome == "unassigned":
            when = self._after(1, rng)  # accepted the next working day, before today
        self.history.at(when, lambda: self._classify(petition, office, rng, outcome=outcome))

    def _classify(self, petition: Petition, office: Office, rng: random.Random, *, outcome: str = "") -> None:
        outcomes = CLASSIFY[Kind(petition.kind)]
        plan = outcome
        if outcome not in {o for o, _w in outcomes}:
            outcome = (
                "accept"
                if outcome
                else rng.choices([o for o, _w in outcomes], weights=[w for _o, w in outcomes])[0]
            )
        by = office.inspector
        if outcome == "accept":
            petition = petition_accept(petition=petition, by=by)
            if plan != "unassigned":  # that one the chairman has not assigned yet
                when = self._after(rng.randint(0, 2), rng)
                self.history.at(when, lambda: self._assign(petition, office, rng, overdue=plan == "overdue"))
        elif outcome == "not_accept":
            petition_not_accept(petition=petition, by=by, reason=rng.choice(NOT_ACCEPT_REASONS))
        elif outcome == "guide":
            petition_guide(
                petition=petition, by=by, to_body=rng.choice(BODIES), reason="Không thuộc thẩm quyền."
            )
        elif outcome == "forward":
            petition_forward(
                petition=petition, by=by, to_body=rng.choice(BODIES), reason="Chuyển cơ quan có thẩm quyền."
            )
        elif outcome == "file":
            petition_file(petition=petition, by=by, reason=rng.choice(FILE_REASONS))
        else:
            petition_withdraw(petition=petition, by=by, reason="Người khiếu nại có đơn xin rút khiếu nại.")

    def _assign(
        self, petition: Petition, office: Office, rng: random.Random, *, overdue: bool = False
    ) -> None:
        petition.refresh_from_db()
        assignee = (
            office.inspector if petition.kind in (Kind.COMPLAINT, Kind.DENUNCIATION) else office.handler
        )
        due = petition.statutory_due
        handler_due = None
        if due is not None:
            handler_due = max(self.calendar.previous_working_day(due), timezone.localdate())
            for _ in range(2):
                handler_due = max(self.calendar.previous_working_day(handler_due), timezone.localdate())
        petition = petition_assign(
            petition=petition,
            by=office.leader,
            assignee=assignee,
            handler_due=handler_due,
            note="Xác minh, báo cáo.",
        )
        received = petition.received_on
        overdue = overdue or (self.today - received).days < 120 and rng.random() < OVERDUE_SHARE
        if rng.random() < VERIFY_SHARE:
            self.history.at(
                self._after(rng.randint(1, 3), rng), lambda: self._verify(petition, assignee, rng)
            )
        if overdue or due is None:
            return  # still open past its deadline: the chairman's and the handler's overdue lists
        span = max((due - timezone.localdate()).days, 1)
        decide_on = timezone.localdate() + dt.timedelta(days=int(span * rng.uniform(0.4, 0.9)))
        decide_on = max(self.calendar.next_working_day(decide_on, include_self=True), timezone.localdate())
        if decide_on > due:
            decide_on = due
        self.history.at(self._at(decide_on, rng), lambda: self._decide(petition, office, rng))

    def _verify(self, petition: Petition, assignee: User, rng: random.Random) -> None:
        petition.refresh_from_db()
        if petition.status != Status.ACCEPTED:
            return
        due = add_working_days(timezone.localdate(), rng.randint(3, 7), calendar=self.calendar)
        if petition.statutory_due:
            due = min(due, petition.statutory_due)
        task = petition_add_task(
            petition=petition,
            by=assignee,
            title="Xác minh thực địa, làm việc với các hộ liên quan",
            assignee=assignee,
            due=due,
        )
        self.history.at(
            self._at(due, rng) - dt.timedelta(days=rng.randint(0, 2)),
            lambda: petition_task_done(task=task, by=assignee, result="Đã xác minh, lập biên bản làm việc."),
        )

    def _decide(self, petition: Petition, office: Office, rng: random.Random) -> None:
        petition.refresh_from_db()
        if petition.status != Status.ACCEPTED:
            return
        kind = Kind(petition.kind)
        result = RESULTS[kind].format(v=rng.choice(RESULT_WORDS[kind]))
        petition_decide(
            petition=petition, by=office.leader, resolution=result, number=f"{rng.randint(10, 300)}/QĐ-UBND"
        )


def plan_petition_year(
    history: History, *, offices: list[Office], count: int, start: dt.date, end: dt.date, seed: int
) -> PetitionYear:
    """Plan `count` petitions over `start`…`end` (played by `history.run()`); the planner is returned so that the
    reception story can hand it the petitions recorded at reception days."""
    year = PetitionYear(history, offices=offices, seed=seed)
    year.plan(count=count, start=start, end=end)
    return year
