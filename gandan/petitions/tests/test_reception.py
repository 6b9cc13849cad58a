"""Citizen reception (DOMAIN.md §5): the leaders' reception days and the statutory minimums, the reception book
(Form 03/TCD) and its export, a record that becomes a petition (a denunciator's identity kept off the book), notices
of conclusions with tracked tasks, and the staff pages that keep to the officer's commune.

The clock is frozen on Wednesday 13/05/2026, 09:00 in Hà Nội time."""

import datetime as dt
import io
import re

import pytest
import time_machine
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext, override
from openpyxl import load_workbook

import gandan.urls
from gandan.accounts.rules import Role
from gandan.audit.models import Event
from gandan.errors import Conflict, DomainError, NotAllowed
from gandan.opinion.models import Signal
from gandan.petitions import excel
from gandan.petitions.models import (
    ConclusionNotice,
    LeaderKind,
    Petition,
    ProtectedIdentity,
    ReceptionDay,
    ReceptionRecord,
    Task,
)
from gandan.petitions.services import reception as services
from gandan.tests_support import client_for

# The pages as the project mounts them (/staff/petitions/, namespace "petitions"); until the petitions module is
# registered in settings.GANDAN_MODULES, its URLconf is mounted here the same way.
_MOUNTED = any(getattr(p, "namespace", None) == "petitions" for p in gandan.urls.urlpatterns)
urlpatterns = list(gandan.urls.urlpatterns)
if not _MOUNTED:
    urlpatterns.insert(0, path("staff/petitions/", include("gandan.petitions.urls")))

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

VN = timezone.get_fixed_timezone(7 * 60)
NOW = dt.datetime(2026, 5, 13, 9, tzinfo=VN)
TODAY = NOW.date()
CHAIRMAN, SECRETARY = LeaderKind.COMMUNE_CHAIRMAN, LeaderKind.COMMUNE_PARTY_SECRETARY
PLACE = "Phòng tiếp công dân, UBND xã Sông Lô"
CITIZEN = {
    "citizen_name": "Trần Văn Quyết",
    "citizen_address": "Thôn Cao Phong, xã Sông Lô",
    "id_number": "025085001234",
}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def local(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=VN)


def vi(msgid: str, **params) -> str:
    """The message as a Vietnamese page shows it (translated when the catalogue has it, then HTML-escaped)."""
    with override("vi"):
        text = gettext(msgid)
    return escape(text % params if params else text)


def html(response) -> str:
    return response.content.decode()


def field_errors(response, field: str) -> list[str]:
    block = re.search(
        rf'<div class="field has-error">\s*<label for="id_{field}">.*?</div>', html(response), re.S
    )
    return re.findall(r'<p class="error" role="alert">([^<]*)</p>', block.group(0)) if block else []


def schedule(leader, day, *, kind=CHAIRMAN, by, unit=None, ad_hoc=False, reason=""):
    return services.reception_day_schedule(
        unit=unit or leader.unit,
        leader=leader,
        leader_kind=kind,
        day=day,
        place=PLACE,
        ad_hoc=ad_hoc,
        ad_hoc_reason=reason,
        by=by,
    )


def held(leader, day, *, kind=CHAIRMAN, by, ad_hoc=False):
    reception_day = schedule(
        leader,
        day,
        kind=kind,
        by=by,
        ad_hoc=ad_hoc,
        reason="Nhiều hộ dân cùng kiến nghị về giải phóng mặt bằng" if ad_hoc else "",
    )
    return services.reception_day_held(day_obj=reception_day, by=by)


def add_record(by, *, unit=None, **overrides):
    values = {
        "unit": unit or by.unit,
        "at": NOW,
        **CITIZEN,
        "people_count": 1,
        "kind": "complaint",
        "content": "Ông Lê Văn Bình lấn chiếm 2 mét đất vườn của gia đình tôi ở thôn Cao Phong.",
        "create_petition": False,
        "by": by,
    }
    values.update(overrides)
    return services.reception_record_add(**values)


