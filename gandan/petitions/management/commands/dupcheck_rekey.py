"""Recompute every stored duplicate-check digest with the current GANDAN_DUPCHECK_KEY.

Run it after changing that key (a leak, a merge of two installations); until it has run, new petitions do not match
older ones by person. Petitions are rekeyed in batches, one transaction per batch: the command may be stopped and
run again, and a petition is never left without its keys. SECRET_KEY plays no part (kit/secretkey.py)."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from gandan.petitions.dupcheck import keys_stale, rekey_batch
from gandan.petitions.models import Petition


class Command(BaseCommand):
    help = "Tính lại mọi mã băm kiểm tra trùng đơn thư bằng khoá GANDAN_DUPCHECK_KEY hiện tại."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000, help="petitions per transaction (1000)")
        parser.add_argument(
            "--if-stale",
            action="store_true",
            help="only when the latest petitions' digests were made with another key (gandan run)",
        )

    def handle(self, *args, batch_size: int, verbosity: int, if_stale: bool, **options):
        if if_stale and not keys_stale():
            return
        batch_size = max(1, batch_size)
        total = Petition.objects.count()
        done = 0
        last = 0
        with tqdm(total=total, desc="Đơn thư", unit="đơn", disable=verbosity == 0) as bar:
            while True:
                ids = list(
                    Petition.objects.filter(pk__gt=last)
                    .order_by("pk")
                    .values_list("pk", flat=True)[:batch_size]
                )
                if not ids:
                    break
                done += rekey_batch(ids)
                last = ids[-1]
                bar.update(len(ids))
        if verbosity:
            self.stdout.write(
                f"Đã tính lại khoá kiểm tra trùng của {done} đơn thư / rekeyed {done} petitions."
            )
