"""Set-up for the reception tests: the clock is frozen on Wednesday 13/05/2026, 09:00 in Hà Nội time."""

import pytest
import time_machine

from gandan.reception.tests.support import NOW


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _without_demo_reception(db):
    """The reception tests build their own days and books on a frozen clock; the demo's year of reception days
    (which covers the frozen date) is set aside for each test (the test's transaction puts it back)."""
    from gandan.petitions.models import Task
    from gandan.reception.models import ConclusionNotice, ReceptionDay, ReceptionRecord

    Task.objects.filter(conclusion__isnull=False).delete()
    ConclusionNotice.objects.all().delete()
    ReceptionRecord.objects.all().delete()
    ReceptionDay.objects.all().delete()
