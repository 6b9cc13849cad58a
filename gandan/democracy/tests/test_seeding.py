"""The demo's consultations and covenants: in every demo commune an open consultation with opinions from several
channels and a published one with its answers; a covenant in force and one awaiting the chairman; a second run adds
nothing."""

import pytest

from gandan.democracy.models import Consultation, Covenant
from gandan.democracy.seeding_consultations import seed_consultations
from gandan.democracy.seeding_covenants import seed_covenants
from gandan.units.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_democracy")]


def test_every_demo_commune_gets_an_open_and_a_published_consultation():
    assert seed_consultations() > 8
    assert seed_consultations() == 0
    for commune in Unit.objects.filter(code__in=("08848", "08824", "08782", "08773"), valid_to__isnull=True):
        mine = Consultation.objects.filter(unit=commune)
        running = next(c for c in mine if c.phase == "open")
        channels = set(running.comments.values_list("channel", flat=True))
        assert len(channels) >= 4 and "portal" in channels
        published = mine.get(status="published")
        assert published.summary and not published.comments.filter(disposition="pending").exists()


def test_every_demo_commune_gets_a_covenant_in_force_and_one_awaiting_recognition():
    assert seed_covenants() == 8
    assert seed_covenants() == 0
    states = sorted(Covenant.objects.values_list("state", flat=True))
    assert states == ["in_force"] * 4 + ["submitted"] * 4
    waiting = Covenant.objects.filter(state="submitted").first()
    assert waiting.recognise_by >= waiting.submitted_on and waiting.versions.count() == 1
