"""Overdue done right: one rule (rules.days_late) for the dossier page, the worklists and the API. A dossier is late
only while it is being processed; the desk may issue Form 04 itself; a commune may open Form 04 some working days
before the appointment (GANDAN_APOLOGY_WARNING_DAYS)."""

import pytest
import time_machine

from gandan.dossiers import services
from gandan.dossiers.models import Status
from gandan.dossiers.tests.factories import local, make_procedure, received
from gandan.errors import Conflict
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

API = "/api/v1/dossiers"
LIST = "/staff/dossiers/"
BANNER = "Quá hạn"  # the start of the dossier page's overdue warning, in Vietnamese


@pytest.fixture
def procedure(db):
    return make_procedure(days=3)


def _received_on_monday(procedure, desk_officer, case_handler):
    """Received Monday 02/03/2026, appointment Thursday 05/03, handed to the handler."""
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        dossier = received(procedure, desk_officer.unit, desk_officer)
        return services.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)


def test_a_dossier_returned_on_time_is_not_overdue_weeks_later(procedure, desk_officer, case_handler):
    dossier = _received_on_monday(procedure, desk_officer, case_handler)
    with time_machine.travel(local(2026, 3, 4, 10), tick=False):
        services.dossier_complete(dossier=dossier, by=case_handler)
        services.dossier_return(dossier=dossier, by=desk_officer, result_number="Giấy khai sinh số 12/2026")

    with time_machine.travel(local(2026, 4, 1, 9), tick=False):
        client = client_for(desk_officer)
        page = client.get(f"/staff/dossiers/{dossier.pk}/").content.decode()
        one = client.get(f"{API}/{dossier.pk}").json()
        rows = client.get(f"{API}/", {"worklist": "all"}).json()["items"]

    assert BANNER not in page and "act/apologize" not in page
    assert (one["overdue"], one["days_late"]) == (False, 0)
    assert {(r["overdue"], r["days_late"]) for r in rows if r["id"] == dossier.pk} == {(False, 0)}


def test_a_finished_dossier_waiting_for_the_citizen_is_not_late(procedure, desk_officer, case_handler):
    dossier = _received_on_monday(procedure, desk_officer, case_handler)
    with time_machine.travel(local(2026, 3, 5, 16), tick=False):
        services.dossier_complete(dossier=dossier, by=case_handler)
    with time_machine.travel(local(2026, 3, 20, 9), tick=False):
        client = client_for(desk_officer)
        overdue = client.get(LIST, {"worklist": "overdue"}).content.decode()
        ready = client.get(LIST, {"worklist": "ready"}).content.decode()
        # The citizen collects it two weeks after the appointment: no apology is asked for.
        services.dossier_return(dossier=dossier, by=desk_officer, result_number="Giấy khai sinh số 12/2026")

    assert dossier.code not in overdue and dossier.code in ready


def test_the_page_the_worklist_and_the_api_agree_on_the_days_late(procedure, desk_officer, case_handler):
    dossier = _received_on_monday(procedure, desk_officer, case_handler)

    # Due Thursday 05/03; on Tuesday 10/03 Friday, Monday and Tuesday have passed.
    with time_machine.travel(local(2026, 3, 10, 9), tick=False):
        client = client_for(desk_officer)
        page = client.get(f"/staff/dossiers/{dossier.pk}/").content.decode()
        worklist = client.get(LIST, {"worklist": "overdue"}).content.decode()
        one = client.get(f"{API}/{dossier.pk}").json()
        rows = client.get(f"{API}/", {"worklist": "overdue"}).json()["items"]

    assert "Quá hạn 3 ngày làm việc" in page
    assert dossier.code in worklist and "3 ngày làm việc" in worklist
    assert (one["overdue"], one["days_late"]) == (True, 3)
    assert [(r["id"], r["overdue"], r["days_late"]) for r in rows] == [(dossier.pk, True, 3)]


