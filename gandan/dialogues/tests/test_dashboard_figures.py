"""The dialogues' figures on the leaders' dashboard equal those counted by hand on a commune of the test's own (no
demo record) over March and April 2026; a former commune's records count under its successor; each figure opens
exactly the records it counts; another commune's leader opens none of them."""

import datetime as dt

import pytest
from django.urls import reverse

from gandan.accounts.rules import Role
from gandan.dashboard.tests.figures_support import APRIL, MARCH, link, listed, refresh, stored
from gandan.dialogues.models import Commitment, Dialogue
from gandan.dossiers.tests.factories import local, make_commune, make_staff
from gandan.tests_support import client_for
from gandan.units.models import UnitSuccession

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune(db):
    """Xã Thử Nghiệm's dialogues and commitments of March and April 2026, each marked with what it counts for."""
    unit = make_commune()
    chairman = make_staff(unit, "chutich.thunghiem", Role.UNIT_LEADER)

    def dialogue(status, at):
        return Dialogue.objects.create(
            unit=unit, unit_path=unit.path, kind=Dialogue.Kind.THEMATIC, status=status, title="Đối thoại đất đai",
            title_search="doi thoai dat dai", starts_at=at, place="Hội trường UBND xã",
            chaired_by="Chủ tịch UBND xã", created_by=chairman,
        )  # fmt: skip

    held = dialogue(Dialogue.Status.HELD, local(2026, 3, 10, 8))  # March
    dialogue(Dialogue.Status.CLOSED, local(2026, 3, 31, 20))  # March (late evening, local time)
    dialogue(Dialogue.Status.PLANNED, local(2026, 3, 20, 8))  # not held
    dialogue(Dialogue.Status.CANCELLED, local(2026, 3, 21, 8))  # not held
    dialogue(Dialogue.Status.HELD, local(2026, 4, 2, 8))  # April

    def commitment(due, state="open", done_on=None):
        return Commitment.objects.create(
            dialogue=held, unit_path=unit.path, text="Sửa đường thôn", owner="UBND xã", due=due, state=state,
            done_on=done_on, created_by=chairman,
        )  # fmt: skip

    unit.on_time = commitment(dt.date(2026, 3, 10), "done", dt.date(2026, 3, 8))  # due March, on time
    commitment(dt.date(2026, 3, 20), "done", dt.date(2026, 3, 25))  # due March, done late (before the end)
    unit.overdue = commitment(dt.date(2026, 3, 25), "in_progress")  # due March: overdue at both months' ends
    commitment(dt.date(2026, 3, 28), "cancelled")  # never counted
    commitment(dt.date(2026, 3, 30), "done", dt.date(2026, 4, 5))  # due March, overdue at March's end only
    commitment(dt.date(2026, 4, 20))  # due in April, but not yet on 15/04: not counted yet
    return unit


def test_the_figures_are_those_counted_by_hand(commune):
    refresh(commune)
    march, april = stored(commune, MARCH), stored(commune, APRIL)
    assert march["dialogues.held"] == (2, 0)
    assert march["dialogues.commitments_on_time"] == (1, 4)
    assert march["dialogues.commitments_overdue"] == (2, 0)
    assert april["dialogues.held"] == (1, 0)
    assert april["dialogues.commitments_on_time"] == (0, 0)  # due on 20/04: not judged yet on 15/04
    assert april["dialogues.commitments_overdue"] == (1, 0)


def test_a_former_communes_records_count_under_its_successor(commune):
    successor = make_commune(code="99902", name="Xã Kế Tục")
    UnitSuccession.objects.create(former=commune, successor=successor, confirmed=True, effective=APRIL)
    refresh(successor)
    assert stored(successor, MARCH)["dialogues.held"] == (2, 0)
    assert stored(successor, MARCH)["dialogues.commitments_on_time"] == (1, 4)


def test_each_figure_opens_exactly_the_records_it_counts(commune, province_supervisor):
    refresh(commune)
    client = client_for(province_supervisor)
    for month in (MARCH, APRIL):
        figures = stored(commune, month)
        for key in ("dialogues.held", "dialogues.commitments_on_time", "dialogues.commitments_overdue"):
            assert len(listed(client, link(key, commune, month))) == figures[key][0], (key, month)
    on_time = listed(client, link("dialogues.commitments_on_time", commune, MARCH))
    assert [c.pk for c in on_time] == [commune.on_time.pk]
    assert "bảng điều hành" in client.get(link("dialogues.held", commune, MARCH)).content.decode()


def test_another_communes_leader_opens_none_of_them(commune, other_commune_leader):
    client = client_for(other_commune_leader)
    for key in ("dialogues.held", "dialogues.commitments_overdue"):
        rows = listed(client, link(key, commune, MARCH))
        assert all(r.unit_path != commune.path for r in rows)
    assert client.get(reverse("dialogues:commitment", args=[commune.overdue.pk])).status_code == 404