def deputy(unit):
    from gandan.accounts.models import User
    from gandan.accounts.services import user_create

    user = user_create(
        username="phochutich.songlo",
        password="x" * 12,
        full_name="Phạm Văn Phó",
        unit=unit,
        roles=[Role.UNIT_LEADER],
        position="Phó Chủ tịch UBND xã",
    )
    return User.objects.select_related("unit").get(pk=user.pk)


# --- Scheduling -------------------------------------------------------------------------------------------------


def test_a_day_is_scheduled_for_a_leader_of_the_commune_and_audited(
    commune_leader, desk_officer, home_commune
):
    day = schedule(commune_leader, dt.date(2026, 5, 20), by=desk_officer)

    assert (day.unit, day.unit_path, day.leader, day.held) == (
        home_commune,
        home_commune.path,
        commune_leader,
        False,
    )
    assert services.day_status(day) == "scheduled"
    assert Event.objects.filter(
        action="petitions.reception_day_schedule", object_id=str(day.pk), actor=desk_officer
    ).exists()


def test_a_leader_cannot_have_two_days_on_one_date(commune_leader, desk_officer):
    schedule(commune_leader, dt.date(2026, 5, 20), by=desk_officer)

    with pytest.raises(DomainError) as caught:
        schedule(commune_leader, dt.date(2026, 5, 20), by=desk_officer, kind=CHAIRMAN)

    assert caught.value.field == "day"
    assert "20/05/2026" in str(caught.value.message)
    assert ReceptionDay.objects.filter(leader=commune_leader, day=dt.date(2026, 5, 20)).count() == 1


def test_a_cancelled_date_still_cannot_be_booked_twice(commune_leader, desk_officer):
    day = schedule(commune_leader, dt.date(2026, 5, 20), by=desk_officer)
    services.reception_day_cancel(day_obj=day, by=desk_officer, reason="Họp HĐND xã đột xuất")

    with pytest.raises(DomainError) as caught:
        schedule(commune_leader, dt.date(2026, 5, 20), by=desk_officer)

    assert caught.value.field == "day"


SCHEDULE_ERRORS = [
    ("ad_hoc_reason", {"ad_hoc": True}),  # an ad-hoc day needs its reason
    ("leader", {"leader": "desk_officer"}),  # the desk officer is not the chairman
    ("leader", {"leader": "party_secretary"}),  # nor is the party secretary
    ("leader", {"leader": "other_commune_leader"}),  # the chairman of another commune
    ("leader_kind", {"kind": LeaderKind.PROVINCE_CHAIRMAN}),  # no provincial office in a commune
    ("day", {"day": dt.date(2027, 6, 1)}),  # more than a year ahead
]


@pytest.mark.parametrize(("field", "change"), SCHEDULE_ERRORS)
def test_scheduling_refuses_a_wrong_day_with_the_field_to_fix(
    field, change, request, commune_leader, desk_officer, home_commune
):
    leader = request.getfixturevalue(change.get("leader", "commune_leader"))

    with pytest.raises(DomainError) as caught:
        services.reception_day_schedule(
            unit=home_commune,
            leader=leader,
            leader_kind=change.get("kind", CHAIRMAN),
            day=change.get("day", dt.date(2026, 5, 20)),
            place=PLACE,
            ad_hoc=change.get("ad_hoc", False),
            by=desk_officer,
        )

    assert field in caught.value.errors
    assert not ReceptionDay.objects.filter(unit=home_commune).exists()


def test_the_party_secretary_receives_as_party_secretary(party_secretary, desk_officer):
    day = schedule(party_secretary, dt.date(2026, 5, 21), kind=SECRETARY, by=desk_officer)

    assert day.leader_kind == SECRETARY


def test_a_deputy_may_stand_in_only_before_1_july_2026(desk_officer, home_commune):
    vice = deputy(home_commune)

    before = schedule(vice, dt.date(2026, 6, 30), by=desk_officer)
    with pytest.raises(DomainError) as caught:
        schedule(vice, dt.date(2026, 7, 1), by=desk_officer)

    assert before.pk
    assert caught.value.field == "leader"
    assert "136/2025/QH15" in str(caught.value.message)


