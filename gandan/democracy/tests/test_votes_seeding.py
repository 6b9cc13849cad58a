"""The demo's household registers and votes: two villages of each demo commune get 60 to 120 households with
Vietnamese representatives, a road contribution is counted in each commune (in xã Sông Lô it fails the 2/3 of all
households although most of those present agreed), xã Sông Lô has an online vote running; a second run adds nothing."""

import pytest

from gandan.core.vntext import normalize
from gandan.democracy.models import Ballot, Household, Vote
from gandan.democracy.seeding_votes import ROAD_TITLE, seed_votes
from gandan.democracy.vote_texts import vote_result

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_democracy")]


def test_the_demo_registers_and_votes(home_commune):
    added = seed_votes()
    assert added == Household.objects.count() > 0
    per_village = {}
    for household in Household.objects.select_related("village"):
        per_village.setdefault(household.village, []).append(household)
        assert household.representative == normalize(household.representative)
        assert len(household.representative.split()) == 3
    assert not all(h.representative.isascii() for rows in per_village.values() for h in rows)
    assert len(per_village) == 8
    assert all(60 <= len(rows) <= 120 for rows in per_village.values())
    roads = Vote.objects.filter(title=ROAD_TITLE)
    assert roads.count() == 4 and all(v.households and v.counted_at for v in roads)
    songlo = roads.get(commune_path=home_commune.path)
    assert songlo.passed is False and "chưa đạt 2/3 tổng số hộ" in vote_result(songlo)
    assert roads.filter(status="recognised").count() == 1 and roads.filter(status="sent").count() == 2
    online = Vote.objects.get(form="online")
    assert online.status == "open" and 8 <= Ballot.objects.filter(vote=online).count() <= 14
    assert seed_votes() == 0
    assert Vote.objects.count() == 5
