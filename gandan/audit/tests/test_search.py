"""The audit page's two search boxes go through gandan.search: accents ignored, each box on its own part of the
event (who did it; what it was done to), inside the leader's area, and the audit row itself is left as chained."""

import re

import pytest

from gandan.audit.models import Event
from gandan.audit.services import event_record, events_record
from gandan.tests_support import client_for
from gandan.units.models import Unit

pytestmark = pytest.mark.django_db
PAGE = "/staff/audit/"


def actions(user, **params) -> list[str]:
    """The test's own actions found (the demo's events may match the same words: the chairman Lê Văn Hùng publishes
    news about thôn Bến Đò)."""
    html = client_for(user).get(PAGE, params).content.decode()
    return [a for a in re.findall(r'<td data-action="([^"]+)"', html) if a.startswith("test.")]


def test_who_is_found_without_accents_and_only_among_actors(commune_leader):  # commune_leader is Lê Văn Hùng
    village = Unit.objects.get(name="Thôn Bến Đò")
    event_record(actor=commune_leader, action="test.by_hung", obj=village)
    event_record(
        actor=None,
        action="test.about_hung",
        unit=commune_leader.unit,
        obj=Unit(pk=10**9, name="Nhà văn hoá Lê Văn Hùng", path=commune_leader.unit.path),
    )

    assert "test.by_hung" in actions(commune_leader, actor="le van hung")
    assert "test.about_hung" not in actions(commune_leader, actor="le van hung")
    assert actions(commune_leader, obj="van hoa hung") == ["test.about_hung"]
    assert actions(commune_leader, actor="LE HUNG", obj="ben do") == ["test.by_hung"]


def test_events_written_in_bulk_are_searchable_and_the_row_is_unchanged(commune_leader):
    village = Unit.objects.get(name="Thôn Bến Đò")
    (event,) = events_record([{"actor": commune_leader, "action": "test.bulk", "obj": village}])
    stored = Event.objects.get(pk=event.pk)

    assert actions(commune_leader, obj="thon ben do", action="test.bulk") == ["test.bulk"]
    assert (stored.hash, stored.prev_hash) == (event.hash, event.prev_hash)


def test_another_communes_events_are_not_found(commune_leader, other_commune_leader, other_commune):
    event_record(actor=other_commune_leader, action="test.tam_son", obj=other_commune)

    assert "test.tam_son" in actions(
        other_commune_leader, obj="tam son"
    )  # beside the demo's own events there
    assert actions(commune_leader, obj="tam son") == []