def test_only_reception_staff_schedule_and_only_in_their_commune(
    case_handler, commune_leader, desk_officer, other_commune, other_commune_leader
):
    with pytest.raises(NotAllowed):
        schedule(commune_leader, dt.date(2026, 5, 20), by=case_handler)
    with pytest.raises(DomainError) as caught:
        schedule(other_commune_leader, dt.date(2026, 5, 20), unit=other_commune, by=desk_officer)

    assert caught.value.code == "unit_out_of_scope"


def test_a_day_is_held_on_or_after_its_date_and_then_cannot_be_cancelled(commune_leader, desk_officer):
    future = schedule(commune_leader, dt.date(2026, 5, 20), by=desk_officer)
    today = schedule(commune_leader, TODAY, by=desk_officer)

    with pytest.raises(Conflict):
        services.reception_day_held(day_obj=future, by=desk_officer)
    services.reception_day_held(day_obj=today, by=desk_officer)
    with pytest.raises(Conflict):
        services.reception_day_held(day_obj=today, by=desk_officer)
    with pytest.raises(Conflict):
        services.reception_day_cancel(day_obj=today, by=desk_officer, reason="Nhầm lịch")

    today.refresh_from_db()
    assert today.held and services.day_status(today) == "held"


def test_cancelling_needs_a_reason_and_a_cancelled_day_cannot_be_held(commune_leader, desk_officer):
    day = schedule(commune_leader, TODAY, by=desk_officer)

    with pytest.raises(DomainError) as caught:
        services.reception_day_cancel(day_obj=day, by=desk_officer, reason="  ")
    services.reception_day_cancel(day_obj=day, by=desk_officer, reason="Chủ tịch đi họp tỉnh")
    with pytest.raises(Conflict):
        services.reception_day_held(day_obj=day, by=desk_officer)

    assert caught.value.field == "reason"
    day.refresh_from_db()
    assert services.day_status(day) == "cancelled"


# --- Compliance with the minimums -------------------------------------------------------------------------------

APRIL_WEEKS = [
    dt.date(2026, 3, 30),
    dt.date(2026, 4, 6),
    dt.date(2026, 4, 13),
    dt.date(2026, 4, 20),
    dt.date(2026, 4, 27),
]  # the Mondays of the weeks that overlap April 2026


def chairman_april(unit, **kwargs):
    rows = services.compliance(
        unit, leader_kind=CHAIRMAN, start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30), today=TODAY, **kwargs
    )
    return rows


def test_the_minimums_are_data_with_their_legal_basis():
    chairman = services.minimum_for(CHAIRMAN, TODAY)
    secretary = services.minimum_for(SECRETARY, TODAY)

    assert (chairman.period, chairman.days) == ("week", 1)
    assert "Điều 15" in str(chairman.legal_basis) and "42/2013" in str(chairman.legal_basis)
    assert (secretary.period, secretary.days) == ("month", 2)
    assert "215-KL/TW" in str(secretary.legal_basis)
    assert (
        services.minimum_for(LeaderKind.OTHER_HEAD, TODAY).days,
        services.minimum_for(LeaderKind.PROVINCE_CHAIRMAN, TODAY).period,
    ) == (1, "month")


def test_a_chairman_with_a_held_day_in_each_week_of_the_month_is_compliant(
    commune_leader, desk_officer, home_commune
):
    for monday in APRIL_WEEKS:
        held(commune_leader, monday + dt.timedelta(days=2), by=desk_officer)  # each Wednesday

    [row] = chairman_april(home_commune)

    assert row.leader == commune_leader
    assert [p.start for p in row.periods] == APRIL_WEEKS
    assert [(p.required, p.held, p.status) for p in row.periods] == [(1, 1, "met")] * 5
    assert row.compliant and row.missed == []


