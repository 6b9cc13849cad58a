"""The province's view of the petitions worklist: a supervisor of several communes gets a commune column and a
commune filter; a commune officer, who sees one commune, neither."""

import re

import pytest
from django.urls import reverse

from gandan.kit.communes import commune_paths
from gandan.petitions.models import Petition
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db


def listed(response) -> int:
    found = re.search(r'<p class="count">(\d+)', response.content.decode())
    assert found
    return int(found.group(1))


def test_the_supervisor_filters_petitions_by_commune_and_sees_the_commune(
    province_supervisor, home_commune, other_commune
):
    client = client_for(province_supervisor)
    everything = client.get(reverse("petitions:worklist"), {"worklist": "all"})
    one = client.get(reverse("petitions:worklist"), {"worklist": "all", "unit": other_commune.pk})

    expected = Petition.objects.filter(unit_path__in=commune_paths(other_commune)).count()
    assert 0 < listed(one) == expected < listed(everything)
    page = one.content.decode()
    assert f'<option value="{other_commune.pk}" selected>' in page
    assert f"<td>{other_commune.name}</td>" in page and f"<td>{home_commune.name}</td>" not in page


def test_a_commune_officer_has_no_commune_filter(desk_officer):
    page = client_for(desk_officer).get(reverse("petitions:worklist"), {"worklist": "all"}).content.decode()
    assert '<select name="unit"' not in page
