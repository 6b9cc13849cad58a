"""A quarry, farm or company named by its own proper name, on the database: remembered by the issue between two
runs of the worker (and after an official's split or merge), and never taken for one when it is named after a place
of the commune ("trại gà Bến Đò" is Bến Đò's farm)."""

import datetime as dt
import functools

import pytest

from gandan.opinion.engine import Params
from gandan.opinion.models import Issue
from gandan.opinion.services import processing
from gandan.opinion.services.processing import process_pending
from gandan.opinion.services.refresh import issue_refresh
from gandan.opinion.tests.test_engine_things import NAMED
from gandan.opinion.tests.test_processing import T0, record, villages  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def _two_runs(villages):  # noqa: F811
    record(1, NAMED[0], villages["Thôn Bãi Sậy"], T0)
    process_pending()
    record(2, NAMED[1], villages["Thôn Bến Đò"], T0 + dt.timedelta(hours=5))
    process_pending()
    return Issue.objects.get(signals__source_id="1"), Issue.objects.get(signals__source_id="2")


def test_a_letter_naming_the_quarry_in_the_next_run_joins_the_issue_the_last_run_saved(villages):  # noqa: F811
    first, second = _two_runs(villages)
    assert first == second and first.signal_count == 2
    assert first.memory["things"] == {"nui danh": 2}
    # As stored before things were read; an official's split or merge recomputes it from its signals.
    first.memory = {k: v for k, v in first.memory.items() if k != "things"}
    issue_refresh(first)
    first.refresh_from_db()
    assert first.memory["things"] == {"nui danh": 2}


def test_were_names_to_count_for_nothing_the_letter_from_another_village_would_wait(villages, monkeypatch):  # noqa: F811
    monkeypatch.setattr(processing, "Params", functools.partial(Params, object_bonus=0.0))
    first, second = _two_runs(villages)
    assert first != second


def test_a_farm_named_after_a_village_of_the_commune_is_that_villages_farm_not_a_name(villages):  # noqa: F811
    record(1, "Trại gà Bến Đò bốc mùi hôi thối, ruồi bay khắp xóm", villages["Thôn Bãi Sậy"], T0)
    farther = T0 + dt.timedelta(days=120)  # written with the village's kind: the same
    record(3, "Trại gà Thôn Bến Đò bốc mùi hôi thối, ruồi bay khắp xóm", villages["Thôn Bãi Sậy"], farther)
    later = T0 + dt.timedelta(days=60)  # another matter, long after
    record(2, "Trại lợn Hưng Phát xả thải ra mương, cả xóm ngửi mùi hôi", villages["Thôn Bãi Sậy"], later)
    process_pending()
    assert Issue.objects.get(signals__source_id="1").memory["things"] == {}
    assert Issue.objects.get(signals__source_id="2").memory["things"] == {"hung phat": 1}
    assert Issue.objects.get(signals__source_id="3").memory["things"] == {}
