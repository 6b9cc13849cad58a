"""`manage.py search_benchmark [-n N]`: the search benchmark (gandan.search.benchmark.measure) in the current
database. It creates and removes its own scratch data; use a throwaway database (docs/search.md)."""

from django.core.management.base import BaseCommand

from gandan.search.benchmark import measure


class Command(BaseCommand):
    help = "Measure search latency at scale with scratch data in the current database (removed afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("-n", type=int, default=1_000_000, help="number of documents (default 1,000,000)")
        parser.add_argument("--repeat", type=int, default=3, help="timed runs of each query (default 3)")

    def handle(self, *args, n: int, repeat: int, **options):
        measure(n, repeat=repeat, out=lambda line: self.stdout.write(line))
