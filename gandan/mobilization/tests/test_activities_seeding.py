"""The demo's season of activities: for the teams of the demo communes, a monthly meeting per team, three or four
campaigns over several villages, two to four mediation cases with mixed results, and notes of what people are
saying that reach the opinion board; a commune without teams is skipped, and a second run adds nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from gandan.mobilization.models import Activity
from gandan.mobilization.seeding_activities import SEASON_MONTHS, seed_activities
from gandan.mobilization.services.activities import NOTE_SOURCE
from gandan.mobilization.tests.support_activities import officer, team_for, villages_of
from gandan.opinion.models import Signal
from gandan.units.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_network")]
__all__ = ["officer"]  # fixtures


# The season's draws follow the dates: on 07/12/2026 its two mediation cases were both successes.
@pytest.mark.parametrize("day", [None, dt.date(2026, 12, 7)], ids=["today", "2026-12-07"])
def test_a_season_for_the_communes_with_teams_once(home_commune, officer, day):
    teams = [team_for(v, by=officer) for v in villages_of(home_commune)]
    today = day or timezone.localdate()
    Activity.objects.filter(unit=home_commune).delete()  # whatever a demo made before
    # A commune of another province has neither teams nor an officer: skipped, silently.
    elsewhere = (
        Unit.objects.filter(kind="commune", valid_to__isnull=True).exclude(path__startswith="25.").first()
    )

    created = seed_activities(communes=[home_commune, elsewhere], today=today)

    mine = Activity.objects.filter(unit=home_commune)
    assert created == mine.count()
    assert not Activity.objects.filter(unit=elsewhere).exists()
    assert mine.filter(held_on__gt=today).count() == 0
    earliest = (today.replace(day=1) - dt.timedelta(days=31 * (SEASON_MONTHS - 1))).replace(day=1)
    assert mine.filter(held_on__lt=earliest).count() == 0
    for team in teams:
        months = {a.held_on.replace(day=1) for a in mine.filter(kind="meeting", team=team)}
        assert SEASON_MONTHS - 1 <= len(months) <= SEASON_MONTHS, team
        assert mine.filter(kind="meeting", team=team).count() == len(months)  # one a month
    assert 3 <= mine.filter(kind="campaign").count() <= 4
    assert all(a.villages.count() >= 3 and a.people_reached for a in mine.filter(kind="campaign"))
    cases = mine.filter(kind="mediation")
    assert 2 <= cases.count() <= 4
    assert len(set(cases.values_list("mediation_result", flat=True))) >= 2  # mixed results
    notes = mine.filter(kind="note")
    assert notes.count() >= len(teams)
    assert Signal.objects.filter(
        source_kind=NOTE_SOURCE, source_id__in=[str(n.pk) for n in notes]
    ).count() == (notes.count())
    assert notes.filter(content__contains="hút cát").exists()  # an echo of the demo's opinion matters

    assert seed_activities(communes=[home_commune, elsewhere], today=today) == 0
