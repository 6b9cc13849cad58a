from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gandan.dossiers.services.catalogue import procedures_check, procedures_import


class Command(BaseCommand):
    help = "Import the province's procedure catalogue from a CSV (UTF-8) or .xlsx file; a file with errors saves nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The catalogue file (.csv or .xlsx).")
        parser.add_argument("--check", action="store_true", help="Only check the file; save nothing.")

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        report = procedures_check(file=path) if options["check"] else procedures_import(file=path, by=None)
        if report.errors:
            for error in report.errors:
                self.stderr.write(error.message)
            n = len(report.errors)
            message = ngettext(
                "Nothing was saved: %(n)s error to fix.", "Nothing was saved: %(n)s errors to fix.", n
            )
            raise CommandError(message % {"n": n}, returncode=1)
        counts = {
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        }
        if report.saved:
            message = _(
                "Imported %(rows)s lines: %(created)s new, %(updated)s updated, %(unchanged)s unchanged."
            )
        else:
            message = _(
                "The file is correct (%(rows)s lines): it would add %(created)s, update %(updated)s and "
                "leave %(unchanged)s unchanged. Nothing was saved."
            )
        self.stdout.write(self.style.SUCCESS(message % counts))
