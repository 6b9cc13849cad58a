"""The household register through its services and its import: a household is added, changed and marked as left
(kept for the record, no longer counted); bad input says what to fix, field by field, and saves nothing; an officer
of another commune is refused. The spreadsheet import saves every line or none, listing each wrong line."""

import datetime as dt
import io
import zipfile

import pytest
from django.utils import timezone

from gandan.audit.models import Event
from gandan.democracy.households_excel import import_template, registers_workbook
from gandan.democracy.models import Household
from gandan.democracy.selectors.households import households_for_user, register_figures, registers_for_user
from gandan.democracy.services.households import household_add, household_leave, household_update
from gandan.democracy.services.households_import import MAX_ROWS, households_import
from gandan.democracy.tests.votes_support import (
    HEADERS,
    OFFICER,
    OTHER_OFFICER,
    new_village,
    register,
    user,
    xlsx,
)
from gandan.errors import DomainError, NotAllowed

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    return user(OFFICER)


@pytest.fixture
def village(home_commune):
    return new_village(home_commune, "Thôn Gò Mít")


# --- One household -------------------------------------------------------------------------------------------------


def test_a_household_is_added_changed_and_leaves_for_the_record(village, officer):
    household = household_add(
        village=village, code=" 15 ", representative="nguyễn  văn an", address="Xóm Giữa", by=officer
    )
    assert (household.code, household.representative, household.name_key) == (
        "15",
        "nguyễn văn an",
        "nguyen van an",
    )
    household = household_update(
        household=household,
        code="15",
        representative="Nguyễn Văn An",
        address="Xóm Giữa",
        online_optin=True,
        by=officer,
    )
    assert household.online_optin and household.optin_on == timezone.localdate()
    assert register_figures(village, on=timezone.localdate()) == (1, 1)
    household_leave(household=household, on=timezone.localdate(), by=officer)
    assert register_figures(village, on=timezone.localdate()) == (0, 0)
    assert Household.objects.filter(pk=household.pk).exists()  # kept for the record
    assert [e.action for e in Event.objects.filter(object_id=str(household.pk)).order_by("id")][-3:] == [
        "democracy.household_add",
        "democracy.household_update",
        "democracy.household_leave",
    ]


def test_bad_input_names_every_field_and_saves_nothing(village, officer):
    before = Household.objects.count()
    with pytest.raises(DomainError) as refused:
        household_add(
            village=village,
            code="",
            representative="12345",
            address="x" * 301,
            optin_on=timezone.localdate() + dt.timedelta(days=3),
            by=officer,
        )
    assert set(refused.value.errors) == {"code", "representative", "address", "optin_on"}
    assert "Nhập số hộ" in refused.value.errors["code"][0]
    assert Household.objects.count() == before


def test_a_number_is_once_in_a_village_even_after_the_household_left(village, officer):
    first = household_add(village=village, code="7", representative="Lê Thị Hoa", by=officer)
    household_leave(household=first, on=timezone.localdate(), by=officer)
    with pytest.raises(DomainError) as taken:
        household_add(village=village, code="7", representative="Lê Văn Nam", by=officer)
    assert "Số 7 đã có trong sổ hộ của Thôn Gò Mít" in taken.value.errors["code"][0]


def test_a_household_leaves_on_a_day_that_has_come_and_once(village, officer):
    household = household_add(village=village, code="8", representative="Lê Thị Hoa", by=officer)
    with pytest.raises(DomainError) as future:
        household_leave(household=household, on=timezone.localdate() + dt.timedelta(days=1), by=officer)
    assert "on" in future.value.errors
    household_leave(household=household, on=timezone.localdate(), by=officer)
    with pytest.raises(DomainError):
        household_leave(household=household, on=timezone.localdate(), by=officer)


def test_another_communes_officer_is_refused(village, officer):
    other = user(OTHER_OFFICER)
    with pytest.raises(DomainError) as refused:
        household_add(village=village, code="1", representative="Lê Văn Nam", by=other)
    assert "village" in refused.value.errors
    household = household_add(village=village, code="1", representative="Lê Văn Nam", by=officer)
    with pytest.raises(NotAllowed):
        household_leave(household=household, on=timezone.localdate(), by=other)
    assert not households_for_user(other).filter(pk=household.pk).exists()
    with pytest.raises(NotAllowed):
        household_add(village=village, code="2", representative="Lê Văn Nam", by=user("xuly.songlo"))


def test_the_register_is_searched_without_diacritics(village, officer):
    household_add(village=village, code="21", representative="Đặng Thị Huệ", by=officer)
    household_add(village=village, code="22", representative="Đỗ Văn Hùng", by=officer)
    found = households_for_user(officer, village=village, query="dang hue")
    assert [h.code for h in found] == ["21"]
    assert [h.code for h in households_for_user(officer, village=village, query="22")] == ["22"]


# --- The import ----------------------------------------------------------------------------------------------------


def _import(rows, commune, officer, **kwargs):
    return households_import(commune=commune, upload=xlsx(rows, **kwargs), by=officer)


