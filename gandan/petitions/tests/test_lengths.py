"""A text longer than its column is refused with the maximum, in Vietnamese, next to its field: never cut silently
(a cut name or address in an official register is wrong without anyone knowing)."""

import pytest

from gandan.errors import DomainError
from gandan.petitions.models import Petition
from gandan.petitions.services import petition_forward
from gandan.reception.models import ReceptionRecord
from gandan.reception.services import reception_record_add

pytestmark = pytest.mark.django_db

LONG_NAME = "Nguyễn Thị " + "Hoa" * 70  # 221 characters
LONG_BODY = "Ủy ban nhân dân " + "huyện " * 50  # 316 characters


def test_a_petitioners_name_longer_than_200_characters_is_refused_not_cut(receive):
    before = Petition.objects.count()

    with pytest.raises(DomainError) as caught:
        receive(persons=[{"name": LONG_NAME, "address": "Thôn Đồng Thịnh", "phone": ""}])

    assert caught.value.errors["persons.0.name"] == [
        f"Tối đa 200 ký tự, nội dung này có {len(LONG_NAME)} ký tự. Vui lòng rút gọn."
    ]
    assert Petition.objects.count() == before


def test_a_reception_line_reports_every_field_that_is_too_long(desk_officer):
    before = ReceptionRecord.objects.count()
    with pytest.raises(DomainError) as caught:
        reception_record_add(
            unit=desk_officer.unit,
            citizen_name=LONG_NAME,
            citizen_address="Thôn Đồng Thịnh",
            content="Hỏi về thủ tục cấp sổ đỏ.",
            kind="reflection",
            guided_to=LONG_BODY,
            outcome=ReceptionRecord.Outcome.GUIDED,
            by=desk_officer,
        )

    assert set(caught.value.errors) == {"citizen_name", "guided_to"}
    assert "Tối đa 300 ký tự" in caught.value.errors["guided_to"][0]
    assert ReceptionRecord.objects.count() == before


def test_the_body_a_petition_is_forwarded_to_is_refused_when_too_long(receive, desk_officer):
    petition = receive("reflection")

    with pytest.raises(DomainError) as caught:
        petition_forward(petition=petition, by=desk_officer, to_body=LONG_BODY)

    assert caught.value.field == "to_body" and "300" in str(caught.value.message)
    petition.refresh_from_db()
    assert petition.handled_to == ""
