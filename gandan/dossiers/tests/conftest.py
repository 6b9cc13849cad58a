"""Set-up for the desk's tests (the shared cast of users and the demo data come from the root conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def _no_static_scan(settings):
    """Each test client builds its own middleware, and WhiteNoise then lists every file of STATIC_ROOT: ~35 ms
    per client once `collectstatic` has filled var/static, more than half of these tests' time. Looking files up
    on request instead (as under DEBUG) serves the same files and costs nothing here."""
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture
def without_demo_dossiers(db):
    """For a test that counts a period's indicators with dossiers of its own: the demo tells a whole year (which
    includes the test's period), so its dossiers are set aside (the test's transaction puts them back)."""
    from gandan.dossiers.models import Dossier

    Dossier.objects.all().delete()