def test_a_right_file_registers_every_household(home_commune, village, officer):
    other = new_village(home_commune, "Thôn Khe Dầu")
    rows = [
        ["go mit", 1, "Nguyễn Văn An", "Xóm Trên", "Có", "01/07/2025"],
        ["Thôn Gò Mít", "2", "Trần Thị Bình", "", "", None],
        ["Gò Mít", 3.0, "Lê Văn Cường", "", "x", dt.datetime(2025, 8, 1)],
        ["Thôn Khe Dầu", "1", "Phạm Thị Dung", "", "không", ""],
    ]
    report = _import(rows, home_commune, officer)
    assert report.ok and report.saved, report.errors
    assert (report.rows, report.added, report.villages) == (4, 4, 2)
    assert register_figures(village, on=timezone.localdate()) == (3, 2)
    cuong = Household.objects.get(village=village, code="3")
    assert cuong.optin_on == dt.date(2025, 8, 1)
    assert Household.objects.get(village=other, code="1").online_optin is False
    assert (
        Event.objects.filter(action="democracy.households_import").latest("id").details["households_added"]
        == 4
    )


def test_a_file_with_any_wrong_line_saves_nothing_and_lists_each(home_commune, village, officer):
    register(village, 1)  # number 1 is taken
    rows = [
        ["Gò Mít", "1", "Nguyễn Văn An", "", "", ""],  # already registered
        ["Gò Mít", "5", "Trần Thị Bình", "", "", ""],
        ["Gò Mít", "5", "Lê Văn Cường", "", "", ""],  # twice in the file
        ["Thôn Không Có", "6", "Phạm Văn Dũng", "", "", ""],  # unknown village
        ["Gò Mít", "7", "", "", "", ""],  # empty representative
        ["Gò Mít", "8", "Hoàng Thị Lan", "", "Có", "31/02/2025"],  # bad date
    ]
    before = Household.objects.count()
    report = _import(rows, home_commune, officer)
    assert not report.saved and Household.objects.count() == before
    lines = {e.line: e.message for e in report.errors}
    assert set(lines) == {2, 4, 5, 6, 7}
    assert "đã có trong sổ" in lines[2]
    assert "đã có ở dòng 3" in lines[4]
    assert "Thôn Không Có" in lines[5]
    assert "người đại diện" in lines[6]
    assert "31/02/2025" in lines[7]


def test_formulas_and_non_workbooks_are_refused(home_commune, village, officer):
    report = _import([["Gò Mít", "=1+1", "Nguyễn Văn An", "", "", ""]], home_commune, officer)
    assert not report.saved and "công thức" in report.errors[0].message
    not_excel = households_import(commune=home_commune, upload=b"STT;Ho ten\n1;An\n", by=officer)
    assert not not_excel.saved and "không phải bảng tính Excel" in not_excel.errors[0].message
    old = households_import(commune=home_commune, upload=b"\xd0\xcf\x11\xe0" + b"\0" * 100, by=officer)
    assert ".xls" in old.errors[0].message


def test_a_file_too_large_or_too_long_is_refused(home_commune, officer):
    big = io.BytesIO(b"PK\x03\x04" + b"\0" * (2 * 1024 * 1024 + 10))
    big.size = len(big.getvalue())
    report = households_import(commune=home_commune, upload=big, by=officer)
    assert not report.saved and "2 MB" in report.errors[0].message
    rows = [["Gò Mít", str(n), f"Người {n}", "", "", ""] for n in range(MAX_ROWS + 1)]
    long = _import(rows, home_commune, officer)
    assert not long.saved and str(MAX_ROWS) in long.errors[0].message.replace(".", "")


def test_another_communes_file_is_refused(other_commune, officer):
    with pytest.raises(DomainError) as refused:
        _import([["x", "1", "An", "", "", ""]], other_commune, officer)
    assert refused.value.code == "commune_out_of_scope"


def test_missing_columns_are_named(home_commune, officer):
    report = _import(
        [["Gò Mít", "An"]], home_commune, officer, headers=["Thôn/Tổ dân phố", "Người đại diện hộ"]
    )
    assert "Số hộ" in report.errors[0].message


def test_the_template_and_the_export_read_back(home_commune, village, officer):
    template = import_template(villages=[village])
    assert zipfile.is_zipfile(io.BytesIO(template))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(template)).worksheets[0]
    assert [c.value for c in sheet[1]] == HEADERS
    register(village, 3, opted_in=2)
    data = registers_workbook(
        [r for r in registers_for_user(officer) if r.village.pk == village.pk],
        households_for_user(officer, village=village, include_left=True),
        scope=village,
        today=timezone.localdate(),
    )
    book = load_workbook(io.BytesIO(data))
    assert book.worksheets[0]["D5"].value == 3 and book.worksheets[0]["E5"].value == 2
    assert book.worksheets[1].max_row == 4
    assert book.worksheets[1]["C2"].value.startswith("Nguyễn Văn Hộ")
    # what the export writes, the import reads (a round trip of a second village)
    second = new_village(home_commune, "Thôn Mới Lập")
    rows = [[second.name, *[c.value for c in row[1:6]]] for row in book.worksheets[1].iter_rows(min_row=2)]
    assert households_import(commune=home_commune, upload=xlsx(rows), by=officer).saved
