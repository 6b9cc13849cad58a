"""`gandan dashboard_refresh [--months 12]`: recompute the dashboard's stored figures of every commune now (the
pages ask the worker for it by themselves when the figures are older than 15 minutes; cron may run this nightly)."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from gandan.dashboard.services import MONTHS_KEPT, figures_refresh
from gandan.units.models import COMMUNE_KINDS, Unit


class Command(BaseCommand):
    help = "Recompute the leaders' dashboard figures of every commune for the last months."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=MONTHS_KEPT, help="months back, this one included")

    def handle(self, *args, months: int, **options):
        quiet = options["verbosity"] == 0
        total = Unit.objects.current().filter(kind__in=COMMUNE_KINDS).count()
        with tqdm(total=total, desc="communes", unit="commune", disable=quiet, leave=False) as bar:
            stored = figures_refresh(months=max(1, months), progress=bar.update)
        if not quiet:
            self.stdout.write(f"{stored} figures stored for {total} communes")
