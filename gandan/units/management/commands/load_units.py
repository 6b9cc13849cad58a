from django.core.management.base import BaseCommand
from tqdm import tqdm

from gandan.units.loading import national_divisions, units_load_national


class Command(BaseCommand):
    help = (
        "Load the 34 provinces and 3,321 commune-level units (offline, from the vietnam-provinces package)."
    )

    def handle(self, *args, **options):
        total = sum(1 + len(p["wards"]) for p in national_divisions())
        with tqdm(total=total, desc="Đơn vị hành chính", unit="đv", disable=options["verbosity"] == 0) as bar:
            created = units_load_national(progress=bar.update)
        self.stdout.write(self.style.SUCCESS(f"Đã thêm {created} đơn vị (bỏ qua các đơn vị đã có)."))
