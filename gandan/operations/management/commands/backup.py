"""`gandan backup [--to DIR]`: one dated archive of the database and the uploaded files, taken while the site serves
(docs/backup.md). Progress goes to the terminal; the archive's path is printed alone on the last line, for scripts."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_noop

from gandan.operations.backups import backup_create, bilingual
from gandan.operations.models import Backup


class Command(BaseCommand):
    help = (
        "Back up the database and every uploaded file into one archive in GANDAN_BACKUP_DIR (or --to DIR), then "
        "delete the archives retention lets go. The last line printed is the archive's path."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", type=Path, help="folder for the archive (default: GANDAN_BACKUP_DIR)")
        parser.add_argument("--keep-daily", type=int, help="keep the newest archive of this many days")
        parser.add_argument("--keep-monthly", type=int, help="keep the newest archive of this many months")

    def handle(self, *args, to, keep_daily, keep_monthly, verbosity, **options):
        for value in (keep_daily, keep_monthly):
            if value is not None and value < 0:
                raise CommandError("--keep-daily / --keep-monthly: 0 hoặc lớn hơn. / 0 or more.")

        def progress(line: str) -> None:
            if verbosity >= 1:
                self.stdout.write(line)
                self.stdout.flush()

        try:
            backup = backup_create(
                to_dir=to,
                trigger=Backup.Trigger.COMMAND,
                keep_daily=keep_daily,
                keep_monthly=keep_monthly,
                progress=progress,
            )
        except Exception as error:
            raise CommandError(
                bilingual(
                    gettext_noop(
                        "The backup failed (%(error)s). No archive was kept; the failure is recorded."
                    ),
                    error=f"{error.__class__.__name__}: {error}",
                )
            ) from error
        self.stdout.write(backup.archive)
