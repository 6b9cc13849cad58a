"""`manage.py search_reindex [kind …] [--missing]`: index the records of every declared kind (gandan.search.registry),
or of the kinds named. `gandan demo` runs it with --missing, so a database filled before a kind was indexed (or by
code that bypassed the services) becomes searchable."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from gandan.search.registry import registered, reindex, reindex_rows


class Command(BaseCommand):
    help = "Index the searchable records of every module (or of the kinds named) for the one search."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="kinds to index (default: all), e.g. dossier reception")
        parser.add_argument("--missing", action="store_true", help="only records that have no document yet")

    def handle(self, *args, kinds: list[str], missing: bool, **options):
        declared = registered()
        unknown = [k for k in kinds if k not in declared]
        if unknown:
            raise CommandError(
                f"unknown search kind(s): {', '.join(unknown)}; known: {', '.join(sorted(declared))}"
            )
        quiet = options["verbosity"] == 0
        for kind in kinds or sorted(declared):
            spec = declared[kind]
            total = reindex_rows(spec, missing_only=missing).count()
            if not total:
                continue
            with tqdm(total=total, desc=kind, unit="doc", disable=quiet, leave=False) as bar:
                done = reindex(spec, missing_only=missing, progress=bar.update)
            if not quiet:
                self.stdout.write(f"{kind}: {done}")
