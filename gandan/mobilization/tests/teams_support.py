"""What the tổ dân vận tests share: the demo's mass-mobilisation officers (`danvan.songlo` of xã Sông Lô and
`danvan.tamson` of xã Tam Sơn, the same role in another commune), fresh villages to set teams up in (the demo gives
most villages of the four communes a team already), and a spreadsheet writer for the import."""

import io

from openpyxl import Workbook

from gandan.accounts.models import User
from gandan.units.models import Unit, UnitKind
from gandan.units.services import unit_create

OFFICER, OTHER_OFFICER = "danvan.songlo", "danvan.tamson"
HEADERS = ["Thôn/Tổ dân phố", "Họ và tên", "Vai trò trong tổ", "Chức vụ", "Số điện thoại", "Nhiệm kỳ từ ngày"]


def user(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


def new_village(commune: Unit, name: str) -> Unit:
    return unit_create(kind=UnitKind.VILLAGE, name=name, parent=commune, audit=False)


def xlsx(rows: list[list[object]], *, headers: list[str] = HEADERS) -> bytes:
    """A workbook whose first sheet holds `headers` then `rows`."""
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
