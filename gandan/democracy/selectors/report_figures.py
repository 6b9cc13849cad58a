"""Grassroots democracy in the periodic report (module.report_sections, contract gandan.kit.reports): disclosures
decided in the period and whether they went up on time, consultations and their published summaries, the household
votes counted and passed. Counted for the units at `paths` whoever asks: the report has already checked who asks."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q

from gandan.democracy.models import Consultation, Disclosure, Vote


@dataclass(frozen=True)
class DemocracyFigures:
    disclosures: int
    disclosed_late: int
    not_yet_disclosed: int
    consultations: int
    summaries_published: int
    votes_counted: int
    votes_passed: int


def democracy_figures(*, paths: list[str], start: dt.date, end: dt.date) -> DemocracyFigures:
    decided = Disclosure.objects.filter(
        unit_path__in=paths, decided_on__gte=start, decided_on__lte=end, withdrawn_on__isnull=True
    )
    consultations = Consultation.objects.filter(unit_path__in=paths, opens__gte=start, opens__lte=end)
    counted = Vote.objects.filter(
        unit_path__in=paths, counted_at__date__gte=start, counted_at__date__lte=end, passed__isnull=False
    )
    return DemocracyFigures(
        disclosures=decided.count(),
        disclosed_late=decided.filter(start__gt=F("deadline")).count(),
        # on the period's last day: past its deadline and not yet on the boards
        not_yet_disclosed=decided.filter(deadline__lt=end)
        .filter(Q(start__isnull=True) | Q(start__gt=end))
        .count(),
        consultations=consultations.count(),
        summaries_published=consultations.filter(published_on__isnull=False, published_on__lte=end).count(),
        votes_counted=counted.count(),
        votes_passed=counted.filter(passed=True).count(),
    )
