"""The engine's adapter: load the state it needs, feed it the pending signals in time order, write back what
changed. (First version: one issue per signal; the grouping engine replaces it.)"""

from collections import Counter
from collections.abc import Callable

from django.db import transaction

from gandan.core.vnnlp import terms
from gandan.opinion.models import Issue, Signal
from gandan.units.models import Unit

Progress = Callable[[int, int], None]
TITLE_MAX = 90


def processing_request() -> None:
    """Ask the worker to process pending signals, once the caller's transaction has committed (one waiting task
    is enough: it takes every pending signal)."""
    from django_tasks_db.models import DBTaskResult

    from gandan.opinion.tasks import opinion_process_task

    def enqueue() -> None:
        waiting = DBTaskResult.objects.ready().filter(task_path=opinion_process_task.module_path)
        if not waiting.exists():
            opinion_process_task.enqueue()

    transaction.on_commit(enqueue)


def title_of(text: str) -> str:
    """A short title from a (masked) text: its first sentence or line, cut on a word boundary."""
    first = text.strip().split("\n", 1)[0]
    for stop in (". ", "? ", "! "):
        if stop in first:
            first = first.split(stop, 1)[0]
    if len(first) > TITLE_MAX:
        first = first[:TITLE_MAX].rsplit(" ", 1)[0] + "…"
    return first


def issue_refresh(issue: Issue) -> Issue:
    """Recompute an issue from its signals: counts, places, first and last seen, the engine's term weights, the
    representative signal and (unless an official renamed it) the title. Used after merge and split."""
    signals = list(Signal.objects.filter(issue=issue).order_by("at", "pk"))
    if not signals:
        return issue
    centroid: Counter[str] = Counter()
    for signal in signals:
        centroid.update(set(terms(signal.text)))
    places = Counter(str(s.unit_id) for s in signals)
    best = max(signals, key=lambda s: sum(centroid[t] for t in set(terms(s.text))))
    issue.signal_count = len(signals)
    issue.people_count = sum(s.people for s in signals)
    issue.first_seen, issue.last_seen = signals[0].at, signals[-1].at
    issue.places = dict(places)
    issue.centroid = dict(centroid.most_common(60))
    issue.representative = best
    if not issue.title_fixed:
        issue.title = title_of(best.text)
    issue.save()
    return issue


@transaction.atomic
def process_pending(*, progress: Progress | None = None) -> int:
    """Process every signal not yet processed, in time order. Returns how many were processed."""
    pending = list(Signal.objects.select_for_update().filter(processed=False).order_by("at", "pk"))
    communes = {u.path: u for u in Unit.objects.filter(path__in={s.commune_path for s in pending})}
    for done, signal in enumerate(pending, 1):
        issue = Issue.objects.create(
            unit=communes.get(signal.commune_path) or signal.unit,
            unit_path=signal.commune_path or signal.unit_path,
            title=title_of(signal.text),
            first_seen=signal.at,
            last_seen=signal.at,
        )
        signal.issue, signal.processed = issue, True
        signal.save(update_fields=["issue", "processed"])
        issue_refresh(issue)
        if progress:
            progress(done, len(pending))
    return len(pending)
