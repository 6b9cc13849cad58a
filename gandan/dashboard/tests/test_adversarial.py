"""Adversarial checks of the leaders' dashboard: another commune's page, hostile parameters on the page and the
exports, a commune whose name begins with "=" in the Excel export, the PDF in Vietnamese, the public page."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from gandan.portal.rules import commune_slug
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

HOSTILE = [
    "month=0000-01",
    "month=2026-13",
    "month=-1",
    "month=9999-99",
    "month=2026-01%00",
    "sort=__class__",
    "sort=-__dict__",
    "sort=" + "x" * 500,
    "unit=0",
    "unit=-5",
    "unit=abc",
    "unit=99999999999999999999999",
    "unit=9223372036854775808",
]


def test_another_communes_dashboard_is_a_404(other_commune_leader, home_commune):
    client = client_for(other_commune_leader)
    assert client.get(reverse("dashboard:commune", args=[home_commune.pk])).status_code == 404
    for name in ("excel", "pdf"):
        assert client.get(reverse(f"dashboard:{name}") + f"?unit={home_commune.pk}").status_code == 404
    huge = reverse("dashboard:commune", args=[1]).replace("/1/", "/99999999999999999999999/")
    assert client.get(huge).status_code == 404


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_parameters_answer_the_page_or_a_404(commune_leader, query):
    client = client_for(commune_leader)
    for name in ("home", "excel", "pdf"):
        response = client.get(reverse(f"dashboard:{name}") + "?" + query)
        assert response.status_code in (200, 404), (name, query)


def test_a_case_handler_may_not_see_the_dashboard(case_handler):
    assert client_for(case_handler).get(reverse("dashboard:home")).status_code == 403


def test_a_communes_name_beginning_with_equals_stays_text_in_the_excel(commune_leader, home_commune):
    home_commune.name = '=HYPERLINK("http://x.invalid","Sông Lô")'
    home_commune.save(update_fields=["name"])
    response = client_for(commune_leader).get(reverse("dashboard:excel"))
    assert response.status_code == 200
    book = load_workbook(
        io.BytesIO(b"".join(response.streaming_content if response.streaming else [response.content]))
    )
    cells = [c for ws in book.worksheets for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
    named = [c for c in cells if "HYPERLINK" in c.value]
    assert named and all(c.data_type == "s" for c in named)


def test_the_pdf_is_in_vietnamese(commune_leader):
    response = client_for(commune_leader).get(reverse("dashboard:pdf"))
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200 and data.startswith(b"%PDF")


def test_the_public_page_under_each_communes_address(home_commune, other_commune):
    for unit in (home_commune, other_commune):
        page = Client().get(f"/xa/{commune_slug(unit.name_search)}/minh-bach/")
        assert page.status_code == 200 and unit.name in page.content.decode()
    for query in ("?month=0000-01", "?trang=-1", "?sort=__class__"):
        assert Client().get("/minh-bach/" + query).status_code == 200
