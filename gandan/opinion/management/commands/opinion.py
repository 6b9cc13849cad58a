"""`gandan opinion ingest FILE.jsonl` imports signals; `gandan opinion issues [--json] [--since DATE]` lists issues."""

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gandan.opinion.selectors.issue_export import issues_export
from gandan.opinion.services import textwork
from gandan.opinion.services.ingest import IngestReport, ingest_file
from gandan.opinion.services.recording import TEXT_MAX

SHOWN = 50


def parse_day(text: str) -> date:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).date()  # noqa: DTZ007 (a day, no time)
        except ValueError:
            continue
    raise CommandError(_("“%(value)s” is not a date: write dd/mm/yyyy or yyyy-mm-dd.") % {"value": text})


class _Bars:
    """Progress bars on a terminal (stderr), one per stage; nothing at all when stderr is not a terminal."""

    LABELS = {"check": "Kiểm tra", "save": "Lưu", "process": "Xử lý"}

    def __init__(self) -> None:
        self.bars: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        from tqdm import tqdm

        bar = self.bars.get(stage)
        if bar is None:
            for other in self.bars.values():
                other.close()
            unit = "B" if stage in {"check", "save"} else " tín hiệu"
            bar = tqdm(
                total=total,
                desc=self.LABELS.get(stage, stage),
                unit=unit,
                unit_scale=stage != "process",
                file=sys.stderr,
                leave=False,
            )
            self.bars[stage] = bar
        bar.total = total
        bar.update(done - bar.n)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def _number(value: int) -> str:
    """A count as Vietnamese writes it (5.000)."""
    return f"{value:,}".replace(",", ".")


class Command(BaseCommand):
    help = (
        "Public opinion: `opinion ingest FILE.jsonl` imports signals (one JSON object a line: id, text, place, at, "
        "source); `opinion issues [--json] [--since DATE]` lists the issues."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        ingest = commands.add_parser(
            "ingest", help="Import signals from a JSON Lines file; a file with errors saves nothing."
        )
        ingest.add_argument("file", type=Path)
        issues = commands.add_parser("issues", help="List the issues (not merged ones).")
        issues.add_argument("--json", action="store_true", help="Print a JSON list (UTF-8).")
        issues.add_argument(
            "--since", help="Only issues last seen on or after this day (dd/mm/yyyy or yyyy-mm-dd)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "ingest":
            self.ingest(options["file"])
        else:
            self.issues(
                as_json=options["json"], since=parse_day(options["since"]) if options["since"] else None
            )

    # ----------------------------------------------------------------------------------------------------------

    def ingest(self, path: Path) -> None:
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        bars = _Bars() if sys.stderr.isatty() else None
        stage = ""

        def progress(name: str, done: int, total: int) -> None:
            nonlocal stage
            stage = name
            if bars is not None:
                bars(name, done, total)

        try:
            report = ingest_file(path, progress=progress)
        except KeyboardInterrupt:
            textwork.shutdown()  # the text workers end before the command does
            if stage == "process":
                message = _(
                    "Stopped while grouping: the file's signals are saved; those not grouped yet are grouped by the "
                    "next “gandan opinion ingest” (the same file again imports nothing twice)."
                )
            else:
                message = _("Stopped: nothing was saved.")
            raise CommandError(message, returncode=130) from None
        finally:
            if bars is not None:
                bars.close()
        if report.errors:
            for error in report.errors[:SHOWN]:
                self.stderr.write(str(error))
            if len(report.errors) > SHOWN:
                more = len(report.errors) - SHOWN
                self.stderr.write(_("… and %(n)s more error(s) not shown.") % {"n": more})
            n = len(report.errors)
            message = ngettext(
                "Nothing was saved: %(n)s error to fix.", "Nothing was saved: %(n)s errors to fix.", n
            )
            raise CommandError(message % {"n": n}, returncode=1)
        self.report_fallbacks(report)
        self.report_shortened(report)
        summary = _(
            "Read %(read)s lines: %(imported)s imported, %(already)s already imported, %(fallbacks)s placed in their "
            "commune (village not found); %(processed)s signals processed in %(seconds)s s."
        ) % {
            "read": report.read,
            "imported": report.imported,
            "already": report.already,
            "fallbacks": len(report.fallbacks),
            "processed": report.processed,
            "seconds": f"{report.seconds:.1f}",
        }
        self.stdout.write(self.style.SUCCESS(summary))

    def report_fallbacks(self, report: IngestReport) -> None:
        for line, name, commune in report.fallbacks[:SHOWN]:
            self.stdout.write(
                self.style.WARNING(
                    _("Line %(line)s: village “%(name)s” not found; the signal is placed in %(commune)s.")
                    % {"line": line, "name": name, "commune": commune}
                )
            )
        if len(report.fallbacks) > SHOWN:
            more = len(report.fallbacks) - SHOWN
            self.stdout.write(_("… and %(n)s more village(s) not found, not shown.") % {"n": more})

    def report_shortened(self, report: IngestReport) -> None:
        for line, length in report.shortened[:SHOWN]:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "Line %(line)s: the text has %(length)s characters; a signal keeps its first %(limit)s "
                        "(keep the whole text where it came from)."
                    )
                    % {"line": line, "length": _number(length), "limit": _number(TEXT_MAX)}
                )
            )
        if len(report.shortened) > SHOWN:
            more = len(report.shortened) - SHOWN
            self.stdout.write(_("… and %(n)s more long text(s), not shown.") % {"n": more})

    def issues(self, *, as_json: bool, since: date | None) -> None:
        listed = issues_export(since=since)
        if as_json:
            self.stdout.write(json.dumps(listed, ensure_ascii=False, indent=1))
            return
        if not listed:
            self.stdout.write(_("No issues."))
            return
        header = (_("Id"), _("Alert"), _("Title"), _("Signals"), _("Places"))
        self.stdout.write(f"{header[0]:>6}  {header[1]:<8}  {header[2]:<60}  {header[3]:>7}  {header[4]}")
        for issue in listed:
            title = issue["title"] if len(issue["title"]) <= 60 else issue["title"][:59] + "…"
            places = "; ".join(issue["places"][:3]) + (" …" if len(issue["places"]) > 3 else "")
            self.stdout.write(
                f"{issue['id']:>6}  {issue['alert_level']:<8}  {title:<60}  {issue['signal_count']:>7}  {places}"
            )
