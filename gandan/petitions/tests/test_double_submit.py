"""A form sent twice (a double click, a resend after "back", two requests racing) creates one petition, one reception
record, one reception day, one notice — and the second answer leads to the first record."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from gandan.petitions.models import Petition
from gandan.petitions.public import lookup_token
from gandan.reception import services as reception_services
from gandan.reception.models import ConclusionNotice, ReceptionDay, ReceptionRecord
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'<input type="hidden" name="submission_token" value="([A-Za-z0-9_-]+)">')
NOW = dt.datetime(2026, 5, 13, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def token_in(response) -> str:
    found = TOKEN.findall(response.content.decode())
    assert len(found) == 1, "the form carries one submission token"
    return found[0]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


# --- online --------------------------------------------------------------------------------------------------------


def public_form(home_commune, token: str) -> dict:
    return {
        "unit": str(home_commune.pk),
        "kind": "complaint",
        "subject": "Tranh chấp ranh giới đất ở thôn Bến Đò",
        "content": "Gia đình ông Lê Văn Bình lấn chiếm 2 mét đất vườn của gia đình tôi.",
        "name": "Hoàng Văn Sơn",
        "address": "Thôn Bến Đò, xã Sông Lô",
        "phone": "0912555777",
        "email": "",
        "id_number": "",
        "consent": "on",
        "submission_token": token,
    }


def test_the_online_petition_sent_twice_is_received_once_and_both_answers_show_it(home_commune):
    citizen = Client()
    form = public_form(home_commune, token_in(citizen.get("/kien-nghi/gui/")))
    before = Petition.objects.count()

    first = citizen.post("/kien-nghi/gui/", form)
    second = citizen.post("/kien-nghi/gui/", form)

    petition = Petition.objects.latest("id")
    assert Petition.objects.count() == before + 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/kien-nghi/da-gui/{lookup_token(petition)}/"


def test_two_online_petitions_with_two_tokens_are_two_petitions(home_commune):
    before = Petition.objects.count()

    for _n in range(2):
        citizen = Client()
        assert (
            citizen.post(
                "/kien-nghi/gui/", public_form(home_commune, token_in(citizen.get("/kien-nghi/gui/")))
            ).status_code
            == 302
        )

    assert Petition.objects.count() == before + 2


# --- at the office -------------------------------------------------------------------------------------------------


def intake_form(token: str) -> dict:
    return {
        "kind": "recommendation",
        "channel": "direct",
        "subject": "Đề nghị sửa đường liên thôn",
        "content": "Đường liên thôn Bến Đò xuống cấp, đề nghị xã sửa trước mùa mưa.",
        "name": "Phan Thị Lụa",
        "address": "Thôn Bến Đò, xã Sông Lô",
        "phone": "0912666888",
        "email": "",
        "id_number": "",
        "duplicate_choice": "new",
        "submission_token": token,
    }


def test_the_intake_form_sent_twice_records_one_petition_and_leads_to_it(desk_officer):
    client = client_for(desk_officer)
    form = intake_form(token_in(client.get(reverse("petitions:intake"))))
    before = Petition.objects.count()

    first = client.post(reverse("petitions:intake"), form)
    second = client.post(reverse("petitions:intake"), form)

    petition = Petition.objects.latest("id")
    assert Petition.objects.count() == before + 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("petitions:detail", args=[petition.pk])


def test_two_intake_forms_record_two_petitions(desk_officer):
    client = client_for(desk_officer)
    before = Petition.objects.count()

    for _n in range(2):
        form = intake_form(token_in(client.get(reverse("petitions:intake"))))
        assert client.post(reverse("petitions:intake"), form).status_code == 302

    assert Petition.objects.count() == before + 2


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
    "create_petition": "on",
}


def test_the_reception_form_sent_twice_writes_the_book_once_and_one_petition(desk_officer, frozen):
    client = client_for(desk_officer)
    url = reverse("reception:record_new")
    form = {**RECORD_FORM, "submission_token": token_in(client.get(url))}
    records, petitions = ReceptionRecord.objects.count(), Petition.objects.count()

    first = client.post(url, form)
    second = client.post(url, form)

    record = ReceptionRecord.objects.latest("id")
    assert (ReceptionRecord.objects.count(), Petition.objects.count()) == (records + 1, petitions + 1)
    assert first["Location"] == second["Location"] == reverse("reception:record", args=[record.pk])


def test_two_reception_forms_write_two_lines(desk_officer, frozen):
    client = client_for(desk_officer)
    url = reverse("reception:record_new")
    before = ReceptionRecord.objects.count()

    for _n in range(2):
        form = {**RECORD_FORM, "create_petition": "", "submission_token": token_in(client.get(url))}
        assert client.post(url, form).status_code == 302

    assert ReceptionRecord.objects.count() == before + 2


def test_the_schedule_form_sent_twice_schedules_one_day_and_leads_to_it(commune_leader, desk_officer, frozen):
    client = client_for(desk_officer)
    url = reverse("reception:day_new")
    form = {
        "leader": commune_leader.pk,
        "leader_kind": "commune_chairman",
        "day": "20/05/2026",
        "place": "Phòng tiếp công dân, UBND xã Sông Lô",
        "submission_token": token_in(client.get(url)),
    }

    first = client.post(url, form)
    second = client.post(url, form)

    day = ReceptionDay.objects.get(leader=commune_leader, day=dt.date(2026, 5, 20))
    assert first["Location"] == second["Location"] == reverse("reception:day", args=[day.pk])


def test_the_notice_form_sent_twice_issues_one_notice(commune_leader, desk_officer, frozen):
    day = reception_services.reception_day_schedule(
        unit=commune_leader.unit,
        leader=commune_leader,
        leader_kind="commune_chairman",
        day=NOW.date(),
        place="Phòng tiếp công dân",
        ad_hoc=False,
        ad_hoc_reason="",
        by=desk_officer,
    )
    reception_services.reception_day_held(day_obj=day, by=desk_officer)
    client = client_for(desk_officer)
    url = reverse("reception:conclusion_new", args=[day.pk])
    form = {
        "task_rows": "1",
        "number": "15/TB-UBND",
        "issued_on": "13/05/2026",
        "content": "Chủ tịch UBND xã kết luận: giao công chức địa chính xác minh.",
        "task-0-title": "Xác minh ranh giới",
        "task-0-responsible_body": "Công chức địa chính",
        "task-0-due": "27/05/2026",
        "submission_token": token_in(client.get(url)),
    }

    first = client.post(url, form)
    second = client.post(url, form)

    notice = ConclusionNotice.objects.get(reception_day=day)
    assert first["Location"] == second["Location"] == reverse("reception:conclusion", args=[notice.pk])


# --- a verification task on the case page -------------------------------------------------------------------------


def test_a_task_form_sent_twice_adds_one_task(receive, commune_leader, case_handler, inspector):
    from gandan.petitions import services

    petition = receive()
    services.petition_assign(petition=petition, by=commune_leader, assignee=case_handler)
    services.petition_accept(petition=petition, by=case_handler)
    client = client_for(case_handler)
    page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    token = re.search(
        r'action="[^"]*/act/add_task/".*?name="submission_token" value="([A-Za-z0-9_-]+)"', page, re.S
    ).group(1)
    form = {
        "add_task-title": "Xác minh ranh giới đất",
        "add_task-assignee": inspector.pk,
        "add_task-due": petition.statutory_due.strftime("%d/%m/%Y"),
        "submission_token": token,
    }
    url = reverse("petitions:act", args=[petition.pk, "add_task"])

    first = client.post(url, form)
    second = client.post(url, form)

    assert first.status_code == second.status_code == 302
    assert petition.tasks.count() == 1
