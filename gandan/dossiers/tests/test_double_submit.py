"""A form sent twice (a double click, a resend after "back") creates one dossier, and the second answer leads to it."""

import re

import pytest
from django.test import Client

from gandan.dossiers.models import Dossier, DossierCounter, OnlineLevel
from gandan.dossiers.public import lookup_token
from gandan.dossiers.tests.factories import make_procedure
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'<input type="hidden" name="submission_token" value="([A-Za-z0-9_-]+)">')
INTAKE = "/staff/dossiers/new/"
SUBMIT = "/ho-so/nop/"


def token_in(response) -> str:
    found = TOKEN.findall(response.content.decode())
    assert len(found) == 1, "the form carries one submission token"
    return found[0]


def counted() -> tuple[int, int]:
    return Dossier.objects.count(), sum(DossierCounter.objects.values_list("last", flat=True))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# --- at the desk -------------------------------------------------------------------------------------------------


@pytest.fixture
def procedure(db):
    return make_procedure(days=3)


def intake_data(procedure, token: str | None) -> dict:
    data = {
        "procedure": procedure.pk,
        "applicant_name": "Nguyễn Thị Hòa",
        "id_number": "025 190 012 345",
        "applicant_phone": "0912 345 678",
        "applicant_email": "",
        "applicant_address": "Thôn Bến Đò, xã Sông Lô",
        "request": "",
        "sets": "1",
        "channel": "1",
        **{f"paper_{c.pk}_received": "on" for c in procedure.components.all()},
        "decision": "accept",
        "missing": "",
        "reason": "",
    }
    if token is not None:
        data["submission_token"] = token
    return data


def test_the_desk_form_sent_twice_records_one_dossier_and_the_second_answer_leads_to_it(
    procedure, desk_officer
):
    client = client_for(desk_officer)
    token = token_in(client.get(INTAKE, {"procedure": procedure.pk}))
    before = counted()

    first = client.post(INTAKE, intake_data(procedure, token))
    second = client.post(INTAKE, intake_data(procedure, token), follow=True)

    assert counted() == (before[0] + 1, before[1] + 1)  # one dossier, one number taken
    dossier = Dossier.objects.latest("id")
    assert first.status_code == 302
    assert first["Location"] == f"/staff/dossiers/{dossier.pk}/"
    assert second.redirect_chain == [(f"/staff/dossiers/{dossier.pk}/", 302)]
    assert "Biểu mẫu này đã được gửi" in second.content.decode()


def test_two_forms_with_two_tokens_record_two_dossiers(procedure, desk_officer):
    client = client_for(desk_officer)
    tokens = [token_in(client.get(INTAKE, {"procedure": procedure.pk})) for _n in range(2)]
    before = Dossier.objects.count()

    for token in tokens:
        assert client.post(INTAKE, intake_data(procedure, token)).status_code == 302

    assert tokens[0] != tokens[1]
    assert Dossier.objects.count() == before + 2


def test_a_form_without_a_token_still_records_as_before(procedure, desk_officer):
    before = Dossier.objects.count()

    response = client_for(desk_officer).post(INTAKE, intake_data(procedure, None))

    assert response.status_code == 302
    assert Dossier.objects.count() == before + 1


def test_a_refused_form_keeps_its_token_and_the_corrected_form_records_once(procedure, desk_officer):
    client = client_for(desk_officer)
    token = token_in(client.get(INTAKE, {"procedure": procedure.pk}))
    before = Dossier.objects.count()

    refused = client.post(INTAKE, {**intake_data(procedure, token), "applicant_phone": "12"})
    corrected = client.post(INTAKE, intake_data(procedure, token))
    again = client.post(INTAKE, intake_data(procedure, token))

    assert refused.status_code == 200
    assert token_in(refused) == token  # nothing was saved, so the same token may still be used once
    assert corrected.status_code == again.status_code == 302
    assert again["Location"] == corrected["Location"]
    assert Dossier.objects.count() == before + 1


def test_another_officer_replaying_a_token_gets_no_link_to_the_dossier(procedure, desk_officer, case_handler):
    token = token_in(client_for(desk_officer).get(INTAKE, {"procedure": procedure.pk}))
    client_for(desk_officer).post(INTAKE, intake_data(procedure, token))
    before = Dossier.objects.count()

    response = client_for(case_handler).post(INTAKE, intake_data(procedure, token))

    assert response.status_code == 409
    assert "Location" not in response
    assert Dossier.objects.count() == before


# --- online ------------------------------------------------------------------------------------------------------


def test_the_online_form_sent_twice_saves_one_dossier_and_both_answers_show_it():
    procedure = make_procedure(days=3, online=OnlineLevel.FULL)
    citizen = Client()
    url = f"{SUBMIT}{procedure.pk}/"
    form = {
        "applicant_name": "Lường Thị Xuân",
        "id_number": "025190067890",
        "applicant_phone": "0978123456",
        "applicant_email": "",
        "applicant_address": "Xóm Khe Cát, thôn Bến Đò",
        "request": "",
        "sets": "1",
        "confirm": "on",
        "submission_token": token_in(citizen.get(url)),
    }
    before = Dossier.objects.count()

    first = citizen.post(url, form)
    second = citizen.post(url, form)

    dossier = Dossier.objects.get(applicant_phone="0978123456", procedure=procedure)
    assert Dossier.objects.count() == before + 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/ho-so/da-nop/{lookup_token(dossier)}/"


# --- a unit added below the commune (the foundation's one create form) ------------------------------------------


def test_the_add_unit_form_sent_twice_adds_one_village(commune_leader, home_commune):
    from gandan.units.models import Unit

    client = client_for(commune_leader)
    url = f"/staff/units/{home_commune.pk}/add/"
    form = {
        "name": "Thôn Đồng Xuân",
        "kind": "village",
        "code": "",
        "valid_from": "01/07/2025",
        "submission_token": token_in(client.get(url)),
    }

    first = client.post(url, form)
    second = client.post(url, form)

    village = Unit.objects.get(name="Thôn Đồng Xuân")
    assert first["Location"] == second["Location"] == f"/staff/units/{village.pk}/"
