"""What a review of the module found: a staff download of a model's evidence leaves its trace in the audit trail;
the report's team figures open the coverage of the commune they count; the public showcase API serves small pages."""

import pytest
from django.test import Client
from django.urls import reverse

from gandan.audit.models import Event
from gandan.mobilization.selectors.report_figures import report_sections
from gandan.mobilization.services.evidence import evidence_add
from gandan.mobilization.tests.initiatives_support import pdf, register
from gandan.tests_support import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_network")]
pytest_plugins = ["gandan.mobilization.tests.initiatives_fixtures"]  # the cast and the media folder


def test_opening_a_models_document_is_audited(officer, media):
    model = register(officer)
    evidence = evidence_add(initiative=model, upload=pdf(), by=officer)
    download = reverse("mobilization:evidence_file", args=[model.pk, evidence.pk])
    before = Event.objects.filter(action="mobilization.evidence_read").count()
    response = client_for(officer).get(download)
    assert response.status_code == 200
    b"".join(response.streaming_content)
    read = Event.objects.filter(action="mobilization.evidence_read").order_by("-id")
    assert read.count() == before + 1
    assert read[0].details["evidence"] == evidence.pk and read[0].actor_id == officer.pk


def test_the_reports_team_figures_open_the_coverage_of_their_commune(home_commune, supervisor):
    today = home_commune.created_at.date()
    sections = report_sections(unit_path=home_commune.path, paths=[home_commune.path], start=today, end=today)
    teams = next(f for s in sections for f in s.figures if f.key == "teams")
    assert f"commune={home_commune.pk}" in teams.url and "unit=" not in teams.url
    page = client_for(supervisor).get(teams.url)  # the province's officer: the link narrows to the commune
    assert page.status_code == 200 and home_commune.name in page.content.decode()


def test_the_public_showcase_api_serves_small_pages():
    assert Client().get("/api/v1/mobilization/showcase", {"limit": 50}).status_code == 200
    refused = Client().get("/api/v1/mobilization/showcase", {"limit": 1000})
    assert refused.status_code in (400, 422)
