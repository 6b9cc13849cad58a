"""The leaders' dashboard's petitions figures open exactly the petitions they count: "resolved on time" lists those
resolved in the month with no statutory clock late (it listed every resolved petition, of any month), "overdue"
those past a statutory deadline at the month's end (it listed today's). On a commune of the test's own."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from gandan.accounts.rules import Role
from gandan.dashboard.tests.figures_support import APRIL, MARCH, NOW, link, listed, refresh, stored
from gandan.dossiers.tests.factories import local, make_commune, make_staff
from gandan.petitions.models import Clock, Petition
from gandan.petitions.services import petition_receive
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune(db):
    unit = make_commune()
    desk = make_staff(unit, "motcua.thunghiem", Role.DESK_OFFICER)

    def petition(at):
        with time_machine.travel(at, tick=False):
            return petition_receive(
                unit=unit,
                channel="direct",
                parts=[{"kind": "recommendation", "subject": "Đường thôn", "content": "Đề nghị sửa đường."}],
                persons=[{"name": "Trần Văn Nam", "address": "Thôn Một", "phone": "0912000111"}],
                by=desk,
            )[0]

    on_time, late, february, overdue = (
        petition(local(2026, 3, 3, 9)),
        petition(local(2026, 3, 5, 9)),
        petition(local(2026, 2, 3, 9)),
        petition(local(2026, 3, 10, 9)),
    )
    Petition.objects.filter(pk=on_time.pk).update(status="resolved", resolved_on=dt.date(2026, 3, 20))
    Petition.objects.filter(pk=late.pk).update(status="resolved", resolved_on=dt.date(2026, 3, 25))
    Petition.objects.filter(pk=february.pk).update(status="resolved", resolved_on=dt.date(2026, 2, 20))
    Clock.objects.filter(petition__in=[on_time, late, february]).update(stopped_on=dt.date(2026, 3, 20))
    Clock.objects.filter(petition=late).update(late=True)
    # Overdue from 21/03 and settled on 10/04: overdue at March's end, not on 15/04.
    Clock.objects.filter(petition=overdue).update(
        started_on=dt.date(2026, 3, 10), due=dt.date(2026, 3, 20), stopped_on=dt.date(2026, 4, 10)
    )
    unit.on_time, unit.overdue = on_time, overdue
    return unit


def test_resolved_on_time_opens_only_those_resolved_on_time_in_the_month(commune, province_supervisor):
    refresh(commune)
    assert stored(commune, MARCH)["petitions.on_time"] == (1, 2)
    rows = listed(client_for(province_supervisor), link("petitions.on_time", commune, MARCH))
    assert [p.pk for p in rows] == [commune.on_time.pk]


def test_overdue_opens_those_overdue_at_the_months_end(commune, province_supervisor):
    refresh(commune)
    client = client_for(province_supervisor)
    for month, expected in ((MARCH, [commune.overdue.pk]), (APRIL, [])):
        assert stored(commune, month)["petitions.overdue"] == (len(expected), 0)
        assert [p.pk for p in listed(client, link("petitions.overdue", commune, month))] == expected


def test_another_communes_leader_opens_none_of_them(commune, other_commune_leader):
    client = client_for(other_commune_leader)
    rows = listed(client, link("petitions.on_time", commune, MARCH))
    assert all(p.unit_path != commune.path for p in rows)
    with time_machine.travel(NOW, tick=True):
        assert client.get(reverse("petitions:detail", args=[commune.on_time.pk])).status_code == 404
