"""Set-up for the notification tests (the shared cast of users and the demo data come from the root conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def _without_demo_messages(db):
    """These tests queue messages under keys of their own (`dossiers:123:receipt`) and read the whole queue; the
    demo's year already sent its own messages (one such key among them), so they are set aside for each test (the
    test's transaction puts them back)."""
    from gandan.notify.models import Notification

    Notification.objects.all().delete()
