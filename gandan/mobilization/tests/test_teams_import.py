"""Importing a commune's teams from a spreadsheet: a right file creates the missing teams and every member; a file
with any wrong line saves nothing and says, line by line and in Vietnamese, what to fix; a file that is not a plain
workbook is refused with a clear message."""

import datetime as dt
import io
import zipfile

import pytest
from django.utils import timezone, translation
from openpyxl import Workbook, load_workbook

from gandan.audit.models import Event
from gandan.errors import DomainError
from gandan.mobilization.models import Member, Team
from gandan.mobilization.services.teams import member_add, team_create
from gandan.mobilization.services.teams_import import MAX_ROWS, teams_import
from gandan.mobilization.teams_excel import import_template
from gandan.mobilization.tests.teams_support import HEADERS, OFFICER, new_village, user, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def officer(db):
    return user(OFFICER)


@pytest.fixture
def villages(home_commune):
    return new_village(home_commune, "Thôn Đồng Gianh Mới"), new_village(home_commune, "Thôn Khe Nước")


def _counts():
    return Team.objects.count(), Member.objects.count()


def _import(rows, commune, officer, **kwargs):
    return teams_import(commune=commune, upload=xlsx(rows, **kwargs), by=officer)


GOOD = [
    [
        "dong gianh moi",
        "Nguyễn Văn An",
        "Tổ trưởng, Bí thư chi bộ",
        "Bí thư chi bộ thôn",
        912345678,
        "01/07/2025",
    ],
    [
        "Thôn Đồng Gianh Mới",
        "Trần Thị Bình",
        "Trưởng thôn",
        "Trưởng thôn",
        "0987 654 321",
        dt.datetime(2025, 7, 1),
    ],
    ["Đồng Gianh Mới", "Lê Văn Cường", "trưởng ban công tác mặt trận", "", None, None],
    ["Thôn Khe Nước", "Phạm Thị Dung", "Chi hội trưởng Hội Liên hiệp Phụ nữ; Thành viên", "", "", ""],
]


def test_a_right_file_creates_the_missing_teams_and_every_member(villages, home_commune, officer):
    gianh, khe = villages
    report = teams_import(commune=home_commune, upload=io.BytesIO(xlsx(GOOD)), by=officer)
    assert report.ok and report.saved, report.errors
    assert (report.rows, report.teams_created, report.members_added) == (4, 2, 4)
    team = Team.objects.get(village=gianh, dissolved_on__isnull=True)
    assert team.name == "Tổ dân vận Thôn Đồng Gianh Mới"
    members = {m.full_name: m for m in team.members.all()}
    assert members["Nguyễn Văn An"].roles == ["leader", "cell_secretary"]
    assert members["Nguyễn Văn An"].phone == "0912345678"  # Excel had dropped the leading 0
    assert members["Nguyễn Văn An"].term_start == dt.date(2025, 7, 1)
    assert members["Trần Thị Bình"].phone == "0987654321"
    assert members["Trần Thị Bình"].term_start == dt.date(2025, 7, 1)
    assert members["Lê Văn Cường"].roles == ["front_head"]
    assert Member.objects.get(team__village=khe).roles == ["women", "member"]
    event = Event.objects.get(action="mobilization.teams_import")
    assert event.details["members_added"] == 4 and len(event.details["teams_created"]) == 2


def test_members_join_the_team_a_village_already_has(villages, home_commune, officer):
    gianh, _khe = villages
    team = team_create(village=gianh, by=officer)
    member_add(team=team, full_name="Nguyễn Văn An", roles=["leader"], by=officer)
    report = _import(
        [["Thôn Đồng Gianh Mới", "Đỗ Văn Giang", "Trưởng thôn", "", "", ""]], home_commune, officer
    )
    assert report.saved and report.teams_created == 0
    assert team.members.count() == 2


@pytest.mark.parametrize(
    "row, words",
    [
        (["Thôn Không Có", "Nguyễn Văn An", "Tổ trưởng", "", "", ""], ["Dòng 2", "Thôn Không Có"]),
        (["Thôn Khe Nước", "Nguyễn Văn An", "Chủ tịch xã", "", "", ""], ["Dòng 2", "Chủ tịch xã"]),
        (["Thôn Khe Nước", "Nguyễn Văn An", "Tổ trưởng", "", "", "31/02/2025"], ["Dòng 2", "31/02/2025"]),
        (["Thôn Khe Nước", "Nguyễn Văn An", "Tổ trưởng", "", "12345", ""], ["Dòng 2", "0912345678"]),
        (["Thôn Khe Nước", "", "Tổ trưởng", "", "", ""], ["Dòng 2"]),
        (["Thôn Khe Nước", "Nguyễn Văn An", "", "", "", ""], ["Dòng 2"]),
    ],
    ids=["unknown village", "unknown role", "bad date", "bad phone", "no name", "no role"],
)
def test_a_wrong_line_is_named_and_nothing_is_saved(row, words, villages, home_commune, officer):
    before = _counts()
    good = ["Thôn Đồng Gianh Mới", "Vũ Văn Hải", "Trưởng thôn", "", "", ""]
    report = _import([row, good], home_commune, officer)
    assert not report.saved and report.errors
    assert all(e.line == 2 for e in report.errors)
    text = " ".join(e.message for e in report.errors)
    assert all(word in text for word in words), text
    assert _counts() == before


