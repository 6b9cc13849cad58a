"""What the board reads, always inside the viewer's unit subtree: the issues with their recent counts (rising
first), the communes side by side, signals per topic per week, the villages with their open issues."""

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone

from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.core.vntext import matches
from gandan.kit.communes import commune_paths
from gandan.opinion.curation import bar_widths, sparkline, trend
from gandan.opinion.models import Issue, IssueStatus, Signal, Topic
from gandan.units.models import GRASSROOTS_KINDS, Unit

WEEK = dt.timedelta(days=7)
RECENT_DAYS = 30
TREND_WEEKS = 12
# The title search scans the titles in scope (folded in Python): at most this many, newest first.
SEARCH_SCAN = 20000
_IN_BATCH = 5000  # ids per IN (…) query
BAR_PX = 40  # the longest bar of the trends table, in pixels (drawn in SVG: the CSP allows no inline style)
CHART_W, CHART_H = 600, 80


def issues_for_user(user) -> QuerySet[Issue]:
    return scoped(Issue.objects.select_related("unit", "topic"), user, path_field="unit_path")


def issue_get_for_user(user, pk, *, recent: bool = False) -> Issue:
    """One issue in scope (404 outside it); with `recent`, annotated as `with_recent` does."""
    rows = Issue.objects.select_related("unit", "topic", "merged_into", "split_from")
    return get_scoped_or_404(with_recent(rows) if recent else rows, user, path_field="unit_path", pk=pk)


def signals_for_user(user) -> QuerySet[Signal]:
    return scoped(Signal.objects.select_related("unit", "topic"), user, path_field="unit_path")


