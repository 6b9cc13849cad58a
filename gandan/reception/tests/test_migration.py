"""Reception left the petitions app without losing a row (issue #10). A database migrated at the old state, with a
reception day, a record, a notice of conclusions and its task written through the old state's models, is migrated
to today's state; everything is still there, read through today's models, and the move also migrates back.

The migration runs in a separate process on a database file of its own: the test database is already at today's
state, and SQLite cannot change a schema inside the test's transaction."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = r"""
import datetime as dt
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

call_command("migrate", "petitions", "0005", verbosity=0)
old = MigrationExecutor(connection).loader.project_state(("petitions", "0005_lookup_secret")).apps
assert "receptionrecord" not in old.all_models.get("reception", {})  # the old state: reception inside petitions
Unit, User = old.get_model("units", "Unit"), old.get_model("accounts", "User")
Day, Record = old.get_model("petitions", "ReceptionDay"), old.get_model("petitions", "ReceptionRecord")
Notice, Task = old.get_model("petitions", "ConclusionNotice"), old.get_model("petitions", "Task")
unit = Unit.objects.create(code="99901", name="Xã Thử", kind="commune", path="99901")
user = User.objects.create(username="canbo.thu", full_name="Cán bộ thử", unit=unit)
day = Day.objects.create(unit=unit, unit_path=unit.path, leader=user, leader_kind="commune_chairman",
                         day=dt.date(2026, 11, 26), place="Trụ sở UBND", held=True)
Record.objects.create(unit=unit, unit_path=unit.path, reception_day=day, at=dt.datetime(2026, 11, 26, 2, tzinfo=dt.UTC),
                      officer=user, citizen_name="Công dân cũ", citizen_address="Thôn A", content="Nội dung cũ",
                      kind="complaint")
notice = Notice.objects.create(reception_day=day, number="05", issued_on=dt.date(2026, 11, 27), content="Kết luận",
                               created_by=user)
Task.objects.create(conclusion=notice, unit_path=unit.path, title="Việc cũ", due=dt.date(2026, 12, 10))

call_command("migrate", verbosity=0)

from gandan.petitions.models import Task as TaskNow
from gandan.reception.models import ReceptionRecord

record = ReceptionRecord.objects.select_related("reception_day").get(citizen_name="Công dân cũ")
notice = record.reception_day.conclusions.get()
print("after:", record.content, "|", notice.number, "|", TaskNow.objects.get(conclusion=notice).title)

call_command("migrate", "reception", "zero", verbosity=0)
again = MigrationExecutor(connection).loader.project_state(("petitions", "0005_lookup_secret")).apps
print("back:", again.get_model("petitions", "ReceptionRecord").objects.get(citizen_name="Công dân cũ").content)
"""


@pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="migrates a SQLite file of its own whatever the suite's database: run once, in the SQLite run",
)
def test_a_database_at_the_old_state_keeps_its_reception_rows(tmp_path):
    env = {
        **os.environ,
        "SQLITE_PATH": str(tmp_path / "old.sqlite3"),
        "DJANGO_SETTINGS_MODULE": "gandan.settings",
    }
    env.pop("DATABASE_URL", None)  # a file of its own, whatever database the suite runs on
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "after: Nội dung cũ | 05 | Việc cũ" in done.stdout
    assert "back: Nội dung cũ" in done.stdout
