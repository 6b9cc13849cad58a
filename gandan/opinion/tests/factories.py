"""Issues made directly for the board's and the corrections' tests (the engine is not involved)."""

import datetime as dt
import itertools

from django.utils import timezone

from gandan.opinion.models import Issue, Signal
from gandan.opinion.services.recording import commune_of, signal_prepare
from gandan.opinion.services.refresh import issue_refresh
from gandan.units.models import Unit

_ids = itertools.count(1)


def villages_of(commune: Unit) -> list[Unit]:
    return list(
        Unit.objects.filter(parent=commune, kind="village", valid_to__isnull=True).order_by("name_search")
    )


def make_issue(
    commune: Unit,
    title: str,
    signals: list[tuple[Unit, float, str]],
    *,
    alert_level: int = 0,
    topic=None,
    status: str = "open",
) -> Issue:
    """An issue of `commune` holding `signals`: (place, days ago, text)."""
    now = timezone.now()
    issue = Issue.objects.create(
        unit=commune,
        unit_path=commune.path,
        title=title,
        title_fixed=True,
        topic=topic,
        status=status,
        first_seen=now,
        last_seen=now,
        alert_level=alert_level,
        alert_raised_at=now if alert_level else None,
    )
    for place, days_ago, text in signals:
        signal = signal_prepare(
            text=text,
            unit=place,
            source_kind="test",
            source_id=next(_ids),
            at=now - dt.timedelta(days=days_ago),
            commune=commune_of(place),
        )
        signal.issue, signal.processed, signal.topic = issue, True, topic
        signal.save()
    return issue_refresh(issue)


def issue_signals(issue: Issue) -> list[Signal]:
    return list(Signal.objects.filter(issue=issue).order_by("at", "pk"))


def printed_issues() -> list[tuple]:
    """The issues as `opinion issues --json` prints them, without their database ids: what two ways of processing
    one file must agree on."""
    from gandan.opinion.evaluation.run import issues

    return sorted(
        (
            tuple(sorted(issue["signals"])),
            issue["title"],
            issue["topic"],
            issue["alert_level"],
            issue["alert_raised_at"],
            tuple(sorted(issue["places"])),
        )
        for issue in issues()
    )
