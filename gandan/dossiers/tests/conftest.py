"""Set-up for the desk's tests (the shared cast of users and the demo data come from the root conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def _no_static_scan(settings):
    """Each test client builds its own middleware, and WhiteNoise then lists every file of STATIC_ROOT: ~35 ms
    per client once `collectstatic` has filled var/static, more than half of these tests' time. Looking files up
    on request instead (as under DEBUG) serves the same files and costs nothing here."""
    settings.WHITENOISE_AUTOREFRESH = True
