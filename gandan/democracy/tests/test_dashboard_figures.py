"""Grassroots democracy's figures on the leaders' dashboard equal those counted by hand on a commune of the test's own
(no demo record) over March and April 2026; a former commune's records count under its successor; each figure opens
exactly the records it counts; another commune's leader opens none of them."""

import datetime as dt

import pytest
from django.urls import reverse

from gandan.accounts.rules import Role
from gandan.dashboard.tests.figures_support import APRIL, MARCH, link, listed, refresh, stored
from gandan.democracy.models import Consultation, Disclosure
from gandan.dossiers.tests.factories import make_commune, make_staff
from gandan.tests_support import client_for
from gandan.units.models import UnitSuccession

pytestmark = pytest.mark.django_db
KEYS = (
    "democracy.disclosed",
    "democracy.disclosed_on_time",
    "democracy.disclosures_late",
    "democracy.consultations_opened",
)


def day(month, d):
    return dt.date(2026, month, d)


@pytest.fixture
def commune(db):
    """Xã Thử Nghiệm's disclosures and consultations of March and April 2026, each marked with what it counts for."""
    unit = make_commune()
    chairman = make_staff(unit, "chutich.thunghiem", Role.UNIT_LEADER)

    def disclosure(decided, deadline, start=None, **more):
        return Disclosure.objects.create(
            unit=unit, unit_path=unit.path, item=2, title="Dự toán ngân sách xã", title_search="du toan ngan sach xa",
            decided_on=decided, deadline=deadline, start=start, channels=["office_board"], legal_basis="Điều 11",
            created_by=chairman, **more,
        )  # fmt: skip

    unit.on_time = disclosure(day(3, 2), day(3, 9), day(3, 5))  # posted in March, on time
    disclosure(day(3, 2), day(3, 9), day(3, 12))  # posted in March, late
    unit.late = disclosure(day(3, 20), day(3, 27))  # not posted: late at both months' ends
    disclosure(day(3, 25), day(4, 1), day(4, 3))  # still due at March's end; posted late in April
    disclosure(
        day(3, 2), day(3, 9), day(3, 6), withdrawn_on=day(3, 20), withdraw_reason="Nhầm"
    )  # never counted
    disclosure(
        day(4, 10), day(4, 17), day(4, 20)
    )  # planned after today (15/04): not yet posted, not yet late

    def consultation(opens, closes, status):
        return Consultation.objects.create(
            unit=unit, unit_path=unit.path, subject=Consultation.Subject.OTHER, title="Kế hoạch 2027",
            title_search="ke hoach 2027", opens=opens, closes=closes, status=status, created_by=chairman,
        )  # fmt: skip

    consultation(day(3, 5), day(3, 20), Consultation.Status.CLOSED)  # opened in March
    consultation(day(3, 10), day(3, 30), Consultation.Status.DRAFT)  # never opened
    consultation(day(4, 10), day(4, 30), Consultation.Status.OPEN)  # opened in April
    consultation(day(4, 25), day(4, 30), Consultation.Status.OPEN)  # announced: opens after today
    return unit


def test_the_figures_are_those_counted_by_hand(commune):
    refresh(commune)
    march, april = stored(commune, MARCH), stored(commune, APRIL)
    assert march["democracy.disclosed"] == (2, 0)
    assert march["democracy.disclosed_on_time"] == (1, 2)
    assert march["democracy.disclosures_late"] == (1, 0)
    assert march["democracy.consultations_opened"] == (1, 0)
    assert april["democracy.disclosed"] == (1, 0)
    assert april["democracy.disclosed_on_time"] == (0, 1)
    assert april["democracy.disclosures_late"] == (1, 0)
    assert april["democracy.consultations_opened"] == (1, 0)


def test_a_former_communes_records_count_under_its_successor(commune):
    successor = make_commune(code="99902", name="Xã Kế Tục")
    UnitSuccession.objects.create(former=commune, successor=successor, confirmed=True, effective=APRIL)
    refresh(successor)
    march = stored(successor, MARCH)
    assert march["democracy.disclosed_on_time"] == (1, 2)
    assert march["democracy.consultations_opened"] == (1, 0)


def test_each_figure_opens_exactly_the_records_it_counts(commune, province_supervisor):
    refresh(commune)
    client = client_for(province_supervisor)
    for month in (MARCH, APRIL):
        figures = stored(commune, month)
        for key in KEYS:
            assert len(listed(client, link(key, commune, month))) == figures[key][0], (key, month)
    assert [d.pk for d in listed(client, link("democracy.disclosed_on_time", commune, MARCH))] == [
        commune.on_time.pk
    ]
    assert [d.pk for d in listed(client, link("democracy.disclosures_late", commune, MARCH))] == [
        commune.late.pk
    ]


def test_another_communes_leader_opens_none_of_them(commune, other_commune_leader):
    client = client_for(other_commune_leader)
    for key in KEYS:
        assert all(r.unit_path != commune.path for r in listed(client, link(key, commune, MARCH))), key
    assert client.get(reverse("democracy:disclosure", args=[commune.late.pk])).status_code == 404
