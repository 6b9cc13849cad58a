"""`gandan audit_verify` (or `gandan audit verify`): walk each audit table's hash chain in id order and report the
first broken link. Exits 1 when a row was changed or removed; prints each table's head hash, worth keeping outside
the server (a rewrite of the whole tail after a removed row is only caught against a head kept elsewhere)."""

from django.core.management.base import BaseCommand, CommandError

from gandan.audit.chain import chain_verify
from gandan.audit.models import Event, SensitiveRead


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; exit 1 at the first broken link."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, no_progress: bool = False, **options):
        progress = not no_progress and options.get("verbosity", 1) > 0
        broken = []
        for model in (Event, SensitiveRead):
            count, head, fault = chain_verify(model, progress=progress)
            table = model._meta.db_table
            if fault is None:
                self.stdout.write(f"{table}: {count} rows, chain intact / chuỗi nguyên vẹn; head {head}")
                continue
            what = (
                "a row before it was removed or rewritten / một dòng trước nó đã bị xoá hoặc sửa"
                if fault.field == "prev_hash"
                else "this row was changed / dòng này đã bị sửa"
            )
            self.stdout.write(
                f"{table}: BROKEN at id {fault.id} after {count} good rows: {what}\n"
                f"  {fault.field} expected {fault.expected}\n  {fault.field} found    {fault.found}"
            )
            broken.append(f"{table} id {fault.id}")
        if broken:
            raise CommandError("audit chain broken / chuỗi nhật ký bị phá vỡ: " + ", ".join(broken))
