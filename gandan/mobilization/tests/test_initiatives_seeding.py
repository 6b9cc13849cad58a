"""The demo's "dân vận khéo" models: a dozen over the four demo communes at every stage and in every field, with two
replications (one into another commune), told through the services at their own dates, and loaded only once."""

import pytest
from django.utils import timezone

from gandan.audit.models import Event
from gandan.mobilization.models import Initiative
from gandan.mobilization.seeding_initiatives import STORIES, seed_initiatives
from gandan.units.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_network")]
pytest_plugins = ["gandan.mobilization.tests.initiatives_fixtures"]  # the media folder


@pytest.fixture
def communes(db):
    return list(Unit.objects.filter(code__in=["08848", "08824", "08782", "08773"], valid_to__isnull=True))


def test_the_demo_tells_every_stage_in_every_field_with_two_replications(communes, media):
    today = timezone.localdate()
    created = seed_initiatives(communes=communes, today=today, photos=True)
    models = Initiative.objects.all()
    assert created == len(STORIES) + 2 == models.count()
    assert {m.status for m in models} == {"registered", "implementing", "reviewed", "recognised", "withdrawn"}
    assert {m.level for m in models if m.status == "recognised"} == {"grassroots", "commune", "province"}
    assert {m.field for m in models} == {"economy", "culture_society", "defence_security", "political_system"}
    assert models.filter(status="withdrawn").count() == 1
    copies = list(models.filter(copied_from__isnull=False))
    assert len(copies) == 2
    assert {c.unit_id == c.copied_from.unit_id for c in copies} == {True, False}  # one in another commune
    assert all(c.copied_from.status == "recognised" for c in copies)
    assert {m.unit_id for m in models} == {c.pk for c in communes}
    recognised = models.filter(status="recognised")
    assert all(m.evidence.filter(content_type="image/jpeg").count() == 2 for m in recognised)
    # Told at its own dates: the oldest registration is months back, and nothing happens after today.
    assert min(m.registered_on for m in models) < today.replace(day=1)
    events = Event.objects.filter(object_type="mobilization.initiative")
    assert events.filter(action="mobilization.initiative_recognise").count() >= 5
    assert max(timezone.localdate(e.at) for e in events) <= today


def test_the_demo_models_are_loaded_once(communes):
    today = timezone.localdate()
    seed_initiatives(communes=communes, today=today)
    count = Initiative.objects.count()
    assert seed_initiatives(communes=communes, today=today) == 0
    assert Initiative.objects.count() == count
