"""The calendar pages: the staff list and its corrections (/staff/calendar/), and the public calculator."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.utils.html import escape
from django.utils.translation import gettext, override

from gandan.audit.models import Event
from gandan.errors import DomainError
from gandan.tests_support import client_for
from gandan.workcalendar.models import CalendarDay, DayKind, DaySource
from gandan.workcalendar.services import calendar_day_set

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
LIST, ADD, PUBLIC = "/staff/calendar/", "/staff/calendar/add/", "/lich-lam-viec/"


def due(query: str) -> str:
    return Client().get(f"/api/v1/calendar/due?{query}").json()["due"]


def field_errors(response, field: str) -> list[str]:
    html = response.content.decode()
    block = re.search(rf'<div class="field has-error">\s*<label for="id_{field}">.*?</div>', html, re.S)
    return re.findall(r'<p class="error" role="alert">([^<]*)</p>', block.group(0)) if block else []


def vietnamese(msgid: str) -> str:
    with override("vi"):
        return escape(gettext(msgid))


def day_form(**changes) -> dict:
    return {
        "day": "02/03/2026",
        "kind": DayKind.DAY_OFF,
        "name": "Nghỉ đột xuất theo quyết định của tỉnh",
        "legal_basis": "Quyết định 1/QĐ-UBND ngày 01/03/2026",
        **changes,
    }


# --- The staff list ---------------------------------------------------------------------------------------------


def test_the_list_shows_the_days_of_the_chosen_year(desk_officer):
    response = client_for(desk_officer).get(f"{LIST}?year=2026")

    assert response.status_code == 200
    html = response.content.decode()
    for shown in ("16/02/2026", "20/02/2026", "27/04/2026", "02/01/2026", "10/01/2026"):
        assert f"<td>{shown}</td>" in html
    assert "<td>24/11/2026</td>" not in html
    assert "/2025</td>" not in html


def test_the_list_opens_on_the_current_year(desk_officer):
    with time_machine.travel(dt.datetime(2027, 3, 1, 9, 0, tzinfo=VN)):
        html = client_for(desk_officer).get(LIST).content.decode()

    assert '<option value="2027" selected>' in html
    assert "/2027</td>" in html and "/2026</td>" not in html


def test_the_list_filters_by_kind(desk_officer):
    html = client_for(desk_officer).get(f"{LIST}?year=2026&kind=working_day").content.decode()

    assert "<td>10/01/2026</td>" in html
    assert "<td>16/02/2026</td>" not in html


def test_a_year_with_no_entries_says_only_weekends_count(desk_officer):
    response = client_for(desk_officer).get(f"{LIST}?year=2031")

    assert '<p class="empty">' in response.content.decode()


@pytest.mark.parametrize("year", ["hai-nghin", "-1", "99999999999999999999999", "1899", "2101"])
def test_a_year_it_cannot_show_is_refused_saying_which_years_it_can(desk_officer, year):
    response = client_for(desk_officer).get(f"{LIST}?year={year}")

    assert response.status_code == 400
    assert "Vui lòng nhập năm trong khoảng từ 1900 đến 2100." in response.content.decode()


def test_only_editors_see_the_add_and_remove_links(desk_officer, sysadmin):
    assert ADD not in client_for(desk_officer).get(f"{LIST}?year=2026").content.decode()
    assert ADD in client_for(sysadmin).get(f"{LIST}?year=2026").content.decode()


def test_anonymous_visitors_are_sent_to_login():
    response = Client().get(LIST)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- Adding a day -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("editor", ["sysadmin", "province_supervisor"])
def test_a_day_off_added_by_an_editor_changes_the_api_answer_at_once(request, editor):
    user = request.getfixturevalue(editor)
    assert due("start=2026-02-27T10:00&working_days=1") == "2026-03-02"

    response = client_for(user).post(ADD, day_form())

    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?year=2026"
    assert due("start=2026-02-27T10:00&working_days=1") == "2026-03-03"
    entry = CalendarDay.objects.get(day=dt.date(2026, 3, 2))
    assert (entry.kind, entry.source, entry.created_by) == (DayKind.DAY_OFF, DaySource.OFFICIAL_EDIT, user)


def test_adding_a_day_is_audited_with_its_legal_basis(sysadmin):
    client_for(sysadmin).post(ADD, day_form())

    event = Event.objects.get(action="workcalendar.day_set")
    assert event.actor == sysadmin
    assert event.details["legal_basis"] == "Quyết định 1/QĐ-UBND ngày 01/03/2026"
    assert event.details["previous"] is None


def test_a_make_up_saturday_added_by_an_editor_becomes_a_working_day(sysadmin):
    assert due("start=2026-03-06T10:00&working_days=1") == "2026-03-09"

    client_for(sysadmin).post(ADD, day_form(day="07/03/2026", kind=DayKind.WORKING_DAY, name="Làm bù"))

    assert due("start=2026-03-06T10:00&working_days=1") == "2026-03-07"


def test_the_saved_message_reminds_that_computed_deadlines_do_not_move(sysadmin):
    response = client_for(sysadmin).post(ADD, day_form(), follow=True)

    assert "02/03/2026" in response.content.decode()
    assert 'class="msg msg-success"' in response.content.decode()


@pytest.mark.parametrize("user", ["commune_leader", "desk_officer", "party_secretary"])
def test_a_commune_officer_cannot_change_the_national_calendar(request, user):
    client = client_for(request.getfixturevalue(user))

    assert client.get(ADD).status_code == 403
    assert client.post(ADD, day_form()).status_code == 403
    assert not CalendarDay.objects.filter(day=dt.date(2026, 3, 2)).exists()


def test_a_make_up_working_day_on_a_weekday_is_refused_on_the_date_field(sysadmin):
    with override("vi"), pytest.raises(DomainError) as refused:
        calendar_day_set(
            day=dt.date(2026, 3, 4), kind=DayKind.WORKING_DAY, name="x", legal_basis="y", by=None
        )

    response = client_for(sysadmin).post(ADD, day_form(day="04/03/2026", kind=DayKind.WORKING_DAY))

    assert response.status_code == 200
    assert field_errors(response, "day") == [escape(str(refused.value.message))]
    assert "04/03/2026" in field_errors(response, "day")[0]
    assert not CalendarDay.objects.filter(day=dt.date(2026, 3, 4)).exists()


def test_a_day_off_on_a_sunday_is_refused_on_the_date_field(sysadmin):
    response = client_for(sysadmin).post(ADD, day_form(day="01/03/2026"))

    assert response.status_code == 200
    assert len(field_errors(response, "day")) == 1
    assert not CalendarDay.objects.filter(day=dt.date(2026, 3, 1)).exists()


IMPOSSIBLE_DAY = "“%(value)s”: month %(month)s/%(year)s has days 01 to %(days)s. Write the date as dd/mm/yyyy, e.g. 09/01/2026."


@pytest.mark.parametrize(
    ("changes", "field", "msgid"),
    [
        pytest.param({"day": "30/02/2026"}, "day", IMPOSSIBLE_DAY, id="impossible-date"),
        pytest.param({"legal_basis": ""}, "legal_basis", "This field is required.", id="no-legal-basis"),
        pytest.param({"name": ""}, "name", "This field is required.", id="no-name"),
    ],
)
def test_form_errors_are_shown_next_to_their_field_in_vietnamese(sysadmin, changes, field, msgid):
    response = client_for(sysadmin).post(ADD, day_form(**changes))

    assert response.status_code == 200
    expected = vietnamese(msgid)
    if msgid == IMPOSSIBLE_DAY:
        expected %= {"value": "30/02/2026", "month": "02", "year": 2026, "days": 28}
    assert field_errors(response, field) == [expected]


def test_a_day_already_listed_is_replaced_and_the_previous_value_audited(sysadmin):
    client_for(sysadmin).post(ADD, day_form(day="16/02/2026", name="Nghỉ Tết Bính Ngọ"))

    entry = CalendarDay.objects.get(day=dt.date(2026, 2, 16))
    assert entry.name == "Nghỉ Tết Bính Ngọ"
    event = Event.objects.get(action="workcalendar.day_set")
    assert event.details["previous"]["kind"] == DayKind.DAY_OFF


@pytest.mark.parametrize("method", ["put", "delete"])
def test_calendar_pages_refuse_other_methods(sysadmin, method):
    client = client_for(sysadmin)

    assert getattr(client, method)(ADD).status_code == 405
    assert getattr(client, method)(LIST).status_code == 405


def test_the_list_is_read_only(sysadmin):
    assert client_for(sysadmin).post(LIST, day_form()).status_code == 405


# --- Removing a day ---------------------------------------------------------------------------------------------


def _make_up_saturday() -> CalendarDay:
    return CalendarDay.objects.get(day=dt.date(2026, 1, 10))


def test_removal_asks_for_confirmation_first(sysadmin):
    entry = _make_up_saturday()

    response = client_for(sysadmin).get(f"/staff/calendar/{entry.pk}/remove/")

    assert response.status_code == 200
    assert "10/01/2026" in response.content.decode()
    assert '<form method="post"' in response.content.decode()
    assert CalendarDay.objects.filter(pk=entry.pk).exists()
    assert due("start=2026-01-09T10:00&working_days=1") == "2026-01-10"


def test_confirmed_removal_restores_the_ordinary_rule_and_is_audited(sysadmin):
    entry = _make_up_saturday()

    response = client_for(sysadmin).post(f"/staff/calendar/{entry.pk}/remove/")

    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?year=2026"
    assert not CalendarDay.objects.filter(pk=entry.pk).exists()
    assert due("start=2026-01-09T10:00&working_days=1") == "2026-01-12"
    event = Event.objects.get(action="workcalendar.day_remove")
    assert event.actor == sysadmin
    assert event.details == {"day": "2026-01-10", "kind": "working_day", "name": entry.name}


def test_a_commune_leader_cannot_remove_a_day(commune_leader):
    entry = _make_up_saturday()
    client = client_for(commune_leader)

    assert client.get(f"/staff/calendar/{entry.pk}/remove/").status_code == 403
    assert client.post(f"/staff/calendar/{entry.pk}/remove/").status_code == 403
    assert CalendarDay.objects.filter(pk=entry.pk).exists()


def test_removing_a_day_that_does_not_exist_is_a_404(sysadmin):
    assert client_for(sysadmin).post("/staff/calendar/999999/remove/").status_code == 404


# --- The public calculator --------------------------------------------------------------------------------------


def calculate(**params):
    return Client().get(PUBLIC, params)


def result_block(response) -> str:
    match = re.search(
        r'<section class="card" aria-live="polite">.*?</section>', response.content.decode(), re.S
    )
    return match.group(0) if match else ""


def test_the_calculator_works_without_login_and_shows_no_result_before_asking():
    response = Client().get(PUBLIC)

    assert response.status_code == 200
    assert result_block(response) == ""
    assert 'name="received"' in response.content.decode()


@pytest.mark.parametrize(
    ("received", "rule", "number", "shown"),
    [
        pytest.param("09/01/2026 15:30", "working_days", 1, "12/01/2026", id="after-the-cut-off"),
        pytest.param("09/01/2026 10:00", "working_days", 1, "10/01/2026", id="make-up-saturday"),
        pytest.param("13/02/2026 10:00", "working_days", 3, "25/02/2026", id="before-tet"),
        pytest.param("15/01/2026 08:00", "days", 30, "23/02/2026", id="thirty-days-ending-in-tet"),
        pytest.param("2026-04-29 09:00", "working_days", 1, "04/05/2026", id="iso-input-also-accepted"),
    ],
)
def test_the_calculator_shows_the_due_date_as_dd_mm_yyyy(received, rule, number, shown):
    response = calculate(received=received, rule=rule, number=number)

    assert response.status_code == 200
    assert f"{shown}</b>" in result_block(response)


def test_the_calculator_lists_the_holidays_it_skipped():
    block = result_block(calculate(received="13/02/2026 10:00", rule="working_days", number=3))

    assert "16/02/2026, 17/02/2026, 18/02/2026, 19/02/2026, 20/02/2026" in block


@pytest.mark.parametrize(
    ("params", "field"),
    [
        pytest.param({"received": "31/02/2026 10:00"}, "received", id="impossible-date"),
        pytest.param({"received": "hôm qua"}, "received", id="words"),
        pytest.param({"received": "01/01/1900 10:00"}, "received", id="too-early"),
        pytest.param({"number": "-1"}, "number", id="negative-days"),
        pytest.param({"number": "3651"}, "number", id="more-than-ten-years"),
        pytest.param({"rule": "hours"}, "rule", id="unknown-rule"),
    ],
)
def test_invalid_calculator_input_is_shown_next_to_the_field(params, field):
    response = calculate(**{"received": "09/01/2026 10:00", "rule": "working_days", "number": "1", **params})

    assert response.status_code == 200
    assert len(field_errors(response, field)) == 1
    assert result_block(response) == ""


def test_the_calculator_refuses_posts():
    assert Client().post(PUBLIC, {"received": "09/01/2026 10:00"}).status_code == 405
