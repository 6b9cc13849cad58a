"""Mass mobilisation's figures on the leaders' dashboard equal those counted by hand on a commune of the test's own
(no demo record) over March and April 2026; a former commune's villages and models count under its successor; each
figure opens exactly the villages or models it counts; another commune's leader opens none of them."""

import datetime as dt

import pytest
from django.urls import reverse

from gandan.accounts.rules import Role
from gandan.dashboard.tests.figures_support import APRIL, MARCH, NOW, link, listed, refresh, stored
from gandan.dossiers.tests.factories import make_commune, make_staff
from gandan.mobilization.models import Initiative, Member, Team
from gandan.tests_support import client_for
from gandan.units.models import UnitKind, UnitSuccession
from gandan.units.services import unit_create

pytestmark = pytest.mark.django_db


def day(month, d):
    return dt.date(2026, month, d)


@pytest.fixture
def commune(db):
    """Xã Thử Nghiệm's four villages and their teams, and its models, in March and April 2026."""
    unit = make_commune()
    chairman = make_staff(unit, "chutich.thunghiem", Role.UNIT_LEADER)
    villages = [
        unit_create(kind=UnitKind.VILLAGE, name=f"Thôn {n}", parent=unit, valid_from=day(1, 1), audit=False)
        for n in ("Một", "Hai", "Ba", "Bốn")
    ]

    def team(village, established=dt.date(2026, 1, 5), roles=("leader",), term_end=None):
        found = Team.objects.create(
            village=village, unit_path=village.path, commune_path=unit.path, name=f"Tổ dân vận {village.name}",
            established_on=established, created_by=chairman,
        )  # fmt: skip
        Member.objects.create(
            team=found, unit_path=village.path, full_name="Nguyễn Văn An", name_key="nguyen van an",
            roles=list(roles), term_end=term_end,
        )  # fmt: skip
        return found

    team(villages[0])  # led in both months
    team(villages[1], roles=("village_head",))  # no leader
    team(villages[2], term_end=day(4, 10))  # its leader left on 10/04: led at March's end only
    team(villages[3], established=day(4, 5))  # set up in April: led at April's "end" (today) only
    unit.led_in_march = {villages[0].pk, villages[2].pk}

    def model(status, recognised_on=None, level=""):
        return Initiative.objects.create(
            unit=unit, unit_path=unit.path, name="Tuyến đường nở hoa", name_search="tuyen duong no hoa",
            field="culture_society", owner_kind="organisation", owner_name="Hội Phụ nữ xã", place="Thôn Một",
            period_start=day(1, 1), description="Trồng hoa hai bên đường.", status=status, level=level,
            recognised_on=recognised_on, registered_on=day(1, 2), registered_by=chairman,
        )  # fmt: skip

    unit.recognised = model("recognised", day(3, 15), "commune")  # March
    model("recognised", day(4, 2), "grassroots")  # April
    model("withdrawn", day(3, 20), "commune")  # withdrawn since: not counted
    model("registered")
    return unit


def test_the_figures_are_those_counted_by_hand(commune):
    refresh(commune)
    march, april = stored(commune, MARCH), stored(commune, APRIL)
    assert march["mobilization.villages_led"] == (2, 4)
    assert april["mobilization.villages_led"] == (2, 4)
    assert march["mobilization.models_recognised"] == (1, 0)
    assert april["mobilization.models_recognised"] == (1, 0)


def test_a_former_communes_records_count_under_its_successor(commune):
    successor = make_commune(code="99902", name="Xã Kế Tục")
    UnitSuccession.objects.create(former=commune, successor=successor, confirmed=True, effective=APRIL)
    refresh(successor)
    assert stored(successor, MARCH)["mobilization.villages_led"] == (2, 4)
    assert stored(successor, MARCH)["mobilization.models_recognised"] == (1, 0)


def test_each_figure_opens_exactly_the_records_it_counts(commune, province_supervisor):
    refresh(commune)
    client = client_for(province_supervisor)
    for month in (MARCH, APRIL):
        figures = stored(commune, month)
        for key in ("mobilization.villages_led", "mobilization.models_recognised"):
            assert len(listed(client, link(key, commune, month))) == figures[key][0], (key, month)
    villages = listed(client, link("mobilization.villages_led", commune, MARCH))
    assert {v.village.pk for v in villages} == commune.led_in_march
    models = listed(client, link("mobilization.models_recognised", commune, MARCH))
    assert [m.pk for m in models] == [commune.recognised.pk]


def test_the_successors_drill_down_lists_the_former_communes_villages(commune, province_supervisor):
    successor = make_commune(code="99902", name="Xã Kế Tục")
    UnitSuccession.objects.create(former=commune, successor=successor, confirmed=True, effective=APRIL)
    client = client_for(province_supervisor)
    villages = listed(client, link("mobilization.villages_led", successor, MARCH))
    assert {v.village.pk for v in villages} == commune.led_in_march


def test_another_communes_leader_opens_none_of_them(commune, other_commune_leader):
    import time_machine

    client = client_for(other_commune_leader)
    with time_machine.travel(NOW, tick=True):
        assert client.get(link("mobilization.villages_led", commune, MARCH)).status_code == 404
        assert client.get(reverse("mobilization:initiative", args=[commune.recognised.pk])).status_code == 404
    models = listed(client, link("mobilization.models_recognised", commune, MARCH))
    assert all(m.unit_path != commune.path for m in models)
