"""What an export must never carry, tried as someone who types names and numbers into free text: a denunciator who
waived protection named in the officer's subject, a denunciator received without a petition named in the follow-up
written afterwards, and anyone's phone or ID number typed into a summary or a content."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from gandan.dossiers.models import Dossier
from gandan.petitions.models import Petition
from gandan.petitions.services.intake import petition_receive
from gandan.reception.models import ReceptionRecord
from gandan.reception.services.records import reception_record_add, reception_record_follow_up
from gandan.tests_support import client_for

OLD = timezone.make_aware(dt.datetime(2020, 1, 1, 8, 0))
FRESH = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))
DENUNCIATOR = {
    "name": "Trần Văn Bình",
    "address": "Số 12 đường Hùng Vương, xã Sông Lô",
    "phone": "0912345678",
    "id_number": "025086001234",
}


@pytest.fixture(autouse=True)
def _quiet(db, settings):
    settings.GANDAN_EXPORT_SETTLE_SECONDS = 0
    for model in (Dossier, Petition, ReceptionRecord):
        model.objects.update(updated_at=OLD)


def _fresh(*rows) -> None:
    for row in rows:
        type(row).objects.filter(pk=row.pk).update(updated_at=FRESH)


def _export(user, kind: str) -> list[dict]:
    answer = client_for(user).get(f"/api/v1/exports/{kind}", {"changed_since": "2026-03-02", "limit": "500"})
    assert answer.status_code == 200, answer.content
    return answer.json()["items"]


def _leaks(items: list[dict], *values: str) -> list[str]:
    text = json.dumps(items, ensure_ascii=False)
    return [v for v in values if v in text]


def test_a_denunciator_who_waived_protection_is_not_named_in_the_summary(commune_leader, desk_officer):
    [petition] = petition_receive(
        unit=desk_officer.unit,
        channel="direct",
        parts=[
            {
                "kind": "denunciation",
                "subject": "Ông Trần Văn Bình (ĐT 0912345678) tố cáo cán bộ địa chính thu tiền trái phép",
                "content": "Nội dung tố cáo.",
            }
        ],
        persons=[DENUNCIATOR],
        waived=True,
        by=desk_officer,
    )
    assert not petition.protected  # waived: the petitioner is kept on the case, as the law allows
    _fresh(petition)
    [item] = _export(commune_leader, "petitions")
    assert item["NguoiGui"] is None and item["LoaiDon"] == "TC"
    assert _leaks([item], "Trần Văn Bình", "0912345678", "0912 345 678") == []
    assert "tố cáo cán bộ địa chính" in item["NoiDungTomTat"]  # the matter itself still leaves


def test_a_follow_up_written_after_a_denunciation_was_received_does_not_name_the_denunciator(
    commune_leader, desk_officer
):
    # Guided elsewhere: no petition, so the book line keeps the citizen (redacted at intake, the statement only).
    record = reception_record_add(
        unit=desk_officer.unit,
        citizen_name=DENUNCIATOR["name"],
        citizen_address=DENUNCIATOR["address"],
        id_number=DENUNCIATOR["id_number"],
        content="Công dân Trần Văn Bình tố cáo việc san lấp đất nông nghiệp.",
        kind="denunciation",
        outcome=ReceptionRecord.Outcome.GUIDED,
        guided_to="Thanh tra huyện",
        by=desk_officer,
    )
    reception_record_follow_up(
        record=record,
        by=desk_officer,
        text="Đã gọi lại cho ông Trần Văn Bình, số 0912 345 678, CCCD 025086001234: đã đến thanh tra huyện.",
    )
    _fresh(record)
    [item] = _export(commune_leader, "reception")
    assert item["CongDan"] is None
    assert _leaks([item], "Trần Văn Bình", "Văn Bình", "0912 345 678", "025086001234") == []
    assert "thanh tra huyện" in item["TheoDoiKetQua"]


def test_a_complainant_s_phone_and_id_number_typed_into_the_texts_never_leave(commune_leader, desk_officer):
    [petition] = petition_receive(
        unit=desk_officer.unit,
        channel="direct",
        parts=[
            {
                "kind": "complaint",
                "subject": "Khiếu nại quyết định thu hồi đất, liên hệ 0987 654 321 hoặc a.nguyen@example.vn",
                "content": "Nội dung khiếu nại.",
            }
        ],
        persons=[{"name": "Nguyễn Thị An", "address": "Thôn Đồng Thịnh", "phone": "0987654321"}],
        by=desk_officer,
    )
    record = reception_record_add(
        unit=desk_officer.unit,
        citizen_name="Lê Văn Cường",
        citizen_address="Thôn Cao Phong",
        id_number="025187654321",
        content="Kiến nghị sửa đường liên thôn; CCCD 025 187 654 321, gọi 0977.111.222 khi có kết quả.",
        kind="recommendation",
        outcome=ReceptionRecord.Outcome.ANSWERED,
        by=desk_officer,
    )
    _fresh(petition, record)
    petitions, lines = _export(commune_leader, "petitions"), _export(commune_leader, "reception")
    assert (
        petitions[0]["NguoiGui"]["HoTen"] == "Nguyễn Thị An"
    )  # a complainant is named, as the book names him
    assert lines[0]["CongDan"]["HoTen"] == "Lê Văn Cường"
    assert (
        _leaks(petitions + lines, "0987 654 321", "a.nguyen@example.vn", "025 187 654 321", "0977.111.222")
        == []
    )
    assert "thu hồi đất" in petitions[0]["NoiDungTomTat"] and "đường liên thôn" in lines[0]["NoiDung"]


def test_a_cursor_given_to_someone_else_opens_only_the_caller_s_own_units(
    commune_leader, province_supervisor, other_commune
):
    from gandan.exports.selectors import paths_for_user

    Dossier.objects.update(updated_at=FRESH)
    wide = client_for(province_supervisor).get("/api/v1/exports/dossiers", {"limit": 1}).json()
    assert wide["count"] == 1
    answer = client_for(commune_leader).get(
        "/api/v1/exports/dossiers", {"since_cursor": wide["next_cursor"], "limit": 500}
    )
    assert answer.status_code == 200
    codes = {i["MaHoSo"] for i in answer.json()["items"]}
    mine = set(
        Dossier.objects.filter(unit_path__in=paths_for_user(commune_leader)).values_list("code", flat=True)
    )
    assert codes and codes <= mine
    assert not codes & set(
        Dossier.objects.filter(unit_path__startswith=other_commune.path).values_list("code", flat=True)
    )
