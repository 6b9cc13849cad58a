"""What the household-vote tests share: the demo's officers (`danvan.songlo` of xã Sông Lô manages, `chutich.songlo`
recognises, `danvan.tamson` is the same role in another commune), fresh villages with a register of N households,
times around now, and a spreadsheet writer for the import."""

import datetime as dt
import io
from typing import Any

from django.utils import timezone
from openpyxl import Workbook

from gandan.accounts.models import User
from gandan.democracy.models import Household, Vote
from gandan.democracy.services.votes import vote_create, vote_open
from gandan.units.models import Unit, UnitKind
from gandan.units.services import unit_create

OFFICER, LEADER, OTHER_OFFICER = "danvan.songlo", "chutich.songlo", "danvan.tamson"
HEADERS = [
    "Thôn/Tổ dân phố",
    "Số hộ",
    "Người đại diện hộ",
    "Địa chỉ",
    "Đồng ý biểu quyết trực tuyến",
    "Ngày đồng ý",
]
BOARD = "Nguyễn Văn An\nTrần Thị Bình\nLê Văn Cường"


def user(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


def new_village(commune: Unit, name: str) -> Unit:
    return unit_create(kind=UnitKind.VILLAGE, name=name, parent=commune, audit=False)


def register(village: Unit, households: int, *, opted_in: int = 0, prefix: str = "") -> list[Household]:
    """`households` current households of `village` (the first `opted_in` agreed to vote online)."""
    commune = village.parent
    assert commune is not None
    today = timezone.localdate()
    return Household.objects.bulk_create(
        Household(
            village=village,
            unit_path=village.path,
            commune_path=commune.path,
            code=f"{prefix}{n}",
            representative=f"Nguyễn Văn Hộ {n}",
            name_key=f"nguyen van ho {n}",
            online_optin=n <= opted_in,
            optin_on=today - dt.timedelta(days=10) if n <= opted_in else None,
        )
        for n in range(1, households + 1)
    )


def at(days: float = 0, hours: float = 0) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days, hours=hours)


def prepared(village: Unit, by: User, *, matter: int = 1, form: str = "meeting", **changes) -> Vote:
    """A vote prepared through the service: by default a meeting that opened an hour ago, noticed 3 days before."""
    values: dict[str, Any] = {
        "matter": matter,
        "form": form,
        "title": "Đóng góp làm đường bê tông liên xóm",
        "question": "Mỗi hộ đóng góp 600.000 đồng và 2 ngày công.",
        "notice_on": timezone.localdate() - dt.timedelta(days=3),
        "opens_at": at(hours=-1),
        "closes_at": at(hours=2),
        "counting_board": BOARD,
        "village_head": "Hoàng Văn Trưởng",
        "front_head": "Đỗ Thị Mặt Trận",
    }
    values.update(changes)
    return vote_create(village=village, by=by, **values)


def opened(village: Unit, by: User, **kwargs) -> Vote:
    return vote_open(vote=prepared(village, by, **kwargs), by=by)


def xlsx(rows: list[list[object]], *, headers: list[str] = HEADERS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


PAGES_VILLAGE = "Thôn Kiểm Tra Biểu Quyết"


def page_records(commune: Unit) -> dict[str, Any]:
    """For the walk of every staff page (gandan/tests/test_staff_pages.py, walk_records.py): a village of `commune`
    with a register of 30 households, a household ballot that is open and a meeting counted (passed). Found again on
    a second call."""
    from gandan.democracy.services.vote_results import vote_count

    officer = user(f"danvan.{ {'08848': 'songlo', '08824': 'tamson'}.get(commune.code, 'songlo') }")
    village = Unit.objects.filter(parent=commune, name=PAGES_VILLAGE).first() or new_village(
        commune, PAGES_VILLAGE
    )
    if not Household.objects.filter(village=village).exists():
        register(village, 30)
    vote = Vote.objects.filter(village=village, form="ballot").first() or opened(
        village, officer, matter=2, form="ballot", title="Lập quỹ khuyến học của thôn"
    )
    counted = Vote.objects.filter(village=village, form="meeting", status="counted").first()
    if counted is None:
        counted = vote_count(
            vote=opened(village, officer), counting_board=BOARD, present=25, yes=24, no=1, blank=0, by=officer
        )
    return {
        "household": Household.objects.filter(village=village).order_by("pk").first(),
        "vote": vote,
        "counted_vote": counted,
    }