def test_a_person_twice_in_one_team_is_refused_whatever_the_diacritics(villages, home_commune, officer):
    before = _counts()
    report = _import(
        [
            ["Thôn Khe Nước", "Nguyễn Văn An", "Tổ trưởng", "", "", ""],
            ["Thôn Đồng Gianh Mới", "Nguyễn Văn An", "Trưởng thôn", "", "", ""],  # another team: fine
            ["khe nuoc", "nguyen van an", "Thành viên", "", "", ""],
        ],
        home_commune,
        officer,
    )
    assert [e.line for e in report.errors] == [4]
    assert "dòng 2" in report.errors[0].message
    assert _counts() == before


def test_a_single_role_given_twice_or_already_held_is_refused(villages, home_commune, officer):
    gianh, _khe = villages
    team = team_create(village=gianh, by=officer)
    member_add(team=team, full_name="Nguyễn Văn An", roles=["village_head"], by=officer)
    before = _counts()
    report = _import(
        [
            ["Thôn Khe Nước", "Trần Văn Bảo", "Tổ trưởng", "", "", ""],
            ["Thôn Khe Nước", "Lê Văn Cường", "Tổ trưởng, Bí thư chi bộ", "", "", ""],
            ["Thôn Đồng Gianh Mới", "Phạm Văn Dũng", "Trưởng thôn", "", "", ""],
        ],
        home_commune,
        officer,
    )
    assert [e.line for e in report.errors] == [3, 4]
    assert "dòng 2" in report.errors[0].message
    assert "Nguyễn Văn An" in report.errors[1].message
    assert _counts() == before


def test_every_wrong_line_is_listed_at_once(villages, home_commune, officer):
    report = _import(
        [
            ["Thôn Không Có", "Nguyễn Văn An", "Tổ trưởng", "", "", ""],
            ["Thôn Khe Nước", "Trần Văn Bảo", "Tổ trưởng", "", "", ""],
            ["Thôn Khe Nước", "Lê Văn Cường", "Tổ trưởng kiêm gì đó", "", "", "hôm qua"],
        ],
        home_commune,
        officer,
    )
    assert sorted({e.line for e in report.errors}) == [2, 4]
    assert len([e for e in report.errors if e.line == 4]) == 2


def test_a_formula_is_refused(villages, home_commune, officer):
    report = _import(
        [["Thôn Khe Nước", '=CONCATENATE("Nguyễn ","An")', "Tổ trưởng", "", "", ""]], home_commune, officer
    )
    assert not report.saved
    assert report.errors[0].line == 2 and "công thức" in report.errors[0].message


def _workbook_with_cell_at(row: int) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append(["Thôn Khe Nước", "Nguyễn Văn An", "Tổ trưởng", "", "", ""])
    sheet.cell(row=row, column=1, value="x")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "không có nội dung"),
        (b"Thon,Ho va ten\nKhe Nuoc,An\n", ".xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xls"),
        (b"PK\x03\x04 not really a zip", "không đọc được"),
        (b"PK\x03\x04" + b"\0" * (2 * 1024 * 1024 + 1), "2 MB"),
    ],
    ids=["empty", "csv", "old xls", "broken zip", "too large"],
)
def test_a_file_that_is_not_a_plain_workbook_gets_a_clear_message(content, words, home_commune, officer):
    before = _counts()
    report = teams_import(commune=home_commune, upload=content, by=officer)
    assert not report.saved and len(report.errors) == 1 and report.errors[0].line is None
    assert words in report.errors[0].message, report.errors[0].message
    assert _counts() == before


def test_a_sheet_declaring_too_many_rows_is_refused_before_it_is_read(home_commune, officer):
    report = teams_import(commune=home_commune, upload=_workbook_with_cell_at(MAX_ROWS + 100), by=officer)
    assert report.errors and report.errors[0].line is None and not report.saved


def test_a_zip_bomb_is_refused(home_commune, officer):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (70 * 1024 * 1024) + b"</a>")
    report = teams_import(commune=home_commune, upload=out.getvalue(), by=officer)
    assert report.errors and report.errors[0].line is None and not report.saved


def test_missing_columns_are_named(home_commune, officer):
    report = _import([["Thôn Khe Nước", "Nguyễn Văn An"]], home_commune, officer, headers=HEADERS[:2])
    assert "Vai trò trong tổ" in report.errors[0].message


def test_only_the_officers_commune_is_imported(other_commune, officer):
    with pytest.raises(DomainError) as caught:
        _import(GOOD, other_commune, officer)
    assert caught.value.code == "commune_out_of_scope"


def test_the_template_names_the_columns_and_its_example_is_a_right_line(villages, home_commune, officer):
    template = load_workbook(io.BytesIO(import_template(villages=[villages[1]])))
    sheet = template.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADERS
    assert rows[1][0] == "Thôn Khe Nước"
    assert "Tổ trưởng" in [r[0] for r in template["Vai trò"].iter_rows(values_only=True)]
    report = teams_import(commune=home_commune, upload=import_template(villages=[villages[1]]), by=officer)
    assert report.saved, report.errors
    assert Member.objects.get(team__village=villages[1]).roles == ["leader", "cell_secretary"]
    assert timezone.localdate() >= Member.objects.get(team__village=villages[1]).term_start