def test_over_the_weekend_after_the_appointment_nothing_is_late_yet(procedure, desk_officer, case_handler):
    """Received Tuesday 03/03: due Friday 06/03. On Saturday the desk is closed: due, not late."""
    with time_machine.travel(local(2026, 3, 3, 9), tick=False):
        dossier = received(procedure, desk_officer.unit, desk_officer)
    with time_machine.travel(local(2026, 3, 7, 9), tick=False):
        client = client_for(desk_officer)
        due_soon = client.get(LIST, {"worklist": "due_soon"}).content.decode()
        one = client.get(f"{API}/{dossier.pk}").json()
    with time_machine.travel(local(2026, 3, 9, 9), tick=False):
        monday = client_for(desk_officer).get(f"{API}/{dossier.pk}").json()

    assert dossier.code in due_soon
    assert (one["overdue"], one["days_late"]) == (False, 0)
    assert (monday["overdue"], monday["days_late"]) == (True, 1)


def test_while_waiting_for_papers_the_clock_is_stopped(procedure, desk_officer, case_handler):
    dossier = _received_on_monday(procedure, desk_officer, case_handler)
    with time_machine.travel(local(2026, 3, 4, 9), tick=False):
        services.dossier_request_supplement(
            dossier=dossier, by=case_handler, items=["Giấy chứng sinh"], reason="Bản sao mờ"
        )
    with time_machine.travel(local(2026, 3, 12, 9), tick=False):
        one = client_for(desk_officer).get(f"{API}/{dossier.pk}").json()
        overdue = client_for(desk_officer).get(LIST, {"worklist": "overdue"}).content.decode()

    assert (one["status"], one["overdue"], one["days_late"]) == (Status.SUPPLEMENT, False, 0)
    assert dossier.code not in overdue


def test_the_desk_officer_issues_form_04_through_the_api(procedure, desk_officer, case_handler):
    dossier = _received_on_monday(procedure, desk_officer, case_handler)
    with time_machine.travel(local(2026, 3, 10, 9), tick=False):
        response = client_for(desk_officer).post(
            f"{API}/{dossier.pk}/actions/apologize",
            {"reason": "Chờ xác minh cư trú", "new_appointment": "2026-03-13"},
            content_type="application/json",
        )

    assert response.status_code == 200
    body = response.json()
    assert (body["current_appointment"], body["overdue"], body["days_late"]) == ("2026-03-13", False, 0)
    assert dossier.apologies.get().by == desk_officer


def test_by_default_form_04_waits_until_the_dossier_is_late(procedure, desk_officer, case_handler):
    dossier = _received_on_monday(procedure, desk_officer, case_handler)
    with time_machine.travel(local(2026, 3, 4, 9), tick=False):
        page = client_for(desk_officer).get(f"/staff/dossiers/{dossier.pk}/").content.decode()
        with pytest.raises(Conflict) as refused:
            services.dossier_apologize(
                dossier=dossier,
                by=desk_officer,
                reason="Chờ xác minh",
                new_appointment=local(2026, 3, 9).date(),
            )

    assert "act/apologize" not in page
    assert refused.value.code == "apology_not_due"


def test_a_commune_may_open_form_04_some_working_days_before_the_appointment(
    settings, procedure, desk_officer, case_handler
):
    settings.GANDAN_APOLOGY_WARNING_DAYS = 1
    dossier = _received_on_monday(procedure, desk_officer, case_handler)
    with time_machine.travel(local(2026, 3, 3, 9), tick=False):  # two working days before Thursday: not yet
        too_early = client_for(desk_officer).get(f"/staff/dossiers/{dossier.pk}/").content.decode()
    with time_machine.travel(local(2026, 3, 4, 9), tick=False):  # one working day before
        in_time = client_for(desk_officer).get(f"/staff/dossiers/{dossier.pk}/").content.decode()
        services.dossier_apologize(
            dossier=dossier, by=desk_officer, reason="Chờ xác minh", new_appointment=local(2026, 3, 9).date()
        )

    assert "act/apologize" not in too_early and "act/apologize" in in_time
    dossier.refresh_from_db()
    assert (dossier.appointment, dossier.current_appointment) == (
        local(2026, 3, 5).date(),
        local(2026, 3, 9).date(),
    )
