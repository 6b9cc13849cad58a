"""`gandan export_national --kind dossiers|petitions|reception [--since-cursor C | --changed-since DAY] [--unit CODE]
[--out FILE] [--batch N]`: every record changed since the cursor, in the national shape, one JSON object per line
(JSON Lines), into FILE or to stdout; the next cursor is printed last on stdout, alone on its line, for the next run.

Made for a nightly job: run it with the cursor the last run printed; it reads in pages (one indexed range query
each) until nothing is left, so its memory stays one page whatever the backlog. The file is written whole or not at
all (a temporary file renamed at the end): a run cut short leaves the previous file and the previous cursor valid.
A new file is readable by its owner only (it holds citizens' names); one that exists keeps its mode.
A progress bar goes to stderr (quiet with -v 0)."""

import json
import os
import stat
import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from gandan.exports.cursor import cursor_make, cursor_start
from gandan.exports.selectors import EVERYWHERE, KINDS, LIMIT_MAX, paths_for_unit, unit_by_code
from gandan.exports.services import national_export
from gandan.kit.params import BadParameter


class Command(BaseCommand):
    help = "Xuất hồ sơ, đơn thư hoặc sổ tiếp công dân theo mẫu dữ liệu quốc gia (JSON Lines), từ một con trỏ."

    def add_arguments(self, parser):
        parser.add_argument("--kind", required=True, choices=KINDS)
        parser.add_argument("--since-cursor", default="", help="the cursor the last run printed")
        parser.add_argument("--changed-since", default="", help="first run: changed on or after this day")
        parser.add_argument("--unit", default="", help="the code of a unit: its subtree only (default: all)")
        parser.add_argument("--out", default="", help="the file to write (default: stdout)")
        parser.add_argument("--batch", type=int, default=LIMIT_MAX, help=f"records per read (1–{LIMIT_MAX})")

    def handle(self, *args, kind: str, since_cursor: str, changed_since: str, unit: str, out: str, **options):
        batch = min(max(1, options["batch"]), LIMIT_MAX)
        paths = EVERYWHERE
        found = None
        if unit:
            found = unit_by_code(unit)
            if found is None:
                raise CommandError(f"Không có đơn vị mã {unit} / no unit with code {unit}.")
            paths = paths_for_unit(found)
        try:
            after = cursor_start(kind, since_cursor=since_cursor, changed_since=changed_since)
        except BadParameter as error:
            raise CommandError(str(error.message)) from None
        target = Path(out) if out else None
        try:
            handle, temporary = self._open(target)
        except OSError as error:
            raise CommandError(
                f"Không ghi được tệp {out} ({error.strerror}): kiểm tra thư mục và quyền ghi / cannot write {out}."
            ) from None
        written = 0
        try:
            with tqdm(desc=kind, unit=" bản ghi", disable=options["verbosity"] == 0, file=sys.stderr) as bar:
                while True:
                    page = national_export(
                        kind=kind, by=None, paths=paths, after=after, limit=batch, unit=found
                    )
                    for item in page.items:
                        handle.write(json.dumps(item, ensure_ascii=False) + "\n")
                    written += len(page.items)
                    bar.update(len(page.items))
                    after = page.last
                    if not page.has_more:
                        break
        except BaseException:
            if temporary is not None:
                handle.close()
                temporary.unlink(missing_ok=True)
            raise
        if temporary is not None and target is not None:
            handle.close()
            if target.exists():
                # The file the pickup job reads keeps the mode its operator gave it (a new one is the owner's only).
                os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))
            os.replace(temporary, target)
        else:
            handle.flush()
        if options["verbosity"]:
            self.stderr.write(f"{written} bản ghi / records")
        self.stdout.write(cursor_make(kind, after))

    def _open(self, target: Path | None):
        if target is None:
            return self.stdout, None
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
        return os.fdopen(fd, "w", encoding="utf-8"), Path(name)
