"""The round trip: the demo's records plus the page walk's (dossiers, petitions with protected attachments, reception,
opinion, news, votes...) and a few uploaded files are backed up while the test database is live, restored into a
second, empty database and MEDIA_ROOT, and every table and every file comes back equal — on SQLite (a second file)
and on PostgreSQL (a second database created and dropped here)."""

from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from gandan.operations.backups import backup_create, restore_run
from gandan.operations.models import Backup, RunStatus
from gandan.operations.tests.backup_support import empty_database, files_under, rows_of, table_digests
from gandan.tests.walk_records import walk_records

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_table_and_every_file_come_back_equal(demo_restored_afterwards, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    walk_records()
    default_storage.save("petitions/2026/12/đơn gốc (bản chụp).pdf", ContentFile(b"%PDF-1.4\n\x00\xff" * 500))
    default_storage.save("news/anh-hop-dan.jpg", ContentFile(bytes(range(256)) * 40))
    default_storage.save("empty.txt", ContentFile(b""))
    source = connection.settings_dict

    backup = backup_create(to_dir=tmp_path / "backups", media_root=settings.MEDIA_ROOT)

    with empty_database(source, tmp_path) as target:
        summary = restore_run(
            archive=Path(backup.archive), database=target, media_root=tmp_path / "restored-media"
        )

        before, after = table_digests(source), table_digests(target)
        # The one row that differs by design: the backup's own, which the copy holds as it was at that instant.
        before.pop("operations_backup"), after.pop("operations_backup")
        own = f"SELECT status FROM operations_backup WHERE id = {int(backup.pk)}"  # noqa: S608 an integer
        assert rows_of(target, own) == [(RunStatus.RUNNING,)]
        others = f"SELECT * FROM operations_backup WHERE id <> {int(backup.pk)} ORDER BY id"  # noqa: S608
        assert rows_of(target, others) == rows_of(source, others)
        assert rows_of(target, "SELECT COUNT(*) FROM operations_backup") == [(Backup.objects.count(),)]
        mismatched = sorted(t for t in before if before[t] != after.get(t))
        assert mismatched == []
        assert sorted(after) == sorted(before)

    models = {m._meta.db_table for m in apps.get_models(include_auto_created=True)}
    assert models - {"operations_backup"} <= set(before), "every Django model's table is compared"
    assert {"django_tasks_database_dbtaskresult", "django_migrations"} <= set(before)
    assert sum(1 for count, _ in before.values() if count) >= 60, "many tables hold rows"
    assert summary.mismatched == {}
    files = files_under(settings.MEDIA_ROOT)
    assert len(files) >= 6 and "empty.txt" in files
    assert files_under(tmp_path / "restored-media") == files
    assert summary.files == backup.files == len(files)
