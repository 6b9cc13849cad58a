"""The demo data: the national unit list, the Sông Lô demo area, the calendar, and a staff user for every role.

Idempotent: running it twice changes nothing the first run made, and never overwrites what officials edited.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from tqdm import tqdm

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.accounts.services import user_create
from gandan.dossiers.demo_story import Desk, plan_desk_year
from gandan.dossiers.models import Dossier
from gandan.dossiers.selectors import procedures_in_force
from gandan.dossiers.services.catalogue import procedures_load_demo
from gandan.kit.history import History
from gandan.petitions.demo_story import Office, plan_petition_year
from gandan.reception.demo_story import Reception, plan_reception_year
from gandan.units.loading import national_divisions, units_load_demo, units_load_national
from gandan.units.models import Unit
from gandan.workcalendar.services import calendar_seed

DEMO_PASSWORD = "GanDan@2026"  # noqa: S105 — printed for the demo on purpose; real deployments create their own
# An integrator's key for xã Sông Lô (read, exports, open311), printed with the logins for the same reason: to try the
# API with curl at once (docs/apikeys.md). Published, so never in a real installation (`gandan demo` refuses one).
DEMO_API_KEY = "gd_demo2026_PublishedDemoKey-SongLo-NotForRealData-2026"
DEMO_API_KEY_SCOPES = ["read", "exports", "open311"]


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    position: str
    roles: tuple[Role, ...]
    unit_code: str  # official code of the unit (commune code, or "25" for the province)


COMMUNE_SLUGS = {"08848": "songlo", "08824": "tamson", "08782": "hailuu", "08773": "yenlang"}
_STAFF = [
    ("motcua", "Cán bộ một cửa", (Role.DESK_OFFICER,)),
    ("xuly", "Công chức xử lý hồ sơ", (Role.CASE_HANDLER,)),
    ("chutich", "Chủ tịch UBND xã", (Role.UNIT_LEADER,)),
    ("bithu", "Bí thư Đảng uỷ xã", (Role.PARTY_SECRETARY,)),
    ("danvan", "Cán bộ dân vận", (Role.MOBILIZATION_OFFICER,)),
    ("thanhtra", "Công chức thanh tra", (Role.INSPECTOR,)),
]
_NAMES = {
    "songlo": [
        "Nguyễn Thị Hoa",
        "Trần Văn Nam",
        "Lê Văn Hùng",
        "Phạm Đức Thắng",
        "Đỗ Thị Lan",
        "Hoàng Văn Sơn",
    ],
    "tamson": [
        "Vũ Thị Mai",
        "Bùi Văn Tuấn",
        "Đặng Quốc Huy",
        "Ngô Văn Bình",
        "Dương Thị Hằng",
        "Lý Văn Toàn",
    ],
    "hailuu": [
        "Phan Thị Thu",
        "Trịnh Văn Long",
        "Nguyễn Hữu Phúc",
        "Kiều Văn Dũng",
        "Tạ Thị Nga",
        "Cao Văn Lực",
    ],
    "yenlang": [
        "Hà Thị Yến",
        "Lưu Văn Khánh",
        "Triệu Văn Quý",
        "Đinh Công Minh",
        "Mạc Thị Thảo",
        "Lò Văn Hải",
    ],
}


def demo_users() -> list[DemoUser]:
    users = [
        DemoUser(
            "giamsat.phutho",
            "Nguyễn Văn Thành",
            "Chuyên viên Ban Dân vận Tỉnh uỷ",
            (Role.PROVINCE_SUPERVISOR,),
            "25",
        ),
        DemoUser("quantri.phutho", "Trần Thị Minh", "Quản trị hệ thống", (Role.SYSTEM_ADMIN,), "25"),
    ]
    for code, slug in COMMUNE_SLUGS.items():
        for (prefix, position, roles), name in zip(_STAFF, _NAMES[slug], strict=True):
            users.append(DemoUser(f"{prefix}.{slug}", name, position, roles, code))
    return users


def foreign_accounts() -> list[str]:
    """Usernames in the database that the demo did not make: a sign of real data, which the demo must not join."""
    demo = {spec.username for spec in demo_users()}
    return sorted(set(User.objects.values_list("username", flat=True)) - demo)


@dataclass(frozen=True)
class DemoSize:
    """How much history the demo tells: dossiers and petitions over the last 12 months, reception days over the
    last `reception_months` (and the weeks ahead)."""

    dossiers: int
    petitions: int
    reception_months: int


# "small" is for the tests: every state, a fraction of the time.
DEMO_SIZES = {"full": DemoSize(1000, 180, 12), "small": DemoSize(150, 40, 2)}
DEMO_SEED = 2026
DEMO_MONTHS = 12


def load_demo(*, progress: bool = True, size: str = "full") -> dict[str, int]:
    total = sum(1 + len(p["wards"]) for p in national_divisions())
    with tqdm(total=total, desc="Đơn vị hành chính", unit="đv", disable=not progress, leave=False) as bar:
        created_units = units_load_national(progress=bar.update)
    units_load_demo()
    created_days = calendar_seed()
    created_procedures = procedures_load_demo()
    created_users = 0
    for spec in demo_users():
        if User.objects.filter(username=spec.username).exists():
            continue
        unit = Unit.objects.get(code=spec.unit_code, valid_to__isnull=True)
        user_create(
            username=spec.username,
            password=DEMO_PASSWORD,
            full_name=spec.full_name,
            position=spec.position,
            unit=unit,
            roles=list(spec.roles),
        )
        created_users += 1
    story = _demo_year(size=size, progress=progress)
    created_schedules = _demo_reception_schedules()
    created_teams = _demo_mobilization_teams()
    created_activities = _demo_mobilization_activities()  # before opinion: the teams' notes join its issues
    created_keys = _demo_api_key()  # before the field reports: some come from an Open311 app with it
    created_places = _demo_places()
    created_reports = _demo_field_reports(size=size)  # before opinion: their descriptions are signals too
    democracy = _demo_dialogues_and_democracy(
        documents=size == "full"
    )  # questions and opinions are signals too
    created_signals = _demo_opinion(size=size)
    created_models = _demo_mobilization_models(size=size)
    news = _demo_news(size=size)  # after opinion: readers' opinions are signals too
    figures = _demo_dashboard()  # last: the dashboard's figures are counted from everything above
    return {
        "units": created_units,
        "calendar_days": created_days,
        "users": created_users,
        "procedures": created_procedures,
        **story,
        "reception_schedules": created_schedules,
        "signals": created_signals,
        "mobilization_teams": created_teams,
        "mobilization_activities": created_activities,
        "mobilization_models": created_models,
        **democracy,
        **news,
        "dashboard_figures": figures,
        "api_keys": created_keys,
        "place_points": created_places,
        "field_reports": created_reports,
    }


def _demo_places() -> int:
    from gandan.fieldreports.seeding import places_load_demo

    return places_load_demo()


def _demo_field_reports(*, size: str) -> int:
    """Six weeks of field reports in the four communes, in every state (gandan/fieldreports/demo_story.py); their
    messages to the reporters went out at the time, the officers read their inbox as the other stories do."""
    from gandan.fieldreports.demo_story import seed_field_reports

    made = seed_field_reports(communes=_demo_communes(), size=size)
    if made:
        _history_notifications_sent()
        _history_inbox_read()
    return made


def _demo_communes() -> list[Unit]:
    return list(Unit.objects.filter(code__in=COMMUNE_SLUGS, valid_to__isnull=True).order_by("code"))


def _staff(slug: str) -> dict[str, User]:
    return {
        prefix: User.objects.select_related("unit").get(username=f"{prefix}.{slug}")
        for prefix, _position, _roles in _STAFF
    }


def _villages(commune: Unit) -> list[Unit]:
    return list(Unit.objects.filter(parent=commune, valid_to__isnull=True).order_by("name"))


def _demo_year(*, size: str, progress: bool) -> dict[str, int]:
    """Twelve months of the four communes' work, told once (never on top of real records): dossiers, petitions,
    reception days and their books, each through the services the pages use, at the moment it happened
    (gandan.kit.history). Reproducible: a fixed seed and today's date decide everything."""
    from gandan.petitions.models import Petition
    from gandan.petitions.services import clock_rules_seed
    from gandan.reception.models import ReceptionDay

    clock_rules_seed()  # the migration seeds them; a flushed test database needs them again
    created = {"dossiers": 0, "petitions": 0, "reception_days": 0}
    communes = _demo_communes()
    if not communes or Dossier.objects.exists() or Petition.objects.exists() or ReceptionDay.objects.exists():
        return created
    scale = DEMO_SIZES[size]
    now = timezone.now()
    today = timezone.localdate(now)
    start = today - dt.timedelta(days=365 * DEMO_MONTHS // 12)
    history = History(until=now)
    casts = {c.pk: _staff(COMMUNE_SLUGS[c.code]) for c in communes}
    villages = {c.pk: _villages(c) for c in communes}
    plan_desk_year(
        history,
        desks=[
            Desk(
                unit=c,
                desk=casts[c.pk]["motcua"],
                handler=casts[c.pk]["xuly"],
                leader=casts[c.pk]["chutich"],
                villages=[v.name for v in villages[c.pk]] or [c.name],
            )
            for c in communes
        ],
        procedures=list(procedures_in_force().prefetch_related("components")),
        count=scale.dossiers,
        start=start,
        end=today,
        seed=DEMO_SEED,
    )
    petition_year = plan_petition_year(
        history,
        offices=[
            Office(
                unit=c,
                desk=casts[c.pk]["motcua"],
                inspector=casts[c.pk]["thanhtra"],
                handler=casts[c.pk]["xuly"],
                leader=casts[c.pk]["chutich"],
                villages=villages[c.pk] or [c],
            )
            for c in communes
        ],
        count=scale.petitions,
        start=start,
        end=today,
        seed=DEMO_SEED + 1,
    )
    plan_reception_year(
        history,
        receptions=[
            Reception(
                unit=c,
                chairman=casts[c.pk]["chutich"],
                secretary=casts[c.pk]["bithu"],
                desk=casts[c.pk]["motcua"],
                villages=villages[c.pk] or [c],
            )
            for c in communes
        ],
        petitions=petition_year,
        start=max(start, today - dt.timedelta(days=scale.reception_months * 365 // 12)),
        seed=DEMO_SEED + 2,
    )
    with (
        tqdm(
            total=len(history), desc="Một năm công việc", unit="việc", disable=not progress, leave=False
        ) as bar,
        transaction.atomic(),
    ):

        def shown(done: int, waiting: int) -> None:
            bar.total = done + waiting  # the stories grow as they are told
            bar.update(1)

        history.run(progress=shown)
    _history_notifications_sent()
    _history_inbox_read()
    created["dossiers"] = Dossier.objects.count()
    created["petitions"] = Petition.objects.count()
    created["reception_days"] = ReceptionDay.objects.count()
    return created


def _history_notifications_sent() -> None:
    """The messages of a year past went out at the time and their send tasks ran then: a worker started on the
    demo has nothing of the past left to send. (The story is told only into a database with no records of its own,
    so every message waiting here is one of its own.)"""
    from django_tasks_db.models import DBTaskResult

    from gandan.notify.models import Notification, NotificationStatus
    from gandan.notify.tasks import notification_send_task

    Notification.objects.filter(status=NotificationStatus.PENDING).update(
        status=NotificationStatus.SENT, sent_at=F("created_at")
    )
    DBTaskResult.objects.filter(task_path=notification_send_task.module_path, status="READY").delete()


INBOX_RECENT_DAYS = 3


def _history_inbox_read() -> None:
    """The officers read their inbox during the year past: only the last few days' items wait unread, so a
    newcomer logging in sees recent work, not hundreds of lines about dossiers long settled. (As above, every item
    here is the story's own.)"""
    from gandan.notify.models import InboxItem

    since = timezone.now() - dt.timedelta(days=INBOX_RECENT_DAYS)
    InboxItem.objects.filter(read_at__isnull=True, created_at__lt=since).update(read_at=F("created_at"))


def _demo_opinion(*, size: str) -> int:
    """What citizens wrote these eight weeks (gandan/opinion/demo_story.py), processed with the year's petitions and
    reception statements: the worker started on the demo has no signal of the past left to group."""
    from django_tasks_db.models import DBTaskResult

    from gandan.opinion.demo_story import demo_signals
    from gandan.opinion.tasks import opinion_process_task

    recorded = demo_signals(size=size)
    DBTaskResult.objects.filter(task_path=opinion_process_task.module_path, status="READY").delete()
    return recorded


def _demo_reception_schedules() -> int:
    """The leaders' recurring reception days in the four communes (gandan/reception/seeding.py), valid for the year
    the demo covers."""
    from gandan.reception.seeding import seed_reception_schedules

    units = list(Unit.objects.filter(code__in=COMMUNE_SLUGS, valid_to__isnull=True))
    return seed_reception_schedules(units=units, since=timezone.localdate() - dt.timedelta(days=365))


TEAMS_ENTERED_DAYS_AGO = 330  # the officers entered their network at the start of the year the demo tells


def _demo_mobilization_teams() -> int:
    """The tổ dân vận of the four communes' villages, with a few gaps (gandan/mobilization/seeding_teams.py),
    entered in the system at the start of the demo's year (their audit events with them, not on top of today's)."""
    from gandan.kit.history import clock_at
    from gandan.mobilization.seeding_teams import seed_teams

    moment = timezone.now() - dt.timedelta(days=TEAMS_ENTERED_DAYS_AGO)
    with clock_at(moment):
        return seed_teams(communes=_demo_communes(), today=timezone.localdate(moment))


def _demo_mobilization_activities() -> int:
    """A season of the teams' work: monthly meetings, campaigns, mediation cases, notes of what people are saying
    (gandan/mobilization/seeding_activities.py)."""
    from gandan.mobilization.seeding_activities import seed_activities

    return seed_activities(communes=_demo_communes(), today=timezone.localdate())


def _demo_dialogues_and_democracy(*, documents: bool) -> dict[str, int]:
    """Each demo commune's dialogues with their questions and commitments, its disclosures, consultations, household
    registers and votes, covenants and supervision boards, each through its module's seeding (gandan/dialogues/
    seeding_dialogues.py, gandan/democracy/seeding_*.py); the full demo attaches documents to the disclosures."""
    from gandan.democracy.seeding_consultations import seed_consultations
    from gandan.democracy.seeding_covenants import seed_covenants
    from gandan.democracy.seeding_disclosures import seed_disclosures
    from gandan.democracy.seeding_supervision import seed_supervision
    from gandan.democracy.seeding_votes import seed_votes
    from gandan.dialogues.seeding_dialogues import seed_dialogues

    communes = _demo_communes()
    today = timezone.localdate()
    return {
        "dialogues": seed_dialogues(communes=communes, today=today),
        "disclosures": seed_disclosures(communes=communes, today=today, documents=documents),
        "consultations": seed_consultations(communes=communes, today=today),
        "households": seed_votes(communes=communes, today=today),
        "covenants": seed_covenants(communes=communes, today=today),
        "board_members": seed_supervision(communes=communes, today=today),
    }


def _demo_mobilization_models(*, size: str) -> int:
    """A dozen "dân vận khéo" models at every stage with two replications (gandan/mobilization/
    seeding_initiatives.py); the full demo draws two photos for each recognised one."""
    from gandan.mobilization.seeding_initiatives import seed_initiatives

    return seed_initiatives(communes=_demo_communes(), today=timezone.localdate(), photos=size == "full")


def _demo_news(*, size: str) -> dict[str, int]:
    """A dozen articles of each demo commune over the last months, written by its desk officer and published by its
    chairman, the full demo with drawn photos (gandan/news/seeding_news.py), and readers' opinions moderated by its
    mass-mobilisation officer (gandan/news/seeding_comments.py)."""
    from gandan.news.seeding_comments import seed_comments
    from gandan.news.seeding_news import seed_articles

    articles = comments = 0
    for commune in _demo_communes():
        staff = _staff(COMMUNE_SLUGS[commune.code])
        made = seed_articles(
            commune, author=staff["motcua"], publisher=staff["chutich"], count=12, photos=size == "full"
        )
        articles += len(made)
        comments += seed_comments(made, moderator=staff["danvan"])
    return {"news_articles": articles, "news_comments": comments}


def _demo_api_key() -> int:
    from gandan.apikeys.models import ApiKey
    from gandan.apikeys.rules import key_prefix
    from gandan.apikeys.services import apikey_create

    if ApiKey.objects.filter(prefix=key_prefix(DEMO_API_KEY)).exists():
        return 0
    apikey_create(
        name="Khóa mẫu — thử API (xã Sông Lô)",
        unit=Unit.objects.get(code="08848", valid_to__isnull=True),
        scopes=DEMO_API_KEY_SCOPES,
        by=None,
        published=DEMO_API_KEY,
    )
    return 1


def _demo_dashboard() -> int:
    """The dashboard's stored monthly figures for the demo communes (the worker refreshes them later); none again on
    a second run, which adds no record."""
    from gandan.dashboard.models import MonthlyFigure
    from gandan.dashboard.services import figures_refresh

    paths = [commune.path for commune in _demo_communes()]
    if MonthlyFigure.objects.filter(commune_path__in=paths).exists():
        return 0
    return figures_refresh(paths=paths)