def test_a_missing_week_is_flagged_and_an_ad_hoc_day_does_not_fill_it(
    commune_leader, desk_officer, home_commune
):
    for monday in APRIL_WEEKS:
        if monday != dt.date(2026, 4, 13):
            held(commune_leader, monday + dt.timedelta(days=2), by=desk_officer)
    held(commune_leader, dt.date(2026, 4, 16), by=desk_officer, ad_hoc=True)
    unheld = schedule(commune_leader, dt.date(2026, 4, 17), by=desk_officer)  # scheduled, never marked held

    [row] = chairman_april(home_commune)

    assert not row.compliant
    assert [p.start for p in row.missed] == [dt.date(2026, 4, 13)]
    missed = row.missed[0]
    assert (missed.held, missed.ad_hoc, missed.scheduled) == (0, 1, 0)
    assert unheld.pk and row.met == 4


def test_a_party_secretary_needs_two_held_days_a_month(party_secretary, desk_officer, home_commune):
    held(party_secretary, dt.date(2026, 3, 10), kind=SECRETARY, by=desk_officer)
    held(party_secretary, dt.date(2026, 3, 24), kind=SECRETARY, by=desk_officer)
    held(party_secretary, dt.date(2026, 4, 14), kind=SECRETARY, by=desk_officer)

    [row] = services.compliance(
        home_commune, leader_kind=SECRETARY, start=dt.date(2026, 3, 1), end=dt.date(2026, 5, 31), today=TODAY
    )

    assert [(p.start, p.required, p.held, p.status) for p in row.periods] == [
        (dt.date(2026, 3, 1), 2, 2, "met"),
        (dt.date(2026, 4, 1), 2, 1, "missed"),
        (dt.date(2026, 5, 1), 2, 0, "pending"),  # the month is not over yet
    ]


def test_an_office_nobody_holds_days_for_is_flagged_for_the_unit(commune_leader, desk_officer, home_commune):
    for monday in APRIL_WEEKS:
        held(commune_leader, monday + dt.timedelta(days=2), by=desk_officer)

    rows = services.compliance_for_unit(
        home_commune, start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30), today=TODAY
    )

    by_kind = {row.leader_kind: row for row in rows}
    assert by_kind[CHAIRMAN].compliant
    assert by_kind[SECRETARY].leader is None and not by_kind[SECRETARY].compliant


def test_the_compliance_page_marks_the_missed_weeks_in_red(commune_leader, desk_officer, home_commune):
    for monday in APRIL_WEEKS[:2]:
        held(commune_leader, monday + dt.timedelta(days=2), by=desk_officer)

    response = client_for(desk_officer).get(reverse("petitions:reception_compliance"), {"year": 2026})

    page = html(response)
    assert response.status_code == 200
    assert page.count('<span class="pill pill-ok">' + vi("met") + "</span>") == 2
    assert vi("below the minimum") in page  # the weeks since, and every month of the party secretary
    assert vi("Nobody scheduled") in page
    assert "khoản 2 Điều 15" in page


def test_the_compliance_page_has_an_empty_state(desk_officer):
    response = client_for(desk_officer).get(reverse("petitions:reception_compliance"), {"year": 2025})

    assert response.status_code == 200
    assert vi("No reception day is recorded for %(y)s, so no minimum is being met.", y=2025) in html(response)


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
        add_record(desk_officer, kind="denunciation", create_petition=False,
                   content="Tố cáo trưởng thôn Cao Phong thu tiền đóng góp trái quy định.")
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

    response = client_for(desk_officer).get(reverse("petitions:reception_book_export"))

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


# --- Scope ------------------------------------------------------------------------------------------------------


