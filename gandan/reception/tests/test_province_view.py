"""The province's view of reception: every commune's compliance in one table, month by month, and a commune
column and filter on the days list and the book for a supervisor of several communes. The clock is frozen on
Wednesday 13/05/2026 (conftest.py)."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from gandan.reception.tests.support import held, html
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

APRIL_MONDAYS = [dt.date(2026, 4, 6), dt.date(2026, 4, 13), dt.date(2026, 4, 20), dt.date(2026, 4, 27)]


def row_of(page: str, commune: str, office: str) -> str:
    for row in re.findall(r"<tr>\s*<td><a [^>]*>[^<]*</a></td>.*?</tr>", page, re.S):
        if f">{commune}</a>" in row and office in row:
            return row
    raise AssertionError(f"no row for {commune} / {office}")


def cells(row: str) -> list[str]:
    return re.findall(r'<td data-status="(\w+)">', row)


def test_the_supervisor_reads_every_communes_compliance_month_by_month(
    province_supervisor, commune_leader, desk_officer, home_commune, other_commune
):
    for monday in APRIL_MONDAYS[:3]:  # three of April's four weeks
        held(commune_leader, monday + dt.timedelta(days=3), by=desk_officer)

    page = html(client_for(province_supervisor).get(reverse("reception:compliance"), {"year": 2026}))

    chairman = row_of(page, home_commune.name, "Chủ tịch")
    assert '<span class="pill pill-bad">3/4</span>' in chairman  # April: 3 held of 4 required
    assert cells(chairman)[3] == "missed"
    assert cells(chairman)[11] == "pending"  # December is still to come
    assert row_of(page, other_commune.name, "Chủ tịch")


def test_a_commune_officer_sees_only_his_communes_compliance(desk_officer):
    page = html(client_for(desk_officer).get(reverse("reception:compliance"), {"year": 2026}))
    assert 'data-status="' not in page


def test_the_supervisor_filters_reception_days_by_commune(
    province_supervisor, commune_leader, other_commune_leader, desk_officer, home_commune, other_commune
):
    held(commune_leader, dt.date(2026, 5, 6), by=desk_officer)
    client = client_for(province_supervisor)

    page = html(client.get(reverse("reception:days"), {"show": "past", "unit": other_commune.pk}))
    assert f'<option value="{other_commune.pk}" selected>' in page
    assert "06/05/2026" not in page

    page = html(client.get(reverse("reception:days"), {"show": "past", "unit": home_commune.pk}))
    assert "06/05/2026" in page and f"<td>{home_commune.name}</td>" in page


def test_a_commune_officer_has_no_commune_filter_on_the_book(desk_officer):
    assert '<select name="unit"' not in html(client_for(desk_officer).get(reverse("reception:book")))


def test_communes_without_any_reception_are_folded_under_a_count(province_supervisor, home_commune):
    """The trial's page listed all 180 units, mostly "Nobody scheduled 0/52", burying the 4 demo communes."""
    from gandan.reception.models import ReceptionDay, ReceptionSchedule
    from gandan.units.selectors import communes_for_user

    communes = list(communes_for_user(province_supervisor))
    busy = set(ReceptionDay.objects.values_list("unit_id", flat=True)) | set(
        ReceptionSchedule.objects.values_list("unit_id", flat=True)
    )
    idle = [c for c in communes if c.pk not in busy]
    assert home_commune.pk in busy and idle

    page = html(client_for(province_supervisor).get(reverse("reception:compliance"), {"year": 2026}))
    table, _sep, folded = page.partition('<details class="idle-communes">')

    assert f">{home_commune.name}</a>" in table
    assert f">{idle[0].name}</a>" not in table and f">{idle[0].name}</a>" in folded
    assert f"{len(idle)} xã, phường khác chưa có lịch hay ngày tiếp công dân nào trong năm 2026" in folded
