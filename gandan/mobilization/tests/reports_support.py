"""A quiet commune of Phú Thọ (none of the demo's four: no record of its own) given a known November 2026 by the
report tests: villages, teams and members, activities, models, petitions, dossiers, reception days and book lines,
alerts and issues. Each fixture is written as plain data first (`World`), so a test can count the figures it expects
from the same data with plain Python, then stored with the ORM.

The clock is frozen on Thursday 10/12/2026, 09:00 in Hà Nội time: November is over."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.accounts.services import user_create
from gandan.dossiers.models import Dossier, Procedure
from gandan.mobilization.models import Activity, Initiative, Member, Team
from gandan.opinion.models import Alert, Issue
from gandan.petitions.models import Clock, Petition
from gandan.reception.models import LeaderKind, ReceptionDay, ReceptionRecord
from gandan.units.models import Unit, UnitKind
from gandan.units.services import unit_create

VN = timezone.get_fixed_timezone(7 * 60)
NOW = dt.datetime(2026, 12, 10, 9, tzinfo=VN)
START, END = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
DEMO_COMMUNES = ("08848", "08824", "08782", "08773")
PASSWORD = "mat-khau-thu-nghiem-2026"


def day(month: int, d: int, year: int = 2026) -> dt.date:
    return dt.date(year, month, d)


def at(when: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(when, dt.time(hour, minute), tzinfo=VN)


def in_period(when: dt.date | None) -> bool:
    return when is not None and START <= when <= END


def quiet_commune() -> Unit:
    commune = (
        Unit.objects.current()
        .filter(path__startswith="25.", kind=UnitKind.COMMUNE)
        .exclude(code__in=DEMO_COMMUNES)
        .order_by("code")
        .first()
    )
    assert commune is not None, "the demo loads every commune of Phú Thọ"
    return commune


@dataclass(frozen=True)
class PetitionSpec:
    received: dt.datetime
    kind: str
    status: str
    resolved: dt.date | None
    clocks: list[tuple[dt.date, dt.date, dt.date | None, bool]]  # started, due, stopped, late


@dataclass(frozen=True)
class DossierSpec:
    received: dt.datetime  # submitted and received at the desk
    finished: dt.datetime | None
    due: dt.datetime  # the end of the statistic's due day
    supplements: int


@dataclass
class World:
    commune: Unit
    officer: User
    secretary: User
    chairman: User
    villages: dict[str, Unit] = field(default_factory=dict)


# The villages: A, B and C all November; D gone on 31/10; E set up on 1/12.
VILLAGES = {
    "A": ("Thôn Đồng Xuân", None, None),
    "B": ("Thôn Hạ Long", None, None),
    "C": ("Thôn Cầu Gỗ", None, None),
    "D": ("Thôn Cũ", None, day(10, 31)),
    "E": ("Tổ dân phố Mới", day(12, 1), None),
}
TEAMS = [
    ("A", day(1, 15, 2025), None),  # 0: all November
    ("B", day(11, 20), None),  # 1: set up during November
    ("C", None, day(11, 10)),  # 2: dissolved before the end
    ("C", day(12, 2), None),  # 3: set up after the end
]
MEMBERS = [
    (0, ["leader", "cell_secretary"], None, None),  # two roles: one person
    (0, ["village_head"], day(3, 1, 2024), END),  # left on the last day: no longer counted at the end
    (0, ["women"], None, day(11, 15)),  # left during November
    (0, ["youth"], day(12, 1), None),  # joins after the end
    (1, ["leader"], day(11, 20), None),
    (1, ["front_head", "farmers"], None, None),
    (2, ["leader"], None, None),  # in the dissolved team
    (3, ["leader"], None, None),  # in the team set up after the end
]
ACTIVITIES = [
    ("meeting", day(11, 5), None, ""),
    ("meeting", day(11, 28), None, ""),
    ("meeting", day(10, 31), None, ""),
    ("campaign", day(11, 12), 120, ""),
    ("campaign", day(11, 30), 80, ""),
    ("campaign", day(11, 18), None, ""),
    ("campaign", day(12, 1), 500, ""),
    ("mediation", day(11, 2), None, "success"),
    ("mediation", day(11, 9), None, "failed"),
    ("mediation", day(11, 21), None, "success"),
    ("mediation", day(10, 30), None, "success"),
    ("note", day(11, 14), None, ""),
]
# (registered, recognised, copied from: the index of an earlier one)
INITIATIVES = [
    (day(11, 3), day(11, 25), None),
    (day(9, 1), day(11, 2), None),
    (day(11, 10), None, 0),
    (day(12, 1), None, None),
    (day(10, 5), day(12, 3), None),
]
# Petitions: received, kind, status, resolved on, clocks [(started, due, stopped, late)]
PETITIONS = [
    PetitionSpec(received=at(day(11, 5)), kind="complaint", status="resolved", resolved=day(11, 20),
         clocks=[(day(11, 8), day(12, 5), day(11, 20), False)]),
    PetitionSpec(received=at(day(11, 7)), kind="denunciation", status="resolved", resolved=day(11, 28),
         clocks=[(day(11, 8), day(11, 25), day(11, 28), True)]),
    PetitionSpec(received=at(day(11, 30), 23, 30), kind="reflection", status="received", resolved=None,
         clocks=[(day(11, 30), day(12, 14), None, False)]),
    PetitionSpec(received=at(day(12, 1), 0, 10), kind="reflection", status="received", resolved=None, clocks=[]),
    PetitionSpec(received=at(day(10, 20)), kind="recommendation", status="accepted", resolved=None,
         clocks=[(day(10, 23), day(11, 15), None, False)]),
    PetitionSpec(received=at(day(10, 21)), kind="complaint", status="resolved", resolved=day(12, 2),
         clocks=[(day(10, 24), day(11, 29), day(12, 2), True)]),
    PetitionSpec(received=at(day(10, 22)), kind="complaint", status="resolved", resolved=day(11, 30),
         clocks=[(day(10, 25), day(11, 29), day(11, 30), True)]),
    PetitionSpec(received=at(day(10, 23)), kind="reflection", status="accepted", resolved=None,
         clocks=[(day(10, 26), day(12, 3), None, False)]),
]  # fmt: skip
# Dossiers: submitted (= received at the desk), finished, the end of the statistic's due day, supplements
DOSSIERS = [
    DossierSpec(
        received=at(day(11, 3)), finished=at(day(11, 10)), due=at(day(11, 12), 23, 59), supplements=0
    ),
    DossierSpec(
        received=at(day(11, 4)), finished=at(day(11, 20)), due=at(day(11, 15), 23, 59), supplements=0
    ),
    DossierSpec(received=at(day(11, 25)), finished=None, due=at(day(12, 20), 23, 59), supplements=0),
    DossierSpec(received=at(day(10, 1)), finished=None, due=at(day(11, 10), 23, 59), supplements=0),
    DossierSpec(
        received=at(day(10, 2)), finished=at(day(10, 20)), due=at(day(10, 25), 23, 59), supplements=0
    ),
    DossierSpec(received=at(day(11, 6)), finished=at(day(11, 9)), due=at(day(11, 20), 23, 59), supplements=2),
    DossierSpec(received=at(day(12, 2)), finished=None, due=at(day(12, 12), 23, 59), supplements=0),
]
# Reception days: (office, day, held, cancelled, ad hoc)
DAYS = [
    ("chairman", day(11, 3), True, False, False),
    ("chairman", day(11, 10), True, False, False),
    ("chairman", day(11, 12), True, False, True),
    ("chairman", day(11, 17), False, False, False),
    ("chairman", day(11, 24), False, True, False),
    ("chairman", day(12, 1), True, False, False),  # in the week of Monday 30/11
    ("chairman", day(10, 27), True, False, False),  # in the week of Monday 26/10
    ("secretary", day(11, 5), True, False, False),
    ("secretary", day(11, 19), True, False, False),
    ("secretary", day(12, 3), True, False, False),
]
RECORDS = [(at(day(11, 3), 8), 1), (at(day(11, 10), 9), 6), (at(day(12, 1), 8), 2)]
# Alerts: (issue index, raised, level, closed in November)
ALERTS = [
    (0, at(day(11, 4)), 3, False),
    (0, at(day(11, 18)), 2, True),
    (1, at(day(11, 29)), 2, False),
    (1, at(day(10, 31), 20), 1, False),
]
ISSUES = [
    (at(day(11, 2)), "open"),
    (at(day(10, 10)), "open"),
    (at(day(11, 15)), "merged"),
    (at(day(11, 16)), "open"),
]


def build() -> World:
    commune = quiet_commune()
    officer, secretary, chairman = (
        user_create(username=f"{name}.yentinh", password=PASSWORD, full_name=full, unit=commune, roles=[role])
        for name, full, role in (
            ("danvan", "Hà Thị Dân Vận", Role.MOBILIZATION_OFFICER),
            ("bithu", "Nguyễn Văn Bí Thư", Role.PARTY_SECRETARY),
            ("chutich", "Trần Văn Chủ Tịch", Role.UNIT_LEADER),
        )
    )
    world = World(commune, officer, secretary, chairman)
    for key, (name, since, until) in VILLAGES.items():
        world.villages[key] = unit_create(
            kind=UnitKind.RESIDENTIAL_GROUP if name.startswith("Tổ") else UnitKind.VILLAGE,
            name=name,
            parent=commune,
            valid_from=since,
            valid_to=until,
            audit=False,
        )
    teams = []
    for key, established, dissolved in TEAMS:
        village = world.villages[key]
        teams.append(
            Team.objects.create(
                village=village,
                unit_path=village.path,
                commune_path=commune.path,
                name=f"Tổ dân vận {village.name}",
                established_on=established,
                dissolved_on=dissolved,
                created_by=officer,
            )
        )
    for n, (team, roles, since, until) in enumerate(MEMBERS):
        Member.objects.create(
            team=teams[team],
            unit_path=teams[team].unit_path,
            full_name=f"Thành viên {n}",
            name_key=f"thanh vien {n}",
            roles=roles,
            term_start=since,
            term_end=until,
        )
    for n, (kind, held, people, result) in enumerate(ACTIVITIES):
        Activity.objects.create(
            unit=commune,
            unit_path=teams[0].unit_path,
            team=teams[0],
            kind=kind,
            held_on=held,
            title=f"Hoạt động {n}",
            people_reached=people,
            mediation_result=result,
            created_by=officer,
        )
    made: list[Initiative] = []
    for n, (registered, recognised, source) in enumerate(INITIATIVES):
        made.append(
            Initiative.objects.create(
                unit=commune,
                unit_path=commune.path,
                name=f"Mô hình {n}",
                name_search=f"mo hinh {n}",
                field="economy",
                owner_kind="team",
                owner_name="Tổ dân vận",
                place="Thôn Đồng Xuân",
                period_start=registered,
                description="Mô tả",
                status="recognised" if recognised else "registered",
                level="commune" if recognised else "",
                recognised_on=recognised,
                copied_from=made[source] if source is not None else None,
                registered_on=registered,
                registered_by=officer,
            )
        )
    for n, p in enumerate(PETITIONS):
        petition = Petition.objects.create(
            code=f"DT-TEST-{n:03d}",
            unit=commune,
            unit_path=commune.path,
            kind=p.kind,
            channel="direct",
            status=p.status,
            received_at=p.received,
            received_on=timezone.localtime(p.received).date(),
            subject=f"Đơn {n}",
            content="Nội dung",
            petitioner_display="Người dân",
            resolved_on=p.resolved,
        )
        for started, due, stopped, late in p.clocks:
            Clock.objects.create(
                petition=petition,
                role="resolve",
                started_on=started,
                original_due=due,
                due=due,
                stopped_on=stopped,
                late=late,
            )
    procedure = Procedure.objects.order_by("pk").first()
    assert procedure is not None, "the demo loads the procedures"
    for n, d in enumerate(DOSSIERS):
        Dossier.objects.create(
            code=f"HS-TEST-{n:03d}",
            procedure=procedure,
            unit=commune,
            unit_path=commune.path,
            channel=1,
            status=10 if d.finished else 3,
            applicant_name="Người nộp",
            applicant_address="Thôn Đồng Xuân",
            submitted_at=d.received,
            received_at=d.received,
            appointment=timezone.localtime(d.due).date(),
            current_appointment=timezone.localtime(d.due).date(),
            stat_due_at=d.due,
            supplement_count=d.supplements,
            finished_at=d.finished,
        )
    offices = {
        "chairman": (LeaderKind.COMMUNE_CHAIRMAN, chairman),
        "secretary": (LeaderKind.COMMUNE_PARTY_SECRETARY, secretary),
    }
    for office, when, was_held, cancelled, ad_hoc in DAYS:
        leader_kind, leader = offices[office]
        ReceptionDay.objects.create(
            unit=commune,
            unit_path=commune.path,
            leader=leader,
            leader_kind=leader_kind,
            day=when,
            place="Trụ sở UBND xã",
            held=was_held,
            cancelled_reason="Bận họp" if cancelled else "",
            ad_hoc=ad_hoc,
            ad_hoc_reason="Vụ việc đông người" if ad_hoc else "",
        )
    for moment, people in RECORDS:
        ReceptionRecord.objects.create(
            unit=commune,
            unit_path=commune.path,
            at=moment,
            officer=officer,
            citizen_name="Công dân",
            citizen_address="Thôn Hạ Long",
            content="Kiến nghị",
            kind="recommendation",
            people_count=people,
        )
    issues = [
        Issue.objects.create(
            unit=commune,
            unit_path=commune.path,
            title=f"Vấn đề {n}",
            status=status,
            first_seen=seen,
            last_seen=seen,
        )
        for n, (seen, status) in enumerate(ISSUES)
    ]
    for issue, raised, level, closed in ALERTS:
        Alert.objects.create(
            issue=issues[issue],
            unit=commune,
            unit_path=commune.path,
            level=level,
            raised_at=raised,
            status="closed" if closed else "raised",
            closed_at=at(day(11, 25)) if closed else None,
            reasons=[],
        )
    return world
