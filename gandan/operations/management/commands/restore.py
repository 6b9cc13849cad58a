"""`gandan restore ARCHIVE [--force]`: every checksum is verified first; then the database and the uploaded files
are put back (docs/backup.md). The site and the worker must be stopped while it runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext_noop

from gandan.operations.backups import RestoreRefused, bilingual, restore_run


class Command(BaseCommand):
    help = (
        "Restore a backup archive into the configured database and MEDIA_ROOT. Refuses a corrupt archive, an "
        "archive of the other database vendor, and a database that already holds data (unless --force)."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database that already holds data (all of it is lost)",
        )

    def handle(self, *args, archive, force, verbosity, **options):
        def progress(line: str) -> None:
            if verbosity >= 1:
                self.stdout.write(line)
                self.stdout.flush()

        self.stdout.write(
            bilingual(
                gettext_noop(
                    "Stop the site and the worker before restoring: the database is replaced while this runs."
                )
            )
        )
        connections.close_all()  # no connection of this process may keep the old database open
        try:
            summary = restore_run(archive=archive, force=force, progress=progress)
        except RestoreRefused as refused:
            raise CommandError(str(refused)) from refused
        except Exception as error:
            raise CommandError(
                bilingual(
                    gettext_noop(
                        "The restore failed (%(error)s). Check the message, then run the restore again."
                    ),
                    error=f"{error.__class__.__name__}: {error}",
                )
            ) from error
        finally:
            connections.close_all()
        self.stdout.write(
            bilingual(
                gettext_noop("Restored: %(tables)s tables, %(rows)s rows, %(files)s files."),
                tables=summary.tables,
                rows=summary.rows,
                files=summary.files,
            )
        )
        if summary.mismatched:
            raise CommandError(
                bilingual(
                    gettext_noop(
                        "Row counts differ from the archive's manifest in %(count)s tables: %(tables)s."
                    ),
                    count=len(summary.mismatched),
                    tables=", ".join(sorted(summary.mismatched)[:10]),
                )
            )
