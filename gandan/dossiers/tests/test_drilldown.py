"""The province's view of the desk: each number of the indicators page opens the worklist of exactly the dossiers
it counts (the same selector), a supervisor of several communes gets a commune column and filter, and a commune
officer neither. Measured on the demo's dossiers of last month."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gandan.dossiers.models import Dossier
from gandan.dossiers.selectors import INDICATORS, Worklist, dossier_list_for_user, indicators_for_user
from gandan.kit.communes import commune_paths
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db


def last_month() -> tuple[dt.date, dt.date]:
    end = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


def figure(ind, name: str) -> int:
    return ind.late if name == "late" else getattr(ind, name)


def listed(response) -> int:
    found = re.search(r'<p class="count">(\d+)', response.content.decode())
    assert found, "the worklist states how many dossiers it holds"
    return int(found.group(1))


@pytest.mark.parametrize("user", ["province_supervisor", "commune_leader"])
def test_every_figure_equals_the_rows_of_the_list_it_opens(request, user):
    user = request.getfixturevalue(user)
    start, end = last_month()
    ind = indicators_for_user(user, start=start, end=end)
    assert ind.counted > 0, "the demo has dossiers last month"
    client = client_for(user)
    for name in INDICATORS:
        rows = dossier_list_for_user(user, worklist=Worklist.ALL, indicator=name, period=(start, end))
        page = client.get(reverse("dossiers:worklist"), {"indicator": name, "period": f"{start:%Y-%m}"})
        assert figure(ind, name) == rows.count() == listed(page), name
    assert ind.on_time + ind.late == ind.counted


def test_a_communes_row_opens_that_communes_dossiers(province_supervisor, other_commune):
    start, end = last_month()
    ind = indicators_for_user(province_supervisor, start=start, end=end, unit_path=other_commune.path)
    page = client_for(province_supervisor).get(
        reverse("dossiers:worklist"),
        {"indicator": "counted", "period": f"{start:%Y-%m}", "unit": other_commune.pk},
    )
    assert listed(page) == ind.counted > 0
    indicators = client_for(province_supervisor).get(
        reverse("dossiers:indicators"), {"month": f"{start:%Y-%m}"}
    )
    assert (
        f"indicator=late&amp;period={start:%Y-%m}&amp;unit={other_commune.pk}" in indicators.content.decode()
    )


def test_the_supervisor_filters_the_worklist_by_commune_and_sees_the_commune(
    province_supervisor, home_commune, other_commune
):
    client = client_for(province_supervisor)
    everything = client.get(reverse("dossiers:worklist"), {"worklist": "all"})
    one = client.get(reverse("dossiers:worklist"), {"worklist": "all", "unit": other_commune.pk})

    expected = Dossier.objects.filter(unit_path__in=commune_paths(other_commune)).count()
    assert listed(one) == expected < listed(everything)
    page = one.content.decode()
    assert '<select name="unit"' in page and f'<option value="{other_commune.pk}" selected>' in page
    assert f"<td>{other_commune.name}</td>" in page and f"<td>{home_commune.name}</td>" not in page


def test_a_commune_officer_has_no_commune_filter_nor_column(desk_officer):
    page = client_for(desk_officer).get(reverse("dossiers:worklist"), {"worklist": "all"}).content.decode()
    assert '<select name="unit"' not in page