def test_another_communes_days_and_records_are_not_found(desk_officer, other_commune_leader, commune_leader):
    theirs_day = schedule(other_commune_leader, dt.date(2026, 5, 20), by=other_commune_leader)
    theirs = add_record(other_commune_leader, citizen_name="Vũ Thị Mai")
    mine = add_record(desk_officer, citizen_name="Đinh Thị Hương")
    client = client_for(desk_officer)

    for name, pk in [
        ("reception_day", theirs_day.pk),
        ("reception_record", theirs.pk),
        ("reception_day_held", theirs_day.pk),
        ("reception_day_cancel", theirs_day.pk),
        ("reception_refusal_pdf", theirs.pk),
    ]:
        assert client.get(reverse(f"petitions:{name}", args=[pk])).status_code == 404, name
    book = html(client.get(reverse("petitions:reception_book")))
    days = html(client.get(reverse("petitions:reception_days"), {"show": "all"}))

    assert "Đinh Thị Hương" in book and "Vũ Thị Mai" not in book
    assert str(other_commune_leader) not in days
    assert mine.pk


def test_the_pages_need_login_and_the_role(case_handler, client):
    lists = ["reception_days", "reception_compliance", "reception_book", "reception_tasks"]
    for name in lists:
        assert client.get(reverse(f"petitions:{name}")).status_code == 302
    mobilization = client_for(_user("danvan.songlo"))
    assert mobilization.get(reverse("petitions:reception_days")).status_code == 200  # may read
    for name in ["reception_day_new", "reception_record_new"]:
        assert client_for(case_handler).get(reverse(f"petitions:{name}")).status_code == 403


def _user(username):
    from gandan.accounts.models import User

    return User.objects.select_related("unit").get(username=username)


# --- Pages ------------------------------------------------------------------------------------------------------


def test_the_lists_show_an_empty_state(desk_officer):
    client = client_for(desk_officer)
    assert vi("The reception book is empty. Each citizen received is written here.") in html(
        client.get(reverse("petitions:reception_book"))
    )
    assert 'class="empty"' in html(client.get(reverse("petitions:reception_days")))
    assert vi(
        "No open tasks. Tasks come from the notices of conclusions issued after each reception day."
    ) in html(client.get(reverse("petitions:reception_tasks")))


def test_the_days_list_filters_by_leader_and_month_and_offers_the_actions(
    commune_leader, party_secretary, desk_officer
):
    schedule(commune_leader, dt.date(2026, 5, 20), by=desk_officer)
    schedule(commune_leader, dt.date(2026, 6, 3), by=desk_officer)
    schedule(party_secretary, dt.date(2026, 5, 21), kind=SECRETARY, by=desk_officer)
    past = schedule(commune_leader, dt.date(2026, 5, 6), by=desk_officer)
    client = client_for(desk_officer)
    url = reverse("petitions:reception_days")

    upcoming = html(client.get(url))
    may = html(client.get(url, {"month": "2026-05", "leader": commune_leader.pk}))
    past_page = html(client.get(url, {"show": "past"}))

    assert upcoming.index("20/05/2026") < upcoming.index("21/05/2026") < upcoming.index("03/06/2026")
    assert "06/05/2026" not in upcoming
    assert "20/05/2026" in may and "03/06/2026" not in may and "21/05/2026" not in may
    assert reverse("petitions:reception_day_held", args=[past.pk]) in past_page
    assert vi("Not marked as held") in past_page


def test_marking_held_asks_for_confirmation_first(commune_leader, desk_officer):
    day = schedule(commune_leader, TODAY, by=desk_officer)
    client = client_for(desk_officer)
    url = reverse("petitions:reception_day_held", args=[day.pk])

    confirm = client.get(url)
    day.refresh_from_db()
    assert confirm.status_code == 200 and not day.held
    done = client.post(url)
    day.refresh_from_db()

    assert done.status_code == 302 and day.held


def test_cancelling_without_a_reason_shows_the_error_and_keeps_the_day(commune_leader, desk_officer):
    day = schedule(commune_leader, dt.date(2026, 5, 20), by=desk_officer)
    url = reverse("petitions:reception_day_cancel", args=[day.pk])

    response = client_for(desk_officer).post(url, {"reason": ""})

    day.refresh_from_db()
    assert response.status_code == 422
    assert field_errors(response, "reason")
    assert not day.cancelled_reason


