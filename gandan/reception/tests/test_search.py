"""The reception book and the conclusion tasks are searched through gandan.search: without diacritics, in the whole
book (no cap hides old lines), inside the officer's commune, and never by a protected denunciator's name."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gandan.accounts.models import User
from gandan.reception import services
from gandan.reception.models import LeaderKind, ReceptionRecord
from gandan.reception.search import RECEPTION, reception_document
from gandan.search.services import bulk_index
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

BOOK, TASKS = "reception:book", "reception:tasks"


def record(by, **overrides) -> ReceptionRecord:
    values = {
        "unit": by.unit,
        "citizen_name": "Hoàng Thị Hoà",
        "citizen_address": "Thôn Bến Đò, xã Sông Lô",
        "kind": "complaint",
        "content": "Khiếu nại việc thu hồi đất làm đường.",
        "by": by,
    }
    return services.reception_record_add(**{**values, **overrides})


def page(user, name: str, **params) -> str:
    return client_for(user).get(reverse(name), params).content.decode()


def test_the_book_finds_a_line_without_diacritics(desk_officer):
    record(desk_officer, citizen_name="Đinh Thị Hoà", content="Tranh chấp đất đai với hộ liền kề.")
    shown = "Đinh Thị Hòa"  # the book keeps names in one tone-mark convention (vntext.normalize)

    assert shown in page(desk_officer, BOOK, q="dat dai")
    assert shown in page(desk_officer, BOOK, q="dinh hoa")
    assert shown not in page(desk_officer, BOOK, q="dat dai ngap")


def test_the_book_of_another_commune_is_not_searched(desk_officer):
    other = User.objects.get(username="motcua.tamson")
    record(other, unit=other.unit, citizen_name="Khổng Văn Nghiêm")

    assert "Khổng Văn Nghiêm" in page(other, BOOK, q="khong nghiem")
    assert "Khổng Văn Nghiêm" not in page(desk_officer, BOOK, q="khong nghiem")


def test_a_protected_denunciator_is_not_found_by_name_or_address(desk_officer):
    record(
        desk_officer,
        kind="denunciation",
        create_petition=True,
        citizen_name="Quách Văn Thoại",
        citizen_address="Xóm Gò Găng",
        content="Tố cáo cán bộ địa chính nhận tiền.",
    )

    assert "cán bộ địa chính" in page(desk_officer, BOOK, q="can bo dia chinh")
    assert "cán bộ địa chính" not in page(desk_officer, BOOK, q="quach thoai")
    assert "cán bộ địa chính" not in page(desk_officer, BOOK, q="go gang")


def test_a_line_older_than_five_thousand_others_is_found(desk_officer):
    oldest = record(
        desk_officer,
        citizen_name="Lý Thị Khuê",
        content="Kiến nghị nạo vét mương thủy lợi.",
        at=timezone.now() - dt.timedelta(days=400),
    )
    newer = ReceptionRecord.objects.bulk_create(
        ReceptionRecord(unit=desk_officer.unit, unit_path=desk_officer.unit.path, officer=desk_officer,
                        at=timezone.now() - dt.timedelta(minutes=n), citizen_name="Nguyễn Văn An",
                        citizen_address="Thôn Bãi Sậy", content="Phản ánh đèn đường hỏng.", kind="reflection")
        for n in range(5_001)
    )  # fmt: skip
    bulk_index(RECEPTION, (reception_document(r) for r in newer))

    assert "Lý Thị Khuê" in page(desk_officer, BOOK, q="nao vet muong")
    assert oldest.pk not in [r.pk for r in newer]


def test_conclusion_tasks_are_found_without_diacritics_in_the_officers_commune(commune_leader, desk_officer):
    today = timezone.localdate()
    day = services.reception_day_schedule(unit=commune_leader.unit, leader=commune_leader,
                                          leader_kind=LeaderKind.COMMUNE_CHAIRMAN, day=today,
                                          place="Phòng tiếp công dân", by=desk_officer)  # fmt: skip
    services.reception_day_held(day_obj=day, by=desk_officer)
    services.conclusion_notice_issue(
        reception_day=day, number="21/TB-UBND", issued_on=today, content="Kết luận.",
        tasks=[{"title": "Đo đạc lại thửa đất hộ bà Hoà", "responsible_body": "Công chức địa chính",
                "due": today + dt.timedelta(days=10)},
               {"title": "Sửa cống thoát nước", "responsible_body": "Thôn Bến Đò",
                "due": today + dt.timedelta(days=10)}],
        by=desk_officer,
    )  # fmt: skip

    found = page(desk_officer, TASKS, q="do dac hoa")
    assert "Đo đạc lại thửa đất" in found and "Sửa cống" not in found
    assert "Sửa cống" in page(desk_officer, TASKS, q="ben do")
    assert "Đo đạc lại thửa đất" not in page(
        User.objects.get(username="motcua.tamson"), TASKS, q="do dac hoa"
    )


def test_a_guided_denunciation_names_its_author_nowhere_a_search_reaches(desk_officer, commune_leader):
    """No petition is made of it (guided to the competent body), so no protection flag exists: the kind alone
    keeps the name out of the index and out of the audit trail's object text."""
    from gandan.audit.models import Event

    line = record(
        desk_officer,
        kind="denunciation",
        citizen_name="Lục Văn Kín",
        content="Tố cáo cán bộ địa chính nhận tiền.",
        outcome="guided",
        competent=False,
        guided_to="Thanh tra tỉnh Phú Thọ",
    )

    assert "Lục Văn Kín" not in page(desk_officer, BOOK, q="luc kin")
    assert not Event.objects.filter(object_repr__contains="Lục Văn Kín").exists()  # "kín" is also a word
    assert "Kín" not in str(line)
