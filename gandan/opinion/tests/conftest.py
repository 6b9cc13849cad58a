"""Set-up for the opinion tests (the shared cast of users and the demo data come from the root conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def _without_demo_signals(db):
    """These tests count the signals they record; the demo's year already recorded its citizens' words (petitions,
    reception statements, rating remarks), so those are set aside for each test (the test's transaction puts them
    back)."""
    from gandan.opinion.models import Signal

    Signal.objects.all().delete()