def _signal_count(since: dt.datetime, until: dt.datetime | None = None):
    rows = Signal.objects.filter(issue=OuterRef("pk"), at__gte=since)
    if until is not None:
        rows = rows.filter(at__lt=until)
    counted = rows.order_by().values("issue").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_recent(rows: QuerySet[Issue], now: dt.datetime | None = None) -> QuerySet[Issue]:
    """`recent` (signals of the last 7 days), `previous` (the 7 before) and `rise` (their difference)."""
    now = now or timezone.now()
    # Counted only for the issues seen in those weeks (the others have none to count): a commune's open issues
    # grow over the years, and counting each one's signals made the board slower every month.
    return rows.annotate(
        recent=Case(
            When(last_seen__gte=now - WEEK, then=_signal_count(now - WEEK)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        previous=Case(
            When(last_seen__gte=now - 2 * WEEK, then=_signal_count(now - 2 * WEEK, now - WEEK)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    ).annotate(rise=F("recent") - F("previous"))


def board_rows(user, data: dict[str, Any], now: dt.datetime | None = None) -> "RisingFirst":
    """The board's issues with its filters: rising first (alert level, then the last 7 days against the 7 before,
    then the latest signal)."""
    now = now or timezone.now()
    rows = issues_for_user(user)
    status = data.get("status") or IssueStatus.OPEN
    if status != "all":
        rows = rows.filter(status=status)
    if data.get("unit"):
        rows = rows.filter(unit_path__in=commune_paths(data["unit"]))
    if data.get("topic"):
        rows = rows.filter(topic=data["topic"])
    if data.get("village"):
        rows = rows.filter(places__has_key=str(data["village"]))
    if data.get("alert"):
        rows = rows.filter(alert_level__gt=0)
    if data.get("period"):
        rows = rows.filter(last_seen__gte=now - dt.timedelta(days=int(data["period"])))
    query = (data.get("q") or "").strip()
    if query:
        titles = rows.order_by("-last_seen").values_list("pk", "title")[:SEARCH_SCAN]
        rows = rows.filter(pk__in=[pk for pk, title in titles if matches(query, title)])
    return RisingFirst(rows, now)


RISING_ORDER = ("-alert_level", "-rise", "-recent", "-last_seen", "-pk")


class RisingFirst:
    """`rows` in the board's order — `with_recent(rows).order_by(*RISING_ORDER)` — read so that a page costs what
    the issues of the last two weeks cost, not what every open issue of a province costs (one-off issues stay open).

    An issue with no alert and no signal in the last two weeks ("quiet") counts 0 this week and 0 the week before:
    the quiet issues all sort together, by their latest signal, after every other issue that is not falling
    (rise ≥ 0), and before the falling ones (rise < 0), which all have a signal in the last two weeks. So:
    - the others ("lively": alerted, or seen in two weeks; hundreds in a province) are read from the index, their
      weeks counted in one query over the (issue, time) index, and sorted here;
    - the quiet ones are counted, and a page of them ordered, from the `issue_board` index alone;
    - only the issues of the page asked for are read whole.
    Paginator and slicing work on it as on a queryset; each issue read carries `recent`, `previous` and `rise`."""

    def __init__(self, rows: QuerySet[Issue], now: dt.datetime) -> None:
        self.rows, self.now = rows, now
        self.since = now - 2 * WEEK
        self.quiet = (
            rows.filter(alert_level=0, last_seen__lt=self.since)
            .order_by("-last_seen", "-pk")
            .values_list("pk", flat=True)
        )
        self._lively: tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]] | None = None
        self._quiet_n: int | None = None

    def _read_lively(self) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
        """(the lively issues before the quiet ones, those after): each (pk, recent, previous), in order."""
        if self._lively is None:
            plain = self.rows.order_by()
            fields = ("pk", "alert_level", "last_seen")
            found = {
                pk: (level, seen)
                for pk, level, seen in plain.filter(last_seen__gte=self.since).values_list(*fields)
            }
            alerted = plain.filter(alert_level__gt=0, last_seen__lt=self.since).values_list(*fields)
            found.update((pk, (level, seen)) for pk, level, seen in alerted)
            week = self.now - WEEK
            counts: dict[int, tuple[int, int]] = {}
            ids = list(found)
            # In batches: a busy province's fortnight must not pass SQLite's limit of variables in one query.
            for i in range(0, len(ids), _IN_BATCH):
                counted = (
                    Signal.objects.filter(issue__in=ids[i : i + _IN_BATCH], at__gte=self.since)
                    .order_by()
                    .values("issue")
                    .annotate(
                        recent=Count("pk", filter=Q(at__gte=week)),
                        previous=Count("pk", filter=Q(at__lt=week)),
                    )
                )
                counts.update((row["issue"], (row["recent"], row["previous"])) for row in counted)
            lively = [(pk, level, seen, *counts.get(pk, (0, 0))) for pk, (level, seen) in found.items()]
            # RISING_ORDER: alert first, then rising most (previous - recent), busiest, latest, newest
            lively.sort(key=lambda row: (-row[1], row[4] - row[3], -row[3], -row[2].timestamp(), -row[0]))
            before = [(pk, new, old) for pk, level, _seen, new, old in lively if level or old <= new]
            after = [(pk, new, old) for pk, level, _seen, new, old in lively if not level and old > new]
            self._lively = (before, after)
        return self._lively

    def _quiet_count(self) -> int:
        if self._quiet_n is None:
            self._quiet_n = self.quiet.count()
        return self._quiet_n

    def count(self) -> int:
        before, after = self._read_lively()
        return len(before) + self._quiet_count() + len(after)

    def __len__(self) -> int:
        return self.count()

    def __iter__(self):
        n, step = self.count(), 500
        for start in range(0, n, step):
            yield from self[start : start + step]

    def __getitem__(self, index):
        if isinstance(index, int):
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop = index.start or 0, index.stop
        if index.step is not None or start < 0 or (stop is not None and stop < 0):
            raise ValueError("RisingFirst takes plain slices only")
        before, after = self._read_lively()
        quiet_n = self._quiet_count()
        stop = len(before) + quiet_n + len(after) if stop is None else stop
        wanted: list[tuple[int, int, int]] = list(before[start:stop])
        low, high = max(start - len(before), 0), min(stop - len(before), quiet_n)
        if low < high:
            wanted += [(pk, 0, 0) for pk in self.quiet[low:high]]
        offset = len(before) + quiet_n
        wanted += after[max(start - offset, 0) : max(stop - offset, 0)]
        # The engine's memory of each issue is not shown here, and is the largest part of its row.
        issues = (
            self.rows.order_by().defer("centroid", "daily", "memory").in_bulk([pk for pk, _r, _p in wanted])
        )
        page = []
        for pk, recent, previous in wanted:
            issue = issues.get(pk)
            if issue is not None:  # gone since the counts were read
                issue.recent, issue.previous, issue.rise = recent, previous, recent - previous
                page.append(issue)
        return page


def places_named(issues) -> None:
    """Give each issue `villages`: [(name, signals)] of the places it came from, most signals first (the commune
    itself, for signals placed only at the commune, is left out)."""
    ids = {int(k) for issue in issues for k in (issue.places or {}) if str(k).isdigit()}
    names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
    for issue in issues:
        places = sorted(
            ((int(k), n) for k, n in (issue.places or {}).items() if str(k).isdigit()),
            key=lambda p: (-p[1], names.get(p[0], "")),
        )
        issue.villages = [(names.get(pk, "?"), n) for pk, n in places if pk != issue.unit_id]
        recent, previous = getattr(issue, "recent", 0), getattr(issue, "previous", 0)
        issue.trend = trend(recent, previous)


def communes_side_by_side(user, communes, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Per commune in scope: its open issues, the open issues with an alert, the signals of the last 30 days."""
    now = now or timezone.now()
    open_rows = (
        issues_for_user(user)
        .filter(status=IssueStatus.OPEN)
        .order_by()
        .values("unit_path")
        .annotate(n=Count("pk"), alerted=Count("pk", filter=Q(alert_level__gt=0)))
    )
    issues = {r["unit_path"]: r for r in open_rows}
    # By the communes' paths (in the viewer's scope already): a range of the (commune, time) index for each.
    signals = dict(
        Signal.objects.filter(
            commune_path__in=[commune.path for commune in communes],
            at__gte=now - dt.timedelta(days=RECENT_DAYS),
        )
        .order_by()
        .values("commune_path")
        .annotate(n=Count("pk"))
        .values_list("commune_path", "n")
    )
    table = []
    for commune in communes:
        found = issues.get(commune.path, {})
        table.append(
            {
                "unit": commune,
                "open": found.get("n", 0),
                "alerted": found.get("alerted", 0),
                "signals": signals.get(commune.path, 0),
            }
        )
    table.sort(key=lambda r: (-r["alerted"], -r["open"], -r["signals"], r["unit"].name_search))
    return table


def week_starts(today: dt.date, weeks: int = TREND_WEEKS) -> list[dt.date]:
    monday = today - dt.timedelta(days=today.weekday())
    return [monday - dt.timedelta(weeks=weeks - 1 - i) for i in range(weeks)]


def topic_trends(
    user, *, commune=None, weeks: int = TREND_WEEKS, today: dt.date | None = None
) -> dict[str, Any]:
    """Signals per topic per week (Monday to Sunday, local time) over the last `weeks` weeks, with each row's bars
    and sparkline."""
    today = today or timezone.localdate()
    starts = week_starts(today, weeks)
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(starts[0], dt.time.min, tzinfo=tz)
    rows = signals_for_user(user).filter(at__gte=since)
    if commune is not None:
        rows = rows.filter(commune_path__in=commune_paths(commune))
    counts: dict[int | None, Counter[dt.date]] = defaultdict(Counter)
    for found in (
        rows.order_by()
        .annotate(week=TruncWeek("at", tzinfo=tz))
        .values("topic_id", "week")
        .annotate(n=Count("pk"))
    ):
        week = found["week"]
        day = week.date() if isinstance(week, dt.datetime) else week
        counts[found["topic_id"]][day] += found["n"]
    topics = {t.pk: t for t in Topic.objects.filter(pk__in=[k for k in counts if k])}
    top = max((n for c in counts.values() for n in c.values()), default=0)
    table: list[dict[str, Any]] = []
    for topic_id, weekly in counts.items():
        values = [weekly.get(start, 0) for start in starts]
        widths = [max(1, round(v * BAR_PX / top)) if v else 0 for v in values]
        table.append(
            {
                "topic": topics.get(topic_id) if topic_id else None,
                "cells": list(zip(values, widths, strict=True)),
                "total": sum(values),
                "last": values[-1],
                "spark": sparkline(values),
            }
        )
    table.sort(key=lambda r: (-r["total"], str(r["topic"] or "~")))
    totals = [sum(r["cells"][i][0] for r in table) for i in range(len(starts))]
    return {
        "weeks": starts,
        "rows": table,
        "totals": list(zip(totals, bar_widths(totals, BAR_PX), strict=True)),
    }


def villages_for_user(
    user, *, commune=None, query: str = "", now: dt.datetime | None = None
) -> QuerySet[Unit]:
    """The villages (and residential groups) in scope, the busiest of the last 30 days first, each with `recent`
    (its signals of the last 30 days)."""
    now = now or timezone.now()
    rows = scoped(
        Unit.objects.filter(kind__in=GRASSROOTS_KINDS, valid_to__isnull=True), user, path_field="path"
    )
    if commune is not None:
        rows = rows.filter(Q(path__startswith=f"{commune.path}."))
    if query.strip():
        from gandan.core.vntext import search_key

        for word in search_key(query).split():
            rows = rows.filter(name_search__contains=word)
    counted = (
        Signal.objects.filter(unit=OuterRef("pk"), at__gte=now - dt.timedelta(days=RECENT_DAYS))
        .order_by()
        .values("unit")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return (
        rows.select_related("parent")
        .annotate(recent=Coalesce(Subquery(counted, output_field=IntegerField()), Value(0)))
        .order_by("-recent", "parent__name_search", "name_search", "pk")
    )


def village_issues(user, villages, now: dt.datetime | None = None) -> None:
    """Give each village `issues`: the open issues seen in the last RECENT_DAYS days whose signals came from it,
    most signals there first. (Bounded in time as the page's counts are: a commune's open issues only grow over
    the years, and reading them all made the page slower every month.)"""
    now = now or timezone.now()
    villages = list(villages)
    parents = {v.parent.path for v in villages if v.parent_id}
    found: dict[str, list[tuple[int, Issue]]] = defaultdict(list)
    wanted = {str(v.pk) for v in villages}
    recent = issues_for_user(user).filter(
        status=IssueStatus.OPEN, unit_path__in=parents, last_seen__gte=now - dt.timedelta(days=RECENT_DAYS)
    )
    for issue in recent.select_related(None).only("pk", "title", "alert_level", "places"):
        for key, n in (issue.places or {}).items():
            if str(key) in wanted:
                found[str(key)].append((n, issue))
    for village in villages:
        ranked = sorted(found.get(str(village.pk), []), key=lambda p: (-p[1].alert_level, -p[0], -p[1].pk))
        village.issues = [issue for _n, issue in ranked]
        for n, issue in ranked:
            issue.here = n  # type: ignore[attr-defined]  # signals of the issue from this village


def issue_volume(issue: Issue) -> dict[str, Any]:
    """The issue's signals per day (per week when it spans more than 60 days), oldest first, with bar widths."""
    tz = timezone.get_current_timezone()
    days: Counter[dt.date] = Counter()
    for at in Signal.objects.filter(issue=issue).values_list("at", flat=True):
        days[timezone.localtime(at, tz).date()] += 1
    if not days:
        return {"weekly": False, "bars": []}
    first, last = min(days), max(days)
    weekly = (last - first).days > 60
    if weekly:
        weeks: Counter[dt.date] = Counter()
        for day, n in days.items():
            weeks[day - dt.timedelta(days=day.weekday())] += n
        keys = sorted(weeks)
        values = [weeks[k] for k in keys]
    else:
        keys = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        values = [days.get(k, 0) for k in keys]
    heights = bar_widths(values, CHART_H - 14)
    step = CHART_W / len(values)
    bars = [
        {
            "start": key,
            "n": n,
            "x": round(i * step, 1),
            "w": max(round(step - 1, 1), 1),
            "h": h,
            "y": CHART_H - h,
        }
        for i, (key, n, h) in enumerate(zip(keys, values, heights, strict=True))
    ]
    return {"weekly": weekly, "bars": bars, "width": CHART_W, "height": CHART_H, "top": max(values)}