def test_the_schedule_form_shows_a_double_booking_next_to_the_date(commune_leader, desk_officer):
    schedule(commune_leader, dt.date(2026, 5, 20), by=desk_officer)
    form = {"leader": commune_leader.pk, "leader_kind": CHAIRMAN, "day": "20/05/2026", "place": PLACE}

    response = client_for(desk_officer).post(reverse("petitions:reception_day_new"), form)
    ok = client_for(desk_officer).post(reverse("petitions:reception_day_new"), {**form, "day": "27/05/2026"})

    assert response.status_code == 422
    assert any("20/05/2026" in e for e in field_errors(response, "day"))
    assert ReceptionDay.objects.filter(leader=commune_leader).count() == 2
    assert ok.status_code == 302


RECORD_FORM = {
    "at": "13/05/2026 08:30",
    "citizen_name": "Nguyễn Thị Hoa",
    "citizen_address": "Thôn Đồng Thịnh, xã Sông Lô",
    "id_number": "025190012345",
    "people_count": "1",
    "kind": "complaint",
    "content": "Tranh chấp ranh giới đất với hộ ông Bình.",
    "competent": "on",
    "outcome": "recorded",
}


def test_the_record_form_shows_errors_in_the_page_and_saves_nothing(desk_officer):
    before = ReceptionRecord.objects.count()
    client = client_for(desk_officer)
    url = reverse("petitions:reception_record_new")

    empty = client.post(url, {**RECORD_FORM, "content": ""})
    refused = client.post(url, {**RECORD_FORM, "outcome": "refused"})

    assert empty.status_code == refused.status_code == 422
    assert field_errors(empty, "content")
    assert field_errors(refused, "refusal_reason") == [
        vi("Give the reason for refusing (it goes in the notice, Form 01/TCD).")
    ]
    assert 'value="Nguyễn Thị Hoa"' in html(refused)  # what was typed is kept
    assert ReceptionRecord.objects.count() == before


def test_the_record_form_writes_the_book_and_creates_the_petition(desk_officer):
    response = client_for(desk_officer).post(
        reverse("petitions:reception_record_new"), {**RECORD_FORM, "create_petition": "on"}
    )

    record = ReceptionRecord.objects.latest("id")
    assert response.status_code == 302
    assert response["Location"] == reverse("petitions:reception_record", args=[record.pk])
    assert record.petition.channel == "reception"
    assert timezone.localtime(record.at).strftime("%d/%m/%Y %H:%M") == "13/05/2026 08:30"


def test_the_record_page_masks_the_id_and_offers_the_forms(desk_officer):
    record = add_record(
        desk_officer,
        outcome="refused",
        refusal_reason="Đã được trả lời đúng, không có tình tiết mới.",
        documents_received="Bản sao quyết định số 12/QĐ-UBND",
    )
    plain = add_record(desk_officer)

    page = html(client_for(desk_officer).get(reverse("petitions:reception_record", args=[record.pk])))
    other = html(client_for(desk_officer).get(reverse("petitions:reception_record", args=[plain.pk])))

    assert "•••••••••234" in page and "025085001234" not in page
    assert reverse("petitions:reception_refusal_pdf", args=[record.pk]) in page
    assert reverse("petitions:reception_receipt_pdf", args=[record.pk]) in page
    assert "18/05/2026" in page  # the refusal notice is due 3 working days after Wed 13/05/2026
    assert reverse("petitions:reception_refusal_pdf", args=[plain.pk]) not in other
    client = client_for(desk_officer)
    assert client.get(reverse("petitions:reception_refusal_pdf", args=[plain.pk])).status_code == 404
    assert client.get(reverse("petitions:reception_receipt_pdf", args=[plain.pk])).status_code == 404


