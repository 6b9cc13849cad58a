"""The backups page: the administrator and the province's supervisor see each backup (local date and time, result,
size in MB, archive name, the start of its sha256), newest first; a commune officer is refused; no archive can be
downloaded from it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gandan.operations.models import Backup, RunStatus
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db


def _backup(started: dt.datetime, **fields) -> Backup:
    return Backup.objects.create(started_at=started, finished_at=started + dt.timedelta(minutes=2), **fields)


def test_the_supervisor_sees_the_backups_newest_first(province_supervisor):
    utc = dt.UTC
    _backup(
        dt.datetime(2026, 12, 4, 19, 0, tzinfo=utc),  # 05/12/2026 02:00 in Hà Nội
        status=RunStatus.OK,
        trigger=Backup.Trigger.SCHEDULE,
        archive="/srv/gandan/backups/gandan-20261205-020000.tar",
        size_bytes=12_345_678,
        sha256="ab12cd34ef56" + "0" * 52,
    )
    _backup(
        dt.datetime(2026, 12, 5, 8, 30, tzinfo=utc),
        status=RunStatus.FAILED,
        message="DatabaseCopyError: pg_dump failed (1): disk full",
    )

    page = client_for(province_supervisor).get(reverse("operations:backups"))

    text = page.content.decode()
    assert page.status_code == 200
    assert "05/12/2026 02:00" in text and "05/12/2026 15:30" in text
    assert text.index("05/12/2026 15:30") < text.index("05/12/2026 02:00")
    assert "12,3" in text or "12.3" in text
    assert "gandan-20261205-020000.tar" in text and "/srv/gandan/backups/gandan" not in text
    assert ">ab12cd34ef56<" in text
    assert "disk full" in text
    assert 'href="/srv' not in text and '.tar"' not in text
    assert "toàn bộ dữ liệu của người dân" in text


def test_a_commune_officer_is_refused(commune_leader):
    assert client_for(commune_leader).get(reverse("operations:backups")).status_code == 403


def test_it_pages_through_many_backups(sysadmin):
    start = timezone.now() - dt.timedelta(days=100)
    for n in range(60):
        _backup(start + dt.timedelta(days=n), status=RunStatus.OK, archive=f"/b/gandan-{n:03d}.tar")
    client = client_for(sysadmin)
    first = client.get(reverse("operations:backups")).content.decode()
    second = client.get(reverse("operations:backups") + "?page=2").content.decode()
    assert "gandan-059.tar" in first and "gandan-000.tar" not in first
    assert "gandan-000.tar" in second
