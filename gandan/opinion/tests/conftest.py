"""Set-up for the opinion tests (the shared cast of users and the demo data come from the root conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def _without_demo_signals(db):
    """These tests count the signals they record; the demo's year already recorded its citizens' words (petitions,
    reception statements, rating remarks), so those are set aside for each test (the test's transaction puts them
    back)."""
    from gandan.opinion.models import Signal

    Signal.objects.all().delete()


@pytest.fixture
def make_alert(db):
    """An alert as the engine raises it: an issue of the commune (from a village, with counts), the alert with its
    level, time and reasons, and the "raised" row of its history."""
    import datetime as dt

    from django.utils import timezone

    from gandan.opinion.models import Alert, AlertEvent, Issue
    from gandan.units.models import Unit

    def make(commune, *, level=2, title="Bụi từ nhà máy bê tông thôn Đồng", reasons=None, at=None, **fields):
        at = at or timezone.now() - dt.timedelta(hours=2)
        village = Unit.objects.filter(parent=commune, valid_to__isnull=True).order_by("name").first()
        issue = Issue.objects.create(
            unit=commune,
            unit_path=commune.path,
            title=title,
            first_seen=at - dt.timedelta(days=2),
            last_seen=at,
            signal_count=7,
            people_count=12,
            places={str(village.pk): 7} if village else {str(commune.pk): 7},
            alert_level=level,
            alert_raised_at=at,
        )
        alert = Alert.objects.create(
            issue=issue,
            unit=commune,
            unit_path=commune.path,
            level=level,
            raised_at=at,
            reasons=reasons
            if reasons is not None
            else [{"code": "burst", "observed": 7, "expected": 0.4, "days": 2}],
            **fields,
        )
        AlertEvent.objects.create(alert=alert, at=at, action="raised")
        return alert

    return make