def test_the_book_is_searched_without_diacritics_and_filtered(desk_officer):
    add_record(
        desk_officer,
        citizen_name="Đinh Thị Hương",
        content="Đề nghị cấp giấy chứng nhận quyền sử dụng đất.",
        kind="recommendation",
    )
    add_record(desk_officer, citizen_name="Lê Văn Tám", content="Khiếu nại việc thu hồi đất làm đường.")
    protected = add_record(
        desk_officer, kind="denunciation", create_petition=True, content="Tố cáo cán bộ địa chính nhận tiền."
    )
    client = client_for(desk_officer)
    url = reverse("petitions:reception_book")

    def names(params):
        page = html(client.get(url, params))
        return [
            n
            for n in (
                "Đinh Thị Hương",
                "Lê Văn Tám",
                "Trần Văn Quyết",
                vi("Denunciator (identity protected)"),
            )
            if n in page
        ]

    assert names({"q": "dinh thi huong"}) == ["Đinh Thị Hương"]
    assert names({"q": "THU HOI dat"}) == ["Lê Văn Tám"]
    assert names({"q": "tran van quyet"}) == []  # a protected denunciator cannot be found by name
    assert names({"kind": "denunciation"}) == [vi("Denunciator (identity protected)")]
    assert names({"outcome": "refused"}) == []
    assert protected.protected


# --- Notices of conclusions and their tasks -----------------------------------------------------------------------


def test_a_notice_needs_a_held_day_and_its_tasks_are_checked(commune_leader, desk_officer):
    day = schedule(commune_leader, TODAY, by=desk_officer)
    with pytest.raises(Conflict):
        services.conclusion_notice_issue(
            reception_day=day,
            number="01/TB-UBND",
            issued_on=TODAY,
            content="Giao địa chính xác minh.",
            tasks=[],
            by=desk_officer,
        )
    services.reception_day_held(day_obj=day, by=desk_officer)

    with pytest.raises(DomainError) as caught:
        services.conclusion_notice_issue(
            reception_day=day,
            number="01/TB-UBND",
            issued_on=TODAY,
            content="Giao địa chính xác minh.",
            tasks=[
                {"title": "Xác minh ranh giới", "responsible_body": "", "due": TODAY - dt.timedelta(days=1)}
            ],
            by=desk_officer,
        )

    assert set(caught.value.errors) == {"tasks.0.responsible_body", "tasks.0.due"}
    assert not ConclusionNotice.objects.filter(reception_day=day).exists()


def test_conclusion_tasks_are_tracked_and_marked_done(commune_leader, desk_officer, inspector):
    day = held(commune_leader, TODAY, by=desk_officer)
    client = client_for(desk_officer)
    form = {
        "task_rows": "3",
        "number": "15/TB-UBND",
        "issued_on": "13/05/2026",
        "content": "Chủ tịch UBND xã kết luận: giao công chức địa chính xác minh.",
        "task-0-title": "Xác minh ranh giới đất hộ ông Bình",
        "task-0-responsible_body": "Công chức địa chính",
        "task-0-due": "27/05/2026",
        "task-2-title": "Trả lời công dân bằng văn bản",
        "task-2-responsible_body": "Văn phòng UBND xã",
        "task-2-due": "10/06/2026",
    }

    response = client.post(reverse("petitions:reception_conclusion_new", args=[day.pk]), form)

    notice = ConclusionNotice.objects.get(reception_day=day)
    assert response.status_code == 302
    tasks = list(notice.tasks.order_by("due"))
    assert [(t.title, t.due, t.unit_path) for t in tasks] == [
        ("Xác minh ranh giới đất hộ ông Bình", dt.date(2026, 5, 27), day.unit_path),
        ("Trả lời công dân bằng văn bản", dt.date(2026, 6, 10), day.unit_path),
    ]
    listed = html(client.get(reverse("petitions:reception_tasks")))
    assert "Xác minh ranh giới đất hộ ông Bình" in listed and "15/TB-UBND" in listed

    done = client_for(inspector).post(
        reverse("petitions:reception_task_done", args=[tasks[0].pk]),
        {"result": "Đã xác minh, lập biên bản ngày 20/05/2026."},
    )

    tasks[0].refresh_from_db()
    assert done.status_code == 302 and tasks[0].done_on == TODAY
    open_now = html(client.get(reverse("petitions:reception_tasks")))
    assert "Xác minh ranh giới đất hộ ông Bình" not in open_now
    assert "Trả lời công dân bằng văn bản" in open_now
    assert "Xác minh ranh giới đất hộ ông Bình" in html(
        client.get(reverse("petitions:reception_tasks"), {"show": "done"})
    )


