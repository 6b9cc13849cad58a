"""Recomputing an issue from its signals after an official's merge or split (the engine's own state is rewritten
from what the issue holds now)."""

import datetime as dt
from collections import Counter

from django.utils import timezone

from gandan.core.vnnlp import cues, terms, well_written
from gandan.core.vnnlp.pipeline import expanded, people_about
from gandan.opinion.engine import Params
from gandan.opinion.engine.grouping import named_places
from gandan.opinion.models import Issue, Signal
from gandan.opinion.services.processing import _iso_days, _local_tz, _village_core, own_things, place_cores
from gandan.opinion.services.textwork import things_named
from gandan.opinion.services.titles import confidential_title, title_of
from gandan.units.models import Unit

__all__ = ["issue_refresh"]


def _village_names(commune_path: str) -> list[tuple[str, str]]:
    """(the folded name without its kind, the place) of each village of a commune, as the runner knows them."""
    return [
        (_village_core(name), str(pk))
        for pk, name in Unit.objects.filter(parent__path=commune_path).values_list("pk", "name")
    ]


def issue_refresh(issue: Issue) -> Issue:
    """Recompute an issue from its signals (after an official's merge or split): counts, places, first and last
    seen, the engine's term counts, daily counts, the representative signal and (unless an official renamed it)
    the title. Alerts and their levels are left as they are."""
    signals = list(Signal.objects.filter(issue=issue).order_by("at", "pk"))
    if not signals:
        return issue
    tz = _local_tz()
    counts: Counter[str] = Counter()
    term_sets = {}
    for signal in signals:
        term_sets[signal.pk] = set(terms(signal.text))
        counts.update(term_sets[signal.pk])
    # The signal most like the rest, among those not confidential and written with their diacritics if any is
    # (see Engine._join).
    best = max(
        signals,
        key=lambda s: (
            not s.confidential,
            well_written(s.text),
            sum(counts[t] for t in term_sets[s.pk]) / (len(term_sets[s.pk]) + 5),
            -s.pk,
        ),
    )
    issue.signal_count = len(signals)
    issue.people_count = sum(s.people for s in signals)
    issue.first_seen, issue.last_seen = signals[0].at, signals[-1].at
    issue.places = dict(Counter(str(s.unit_id) for s in signals))
    issue.centroid = dict(counts.most_common(3 * Params().centroid_terms))
    issue.daily = _iso_days(Counter(s.at.astimezone(tz).date() for s in signals))
    topics = Counter(s.topic.code for s in signals if s.topic_id and s.topic)
    # What the engine remembers of the issue, from the signals it holds now (a split takes the moved signals'
    # villages named, cues and crowds away with them).
    villages = _village_names(issue.unit_path)
    commune_place = str(issue.unit_id)
    named: set[str] = set()
    about: set[str] = set()
    about_n = 0
    cue_days: dict[str, list[str]] = {}
    crowd: Counter[dt.date] = Counter()
    places = place_cores(issue.unit)
    things: Counter[str] = Counter()
    for signal in signals:
        day = signal.at.astimezone(tz).date()
        things.update(own_things(things_named(signal.text), places))
        named |= named_places([w for clause in expanded(signal.text) for w in clause], villages)
        if people := people_about(signal.text):
            about |= people
            about_n += 1
        for cue in sorted(cues(signal.text)):
            cue_days.setdefault(cue, []).append(day.isoformat())
        if signal.people > 1:
            crowd[day] = max(crowd[day], signal.people)
    memory = dict(issue.memory or {})
    memory["topics"] = dict(topics)
    memory["recent_places"] = {
        str(s.unit_id): s.at.astimezone(tz).date().isoformat()
        for s in signals
        if str(s.unit_id) != commune_place
    }
    memory["named"] = sorted(named)
    memory["about"], memory["about_n"] = sorted(about), about_n
    memory["cues"] = {cue: days[-20:] for cue, days in cue_days.items()}
    memory["crowd"] = _iso_days(crowd)
    memory["best_legible"] = well_written(best.text)
    memory["best_open"] = not best.confidential
    memory["things"] = dict(things)
    issue.memory = memory
    issue.representative = best
    if not issue.title_fixed:
        issue.title = confidential_title() if best.confidential else title_of(best.text, counts)
    issue.updated_at = timezone.now()
    issue.save()
    return issue
