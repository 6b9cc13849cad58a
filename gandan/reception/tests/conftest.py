"""Set-up for the reception tests: the clock is frozen on Wednesday 13/05/2026, 09:00 in Hà Nội time."""

import pytest
import time_machine

from gandan.reception.tests.support import NOW


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
