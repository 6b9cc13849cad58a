"""The demo's public opinion: the evaluation corpus's eight weeks of what citizens wrote in the four demo communes
(gandan/opinion/evaluation/corpus.py, the same seed), moved so that its last day is today, recorded as signals and
processed — so a newcomer's board shows issues rising now, steady themes and the year's petitions and reception
statements grouped with them."""

import datetime as dt

from django.utils import timezone

from gandan.opinion.evaluation.corpus import generate
from gandan.opinion.models import Signal
from gandan.opinion.services.bulk import rows_insert
from gandan.opinion.services.places import PlaceError, PlaceResolver
from gandan.opinion.services.processing import process_pending
from gandan.opinion.services.recording import signal_prepare

SOURCE_KIND = "demo"
#: The last days of the corpus the small demo keeps (the test database: its bursts, fewer steady weeks).
SMALL_DAYS = 12


def demo_signals(*, size: str = "full") -> int:
    """Record the demo's signals once (never on top of a database that has them) and process every pending
    signal. Returns how many were recorded."""
    if Signal.objects.filter(source_kind=SOURCE_KIND).exists():
        return 0
    records, _labels = generate()
    last = max(dt.datetime.fromisoformat(r["at"]) for r in records)
    # The corpus ends in the evening of its last day: moved so that it ends an hour ago.
    shift = (timezone.now() - dt.timedelta(hours=1)) - last
    since = last - dt.timedelta(days=SMALL_DAYS) if size == "small" else None
    resolver = PlaceResolver()
    signals = []
    for record in records:
        at = dt.datetime.fromisoformat(record["at"])
        if since is not None and at < since:
            continue
        try:
            place = resolver.resolve(record["place"])
        except PlaceError:
            continue
        signals.append(
            signal_prepare(
                text=record["text"],
                unit=place.unit,
                commune=place.commune,
                source_kind=SOURCE_KIND,
                source_id=record["id"],
                at=at + shift,
                people=int(record.get("people", 1)),
                channel=record["source"],
            )
        )
    rows_insert(Signal, signals)
    process_pending()
    return len(signals)
