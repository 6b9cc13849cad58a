"""A photo is stored with its report or not at all: when the transaction that receives a report (or an officer's
photo) fails after the image was written, the file is removed with the rows, and nothing is left on disk."""

from pathlib import Path

import pytest
from django.conf import settings

from gandan.fieldreports.models import FieldReport, Photo
from gandan.fieldreports.services import intake, visibility
from gandan.fieldreports.services.visibility import report_photo_add
from gandan.fieldreports.tests.factories import make_report, png

pytestmark = pytest.mark.django_db


def stored_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def broken(*args, **kwargs):
    raise RuntimeError("the database went away")


def test_a_received_photo_is_on_disk(songlo):
    before = stored_files()
    report = make_report(songlo, photos=[png()])
    added = stored_files() - before
    assert len(added) == 1 and Path(report.photos.get().file.path) in added


def test_a_report_whose_transaction_fails_leaves_no_photo_on_disk(songlo, monkeypatch):
    before = stored_files()
    monkeypatch.setattr(intake, "event_record", broken)  # the last step, after the photos are written
    with pytest.raises(RuntimeError):
        make_report(
            songlo, description="Cột điện nghiêng sắp đổ", photos=[png("a.png"), png("b.png", "blue")]
        )
    assert not FieldReport.objects.filter(description="Cột điện nghiêng sắp đổ").exists()
    assert stored_files() == before


def test_an_officers_photo_whose_transaction_fails_leaves_no_file(report, handler, monkeypatch):
    before, rows = stored_files(), Photo.objects.filter(report=report).count()
    monkeypatch.setattr(visibility, "event_record", broken)
    with pytest.raises(RuntimeError):
        report_photo_add(report=report, photo=png("sau.png"), note="Sau khi vá", by=handler)
    assert Photo.objects.filter(report=report).count() == rows
    assert stored_files() == before
