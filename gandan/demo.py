"""The demo data: the national unit list, the Sông Lô demo area, the calendar, and a staff user for every role.

Idempotent: running it twice changes nothing the first run made, and never overwrites what officials edited.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from tqdm import tqdm

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.accounts.services import user_create
from gandan.dossiers.models import Dossier
from gandan.dossiers.seeding import seed_dossiers
from gandan.dossiers.selectors import procedures_in_force
from gandan.dossiers.services.catalogue import procedures_load_demo
from gandan.units.loading import national_divisions, units_load_demo, units_load_national
from gandan.units.models import Unit
from gandan.workcalendar.services import calendar_seed

DEMO_PASSWORD = "GanDan@2026"  # noqa: S105 — printed for the demo on purpose; real deployments create their own


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


def load_demo(*, progress: bool = True) -> dict[str, int]:
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
    created_dossiers = _demo_dossiers(progress=progress)
    created_petitions = _demo_petitions()
    created_schedules = _demo_reception_schedules()
    return {
        "units": created_units,
        "calendar_days": created_days,
        "users": created_users,
        "procedures": created_procedures,
        "dossiers": created_dossiers,
        "petitions": created_petitions,
        "reception_schedules": created_schedules,
    }


DEMO_DOSSIERS = 400


def _demo_dossiers(*, progress: bool) -> int:
    """A few hundred dossiers over the last four months in the four communes, once (never on top of real ones)."""
    if Dossier.objects.exists():
        return 0
    units = list(Unit.objects.filter(code__in=COMMUNE_SLUGS, valid_to__isnull=True))
    procedures = list(procedures_in_force())
    if not units or not procedures:
        return 0
    today = timezone.localdate()
    handlers = {u.unit_id: u for u in User.objects.filter(username__startswith="xuly.")}
    with tqdm(total=DEMO_DOSSIERS, desc="Hồ sơ mẫu", unit="hs", disable=not progress, leave=False) as bar:
        return seed_dossiers(
            count=DEMO_DOSSIERS,
            units=units,
            procedures=procedures,
            start=today - dt.timedelta(days=120),
            end=today,
            progress=bar.update,
            handlers=handlers,
        )


DEMO_PETITIONS = 160


def _demo_petitions() -> int:
    """A few months of petitions in the four communes, with real duplicate keys, once (never on top of real ones)."""
    from gandan.petitions.models import Petition
    from gandan.petitions.seeding import seed_petitions
    from gandan.petitions.services import clock_rules_seed

    clock_rules_seed()  # the migration seeds them; a flushed test database needs them again

    if Petition.objects.exists():
        return 0
    units = list(Unit.objects.filter(code__in=COMMUNE_SLUGS, valid_to__isnull=True))
    if not units:
        return 0
    today = timezone.localdate()
    handlers = {u.unit_id: u for u in User.objects.filter(username__startswith="xuly.")}
    return seed_petitions(
        count=DEMO_PETITIONS, units=units, start=today - dt.timedelta(days=120), end=today, assignees=handlers
    )


def _demo_reception_schedules() -> int:
    """The leaders' recurring reception days in the four communes (gandan/reception/seeding.py), valid for the year
    the demo covers."""
    from gandan.reception.seeding import seed_reception_schedules

    units = list(Unit.objects.filter(code__in=COMMUNE_SLUGS, valid_to__isnull=True))
    return seed_reception_schedules(units=units, since=timezone.localdate() - dt.timedelta(days=365))
