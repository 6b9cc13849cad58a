"""The report's pages and API as an officer and a leader use them: the list with its filters and empty state, starting
a report (errors next to the field, in Vietnamese; a second report for the period points to the first), the report
with its figures linked to their records, writing, submitting, approving, the Word and Excel files, and the JSON of
the API — each scoped to the user's units."""

import json

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, override

from gandan.mobilization.models import Report
from gandan.mobilization.services import reports as services
from gandan.mobilization.tests import reports_support as w
from gandan.tests_support import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_network")]

TEXT = {"opinion": "Ổn định.", "highlights": "Tổ dân vận họp đều.", "shortcomings": "Ít.", "next": "Duy trì."}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(w.NOW, tick=False):
        yield


@pytest.fixture
def world():
    return w.build()


def vi(msgid: str) -> str:
    with override("vi"):
        return escape(gettext(msgid))


def _new(client, **data):
    form = {
        "unit": "",
        "period_kind": "month",
        "year": "2026",
        "month": "11",
        "quarter": "",
        "start": "",
        "end": "",
    }
    return client.post(reverse("mobilization:report_new"), {**form, **data})


def test_the_officer_starts_a_report_and_sees_its_figures_linked_to_the_records(world):
    client = client_for(world.officer)
    response = _new(client, unit=world.commune.pk)
    report = Report.objects.get(unit=world.commune)
    assert response.status_code == 302 and response["Location"] == reverse(
        "mobilization:report", args=[report.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert "Kết quả công tác dân vận tháng 11 năm 2026" in page
    for section in report.figures:
        assert escape(section["title"]) in page
        for figure in section["figures"]:
            if figure["url"]:
                assert f'href="{escape(figure["url"])}"' in page
    assert reverse("mobilization:report_docx", args=[report.pk]) in page


def test_a_period_that_ends_before_it_starts_is_shown_next_to_its_field(world):
    client = client_for(world.officer)
    response = _new(client, unit=world.commune.pk, period_kind="adhoc", start="20/11/2026", end="03/11/2026")
    assert response.status_code == 422
    assert vi("The period ends before it starts: the last day must be on or after the first.") in (
        response.content.decode()
    )
    assert not Report.objects.filter(unit=world.commune).exists()


def test_a_second_report_for_the_month_links_to_the_first(world):
    client = client_for(world.officer)
    _new(client, unit=world.commune.pk)
    response = _new(client, unit=world.commune.pk)
    first = Report.objects.get(unit=world.commune)
    assert response.status_code == 422
    assert reverse("mobilization:report", args=[first.pk]) in response.content.decode()


def test_the_officer_writes_submits_and_the_secretary_approves(world):
    officer, secretary = client_for(world.officer), client_for(world.secretary)
    _new(officer, unit=world.commune.pk)
    report = Report.objects.get(unit=world.commune)
    write = reverse("mobilization:report_write", args=[report.pk])
    assert officer.post(write, {**TEXT, "number": "20-BC/UBND"}).status_code == 302
    assert officer.post(reverse("mobilization:report_submit", args=[report.pk])).status_code == 302
    page = secretary.get(reverse("mobilization:report", args=[report.pk])).content.decode()
    assert reverse("mobilization:report_approve", args=[report.pk]) in page
    assert reverse("mobilization:report_write", args=[report.pk]) not in page  # no editing once submitted
    assert secretary.post(reverse("mobilization:report_approve", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    assert (report.state, report.number, report.narrative["highlights"]) == (
        "approved",
        "20-BC/UBND",
        TEXT["highlights"],
    )
    page = officer.get(reverse("mobilization:report", args=[report.pk])).content.decode()
    assert reverse("mobilization:report_refresh", args=[report.pk]) not in page


def test_a_return_without_a_reason_is_refused_on_the_page(world):
    report = services.report_create(
        unit=world.commune, period_kind="month", year=2026, number=11, by=world.officer
    )
    services.report_write(report=report, narrative=TEXT, by=world.officer)
    services.report_submit(report=report, by=world.officer)
    response = client_for(world.chairman).post(
        reverse("mobilization:report_return", args=[report.pk]), {"reason": ""}
    )
    assert response.status_code == 422
    report.refresh_from_db()
    assert report.state == "submitted"


def test_the_list_filters_by_period_and_state_and_says_what_to_do_when_empty(world):
    client = client_for(world.officer)
    empty = client.get(reverse("mobilization:reports")).content.decode()
    assert reverse("mobilization:report_new") in empty
    services.report_create(unit=world.commune, period_kind="month", year=2026, number=11, by=world.officer)
    services.report_create(unit=world.commune, period_kind="quarter", year=2026, number=3, by=world.officer)
    months = client.get(reverse("mobilization:reports"), {"period_kind": "month"}).content.decode()
    assert "tháng 11 năm 2026" in months and "quý III năm 2026" not in months
    approved = client.get(reverse("mobilization:reports"), {"state": "approved"}).content.decode()
    assert "tháng 11 năm 2026" not in approved


def test_the_files_download_with_their_names(world):
    report = services.report_create(
        unit=world.commune, period_kind="month", year=2026, number=11, by=world.officer
    )
    client = client_for(world.officer)
    docx = client.get(reverse("mobilization:report_docx", args=[report.pk]))
    xlsx = client.get(reverse("mobilization:report_xlsx", args=[report.pk]))
    assert docx.status_code == xlsx.status_code == 200
    assert (
        docx["Content-Disposition"].startswith("attachment")
        and "-2026-11.docx" in docx["Content-Disposition"]
    )
    assert xlsx["Content-Type"].endswith("spreadsheetml.sheet")


def test_another_communes_officer_gets_404(world):
    report = services.report_create(
        unit=world.commune, period_kind="month", year=2026, number=11, by=world.officer
    )
    other = client_for(w.User.objects.get(username="danvan.tamson"))
    for name in ("report", "report_docx"):
        assert other.get(reverse(f"mobilization:{name}", args=[report.pk])).status_code == 404
    assert other.post(reverse("mobilization:report_refresh", args=[report.pk])).status_code == 404
    assert "tháng 11 năm 2026" not in other.get(reverse("mobilization:reports")).content.decode()


# --- The API -------------------------------------------------------------------------------------------------------


def test_the_api_starts_a_report_and_gives_its_figures_as_json(world):
    client = client_for(world.officer)
    created = client.post(
        "/api/v1/mobilization/reports",
        json.dumps({"period_kind": "month", "year": 2026, "number": 11}),
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["title"] == "Kết quả công tác dân vận tháng 11 năm 2026" and body["state"] == "draft"
    one = client.get(f"/api/v1/mobilization/reports/{body['id']}").json()
    figures = {f"{s['key']}.{f['key']}": f for s in one["figures"] for f in s["figures"]}
    assert figures["mobilization.network.members"]["value"] == 3
    assert figures["petitions.petitions.received"]["url"].startswith("/staff/petitions/")
    listed = client.get("/api/v1/mobilization/reports", {"period_kind": "month"}).json()
    assert [r["id"] for r in listed["items"]] == [body["id"]]


def test_the_api_refuses_a_bad_period_and_a_second_report_with_stable_codes(world):
    client = client_for(world.officer)

    def post(data):
        return client.post("/api/v1/mobilization/reports", json.dumps(data), content_type="application/json")

    bad = post({"period_kind": "adhoc", "start": "2026-11-20", "end": "2026-11-03"})
    assert bad.status_code == 400 and bad.json()["code"] == "report_invalid"
    assert post({"period_kind": "month", "year": 2026, "number": 11}).status_code == 201
    again = post({"period_kind": "month", "year": 2026, "number": 11})
    assert again.status_code == 409 and again.json()["code"] == "report_exists"


def test_the_api_is_scoped_like_the_pages(world):
    report = services.report_create(
        unit=world.commune, period_kind="month", year=2026, number=11, by=world.officer
    )
    other = client_for(w.User.objects.get(username="danvan.tamson"))
    assert other.get(f"/api/v1/mobilization/reports/{report.pk}").status_code == 404
    assert other.get("/api/v1/mobilization/reports").json()["count"] == 0
    foreign = other.post(
        "/api/v1/mobilization/reports",
        json.dumps({"unit_id": world.commune.pk, "period_kind": "month", "year": 2026, "number": 10}),
        content_type="application/json",
    )
    assert foreign.status_code == 400 and not Report.objects.filter(period_start__month=10).exists()
    assert (
        client_for(w.User.objects.get(username="xuly.songlo")).get("/api/v1/mobilization/reports").status_code
        == 403
    )
