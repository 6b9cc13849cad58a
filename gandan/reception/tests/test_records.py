"""Citizen reception: the reception book (Form 03/TCD), a record that becomes a petition (a denunciator's identity
kept off the book), and the Excel book (DOMAIN.md §5.2). The clock is frozen on Wednesday 13/05/2026."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils.translation import gettext, override
from openpyxl import load_workbook

from gandan.audit.models import Event
from gandan.errors import DomainError
from gandan.opinion.models import Signal
from gandan.petitions.models import Petition, ProtectedIdentity
from gandan.reception import excel, services
from gandan.reception.models import ReceptionRecord
from gandan.reception.tests.support import (
    NOW,
    add_record,
    local,
    schedule,
)
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db


# --- The reception book -----------------------------------------------------------------------------------------


def test_a_record_creates_a_petition_on_the_reception_channel(desk_officer, home_commune):
    before = Petition.objects.count()

    record = add_record(desk_officer, create_petition=True)

    petition = record.petition
    assert Petition.objects.count() == before + 1
    assert (petition.channel, petition.kind, petition.unit) == ("reception", "complaint", home_commune)
    assert petition.subject.startswith("Ông Lê Văn Bình lấn chiếm")
    assert petition.petitioners.get().name == "Trần Văn Quyết"
    assert record.citizen_name == "Trần Văn Quyết" and record.id_number == "025085001234"
    assert Event.objects.filter(action="petitions.reception_record_add", object_id=str(record.pk)).exists()


def test_a_denunciation_received_in_person_keeps_the_identity_off_the_book(desk_officer):
    record = add_record(
        desk_officer,
        kind="denunciation",
        create_petition=True,
        content="Tố cáo trưởng thôn Cao Phong thu tiền đóng góp trái quy định.",
    )

    record.refresh_from_db()
    assert record.citizen_name == services.PROTECTED_LABEL == "Người tố cáo (được bảo vệ)"
    assert (record.citizen_address, record.id_number) == ("", "")
    assert record.protected
    identity = ProtectedIdentity.objects.get(petition=record.petition)
    assert identity.persons[0]["name"] == "Trần Văn Quyết"
    assert identity.persons[0]["id_number"] == "025085001234"
    assert "Quyết" not in record.petition.petitioner_display
    assert not any(
        "Quyết" in str(e.details) + e.object_repr for e in Event.objects.filter(object_id=str(record.pk))
    )


def test_a_denunciation_cannot_stay_in_the_book_without_its_protected_petition(desk_officer):
    before = ReceptionRecord.objects.count()
    with pytest.raises(DomainError) as caught:
        add_record(
            desk_officer,
            kind="denunciation",
            create_petition=False,
            content="Tố cáo trưởng thôn Cao Phong thu tiền đóng góp trái quy định.",
        )
    assert "create_petition" in caught.value.errors
    assert ReceptionRecord.objects.count() == before


def test_the_phone_given_at_reception_lets_the_citizen_follow_the_petition(desk_officer):
    record = add_record(desk_officer, create_petition=True, phone="0912 345 678")
    assert record.petition.phone_last4 == "5678"
    assert not hasattr(record, "phone")  # not a column of the book


def test_without_a_petition_the_words_are_an_opinion_signal(desk_officer, home_commune):
    record = add_record(
        desk_officer,
        kind="recommendation",
        outcome="answered",
        content="Đề nghị sửa đường liên thôn Cao Phong bị sạt lở.",
    )

    signal = Signal.objects.get(source_kind="reception", source_id=str(record.pk))
    assert record.petition is None
    assert signal.unit == home_commune and "sạt lở" in signal.text


def test_a_group_of_five_is_told_to_choose_representatives(desk_officer):
    record = add_record(desk_officer, people_count=7, create_petition=True)

    with override("vi"):
        expected = gettext(
            "Group of %(n)s people: they choose representatives to present the matter (Law on "
            "Citizen Reception, Art. 29); consider an ad-hoc reception by the leader (Art. 18(3))."
        )
    assert expected % {"n": 7} in record.note
    assert record.petition.signers == 7
    assert record.petition.petitioners.get().representative


RECORD_ERRORS = [
    ("refusal_reason", {"outcome": "refused"}),
    ("guided_to", {"outcome": "guided"}),
    ("content", {"content": "   "}),
    ("citizen_name", {"citizen_name": ""}),
    ("id_number", {"id_number": "12345"}),
    ("kind", {"kind": "anonymous"}),
    ("create_petition", {"outcome": "answered", "create_petition": True}),
    ("at", {"at": NOW + dt.timedelta(days=1)}),
]


@pytest.mark.parametrize(("field", "change"), RECORD_ERRORS)
def test_a_wrong_record_is_refused_with_the_field_and_nothing_is_saved(field, change, desk_officer):
    records, petitions, signals = (
        ReceptionRecord.objects.count(),
        Petition.objects.count(),
        Signal.objects.count(),
    )

    with pytest.raises(DomainError) as caught:
        add_record(desk_officer, **change)

    assert field in caught.value.errors
    assert (ReceptionRecord.objects.count(), Petition.objects.count(), Signal.objects.count()) == (
        records,
        petitions,
        signals,
    )


def test_a_passport_number_is_accepted_and_a_refusal_keeps_its_reason(desk_officer):
    record = add_record(
        desk_officer,
        id_number="c1234567",
        outcome="refused",
        refusal_reason="Công dân say rượu, không làm chủ hành vi.",
    )

    assert record.id_number == "C1234567"
    assert record.refusal_reason.startswith("Công dân say rượu")


def test_a_record_on_a_reception_day_must_fall_on_that_day(commune_leader, desk_officer):
    day = schedule(commune_leader, dt.date(2026, 5, 12), by=desk_officer)

    with pytest.raises(DomainError) as caught:
        add_record(desk_officer, reception_day=day)
    record = add_record(desk_officer, reception_day=day, at=local(dt.date(2026, 5, 12), 10))

    assert "at" in caught.value.errors
    assert record.reception_day == day


# --- The Excel book ---------------------------------------------------------------------------------------------

FORM_03_COLUMNS = [
    "STT",
    "Ngày tiếp",
    "Họ tên - địa chỉ",
    "CCCD/Hộ chiếu",
    "Nội dung",
    "Loại đơn",
    "Số người",
    "Cơ quan đã giải quyết",
    "Thuộc thẩm quyền (x)",
    "Hướng dẫn",
    "Cơ quan thụ lý",
    "Theo dõi kết quả",
    "Ghi chú",
]


def book_sheet(content: bytes):
    return load_workbook(io.BytesIO(content))[excel.SHEET_NAME]


def test_the_excel_book_has_the_13_columns_of_form_03_and_masks_the_id(desk_officer):
    plain = add_record(desk_officer, at=local(dt.date(2026, 5, 4)), prior_body="UBND xã Sông Lô (cũ)")
    protected = add_record(
        desk_officer, kind="denunciation", create_petition=True, at=local(dt.date(2026, 5, 5))
    )

    response = client_for(desk_officer).get(reverse("reception:book_export"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = book_sheet(response.getvalue())
    assert [c.value for c in ws[excel.HEADER_ROW]] == FORM_03_COLUMNS
    first, second = ([c.value for c in ws[excel.FIRST_DATA_ROW + i]] for i in range(2))
    assert first[:4] == [1, "04/05/2026", "Trần Văn Quyết\nThôn Cao Phong, xã Sông Lô", "•••••••••234"]
    assert (first[5], first[6], first[7], first[8]) == ("Khiếu nại", 1, "UBND xã Sông Lô (cũ)", "x")
    assert second[2] == "Người tố cáo (được bảo vệ)" and second[3] is None
    assert protected.petition.code in second[10]
    cells = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "025085001234" not in cells
    assert cells.count("Trần Văn Quyết") == 1  # only the unprotected line names him
    assert (
        plain.pk and Event.objects.filter(action="petitions.reception_book_export", details__rows=2).exists()
    )


def test_the_book_function_writes_a_title_and_the_period(desk_officer, home_commune):
    record = add_record(desk_officer)
    records = ReceptionRecord.objects.filter(pk=record.pk).select_related(
        "petition", "petition__unit", "unit"
    )

    ws = book_sheet(
        excel.reception_book_bytes(
            records, unit=home_commune, start=dt.date(2026, 5, 1), end=dt.date(2026, 5, 31)
        )
    )

    assert ws["A2"].value == "SỔ TIẾP CÔNG DÂN"
    assert ws["A4"].value == "Từ ngày 01/05/2026 đến ngày 31/05/2026"
    assert [c.value for c in ws[excel.HEADER_ROW + 1]] == [f"({i})" for i in range(1, 14)]
