"""The demo's disclosures: each demo commune shows the budget estimate and the support list on its boards, the
procedures posted permanently, last year's settlement ended, a late plan and a call-up list to disclose; seeding
again adds nothing."""

import pytest
from django.utils import timezone

from gandan.democracy.models import Disclosure
from gandan.democracy.seeding_disclosures import seed_disclosures
from gandan.democracy.selectors.disclosures import state_of
from gandan.units.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_democracy")]


def test_each_demo_commune_gets_its_year_of_disclosures_once(home_commune):
    created = seed_disclosures()
    assert created >= 6 and seed_disclosures() == 0
    today = timezone.localdate()
    for commune in Unit.objects.filter(code__in=["08848", "08824", "08782", "08773"], valid_to__isnull=True):
        rows = list(Disclosure.objects.filter(unit=commune))
        states = {(d.item, str(state_of(d, today))) for d in rows}
        assert {
            (2, "running"),
            (2, "ended"),
            (7, "running"),
            (13, "running"),
            (5, "late"),
            (9, "due"),
        } <= states
        support = next(d for d in rows if d.item == 7)
        assert support.loudspeaker_days == 3 and "loudspeaker" in support.channels
        assert next(d for d in rows if d.item == 13).end is None