def test_overdue_conclusion_tasks_stand_out(commune_leader, desk_officer, frozen):
    day = held(commune_leader, TODAY, by=desk_officer)
    services.conclusion_notice_issue(
        reception_day=day,
        number="16/TB-UBND",
        issued_on=TODAY,
        content="Kết luận.",
        tasks=[
            {"title": "Kiểm tra hiện trường", "responsible_body": "Công an xã", "due": dt.date(2026, 5, 15)}
        ],
        by=desk_officer,
    )
    frozen.move_to(local(dt.date(2026, 5, 18)))

    page = html(client_for(desk_officer).get(reverse("petitions:reception_tasks"), {"show": "overdue"}))

    assert '<span class="pill pill-bad">15/05/2026</span>' in page


def test_the_notice_form_adds_a_row_without_javascript_and_keeps_what_was_typed(commune_leader, desk_officer):
    day = held(commune_leader, TODAY, by=desk_officer)
    url = reverse("petitions:reception_conclusion_new", args=[day.pk])

    response = client_for(desk_officer).post(
        url,
        {"task_rows": "3", "add_row": "1", "number": "17/TB-UBND", "task-0-title": "Kiểm tra hiện trường"},
    )

    page = html(response)
    assert response.status_code == 200
    assert 'name="task-3-title"' in page and 'name="task-4-title"' not in page
    assert 'value="Kiểm tra hiện trường"' in page and 'value="17/TB-UBND"' in page
    assert not ConclusionNotice.objects.filter(reception_day=day).exists()


def test_a_task_error_shows_on_its_row_and_nothing_is_saved(commune_leader, desk_officer):
    day = held(commune_leader, TODAY, by=desk_officer)
    form = {
        "task_rows": "3",
        "number": "18/TB-UBND",
        "issued_on": "13/05/2026",
        "content": "Kết luận.",
        "task-1-title": "Kiểm tra hiện trường",
        "task-1-due": "20/05/2026",
    }

    response = client_for(desk_officer).post(
        reverse("petitions:reception_conclusion_new", args=[day.pk]), form
    )

    assert response.status_code == 422
    assert field_errors(response, "task-1-responsible_body")
    assert not ConclusionNotice.objects.filter(reception_day=day).exists()
    assert not Task.objects.filter(conclusion__reception_day=day).exists()


def test_the_printable_forms_are_pdf(commune_leader, desk_officer):
    from pypdf import PdfReader

    record = add_record(
        desk_officer,
        outcome="refused",
        refusal_reason="Vụ việc đã được giải quyết đúng, không có tình tiết mới.",
        documents_received="Bản sao quyết định số 12/QĐ-UBND",
    )
    day = held(commune_leader, TODAY, by=desk_officer)
    notice = services.conclusion_notice_issue(
        reception_day=day,
        number="19/TB-UBND",
        issued_on=TODAY,
        content="Giao công chức địa chính xác minh.",
        tasks=[{"title": "Xác minh", "responsible_body": "Công chức địa chính", "due": dt.date(2026, 5, 27)}],
        by=desk_officer,
    )
    client = client_for(desk_officer)

    for name, pk, words in [
        ("reception_refusal_pdf", record.pk, "từ chối tiếp công dân"),
        ("reception_receipt_pdf", record.pk, "12/QĐ-UBND"),
        ("reception_conclusion_pdf", notice.pk, "Công chức địa chính"),
    ]:
        response = client.get(reverse(f"petitions:{name}", args=[pk]))

        assert response.status_code == 200, name
        assert response["Content-Type"] == "application/pdf"
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.getvalue())).pages)
        assert words in " ".join(text.split()), name
