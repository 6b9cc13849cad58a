"""Citizen reception's staff pages: kept to the officer's commune, login and role, empty states, forms that show
errors in Vietnamese and save nothing, the searchable book. The clock is frozen on Wednesday 13/05/2026."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gandan.reception.models import ReceptionDay, ReceptionRecord
from gandan.reception.tests.support import (
    CHAIRMAN,
    PLACE,
    SECRETARY,
    TODAY,
    add_record,
    field_errors,
    html,
    schedule,
    user,
    vi,
)
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db


# --- Scope ------------------------------------------------------------------------------------------------------


def test_another_communes_days_and_records_are_not_found(desk_officer, other_commune_leader, commune_leader):
    theirs_day = schedule(other_commune_leader, dt.date(2026, 5, 20), by=other_commune_leader)
    theirs = add_record(other_commune_leader, citizen_name="Vũ Thị Mai")
    mine = add_record(desk_officer, citizen_name="Đinh Thị Hương")
    client = client_for(desk_officer)

    for name, pk in [
        ("day", theirs_day.pk),
        ("record", theirs.pk),
        ("day_held", theirs_day.pk),
        ("day_cancel", theirs_day.pk),
        ("refusal_pdf", theirs.pk),
    ]:
        assert client.get(reverse(f"reception:{name}", args=[pk])).status_code == 404, name
    book = html(client.get(reverse("reception:book")))
    days = html(client.get(reverse("reception:days"), {"show": "all"}))

    assert "Đinh Thị Hương" in book and "Vũ Thị Mai" not in book
    assert str(other_commune_leader) not in days
    assert mine.pk


def test_the_pages_need_login_and_the_role(case_handler, client):
    lists = ["days", "compliance", "book", "tasks"]
    for name in lists:
        assert client.get(reverse(f"reception:{name}")).status_code == 302
    mobilization = client_for(user("danvan.songlo"))
    assert mobilization.get(reverse("reception:days")).status_code == 200  # may read
    for name in ["day_new", "record_new"]:
        assert client_for(case_handler).get(reverse(f"reception:{name}")).status_code == 403


# --- Pages ------------------------------------------------------------------------------------------------------


def test_the_lists_show_an_empty_state(desk_officer):
    ReceptionDay.objects.filter(unit=desk_officer.unit).delete()  # the days the demo's schedules generated
    client = client_for(desk_officer)
    assert vi("The reception book is empty. Each citizen received is written here.") in html(
        client.get(reverse("reception:book"))
    )
    assert 'class="empty"' in html(client.get(reverse("reception:days")))
    assert vi(
        "No open tasks. Tasks come from the notices of conclusions issued after each reception day."
    ) in html(client.get(reverse("reception:tasks")))


def test_the_days_list_filters_by_leader_and_month_and_offers_the_actions(
    commune_leader, party_secretary, desk_officer
):
    schedule(commune_leader, dt.date(2026, 5, 20), by=desk_officer)
    schedule(commune_leader, dt.date(2026, 6, 3), by=desk_officer)
    schedule(party_secretary, dt.date(2026, 5, 21), kind=SECRETARY, by=desk_officer)
    past = schedule(commune_leader, dt.date(2026, 5, 6), by=desk_officer)
    client = client_for(desk_officer)
    url = reverse("reception:days")

    upcoming = html(client.get(url))
    may = html(client.get(url, {"month": "2026-05", "leader": commune_leader.pk}))
    past_page = html(client.get(url, {"show": "past"}))

    assert upcoming.index("20/05/2026") < upcoming.index("21/05/2026") < upcoming.index("03/06/2026")
    assert "06/05/2026" not in upcoming
    assert "20/05/2026" in may and "03/06/2026" not in may and "21/05/2026" not in may
    assert reverse("reception:day_held", args=[past.pk]) in past_page
    assert vi("Not marked as held") in past_page


def test_marking_held_asks_for_confirmation_first(commune_leader, desk_officer):
    day = schedule(commune_leader, TODAY, by=desk_officer)
    client = client_for(desk_officer)
    url = reverse("reception:day_held", args=[day.pk])

    confirm = client.get(url)
    day.refresh_from_db()
    assert confirm.status_code == 200 and not day.held
    done = client.post(url)
    day.refresh_from_db()

    assert done.status_code == 302 and day.held


def test_cancelling_without_a_reason_shows_the_error_and_keeps_the_day(commune_leader, desk_officer):
    day = schedule(commune_leader, dt.date(2026, 5, 20), by=desk_officer)
    url = reverse("reception:day_cancel", args=[day.pk])

    response = client_for(desk_officer).post(url, {"reason": ""})

    day.refresh_from_db()
    assert response.status_code == 422
    assert field_errors(response, "reason")
    assert not day.cancelled_reason


def test_the_schedule_form_shows_a_double_booking_next_to_the_date(commune_leader, desk_officer):
    before = ReceptionDay.objects.filter(leader=commune_leader).count()  # the demo's schedule has days too
    schedule(commune_leader, dt.date(2026, 5, 20), by=desk_officer)
    form = {"leader": commune_leader.pk, "leader_kind": CHAIRMAN, "day": "20/05/2026", "place": PLACE}

    response = client_for(desk_officer).post(reverse("reception:day_new"), form)
    ok = client_for(desk_officer).post(reverse("reception:day_new"), {**form, "day": "27/05/2026"})

    assert response.status_code == 422
    assert any("20/05/2026" in e for e in field_errors(response, "day"))
    assert ReceptionDay.objects.filter(leader=commune_leader).count() == before + 2
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
    url = reverse("reception:record_new")

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
        reverse("reception:record_new"), {**RECORD_FORM, "create_petition": "on"}
    )

    record = ReceptionRecord.objects.latest("id")
    assert response.status_code == 302
    assert response["Location"] == reverse("reception:record", args=[record.pk])
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

    page = html(client_for(desk_officer).get(reverse("reception:record", args=[record.pk])))
    other = html(client_for(desk_officer).get(reverse("reception:record", args=[plain.pk])))

    assert "•••••••••234" in page and "025085001234" not in page
    assert reverse("reception:refusal_pdf", args=[record.pk]) in page
    assert reverse("reception:receipt_pdf", args=[record.pk]) in page
    assert "18/05/2026" in page  # the refusal notice is due 3 working days after Wed 13/05/2026
    assert reverse("reception:refusal_pdf", args=[plain.pk]) not in other
    client = client_for(desk_officer)
    assert client.get(reverse("reception:refusal_pdf", args=[plain.pk])).status_code == 404
    assert client.get(reverse("reception:receipt_pdf", args=[plain.pk])).status_code == 404


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
    url = reverse("reception:book")

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
