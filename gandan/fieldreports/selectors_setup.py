"""Reads of the field reports' setup pages. The categories, their questions and time limits are installation-wide
(one Open311 service list): whoever holds "fieldreports.setup" reads them (the views check it). The place points
are the user's units': villages and communes of their subtree, with their point or the lack of one."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.core import fieldreports as rules
from gandan.core.vntext import fold
from gandan.fieldreports.models import Attribute, Category, PlacePoint, TimerRule
from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS, Unit

PLACE_KINDS = [*COMMUNE_KINDS, *GRASSROOTS_KINDS]


def setup_categories() -> list[Category]:
    """Every category (accepting reports or not), with its number of questions and the time limit in force today
    (`days_now`) and the next one announced (`next_rule`)."""
    today = timezone.localdate()
    rows: list[Category] = list(
        Category.objects.annotate(question_count=Count("attributes"))
        .prefetch_related("timer_rules")
        .order_by("order", "name")
    )
    for category in rows:
        timers = list(category.timer_rules.all())
        now = rules.rule_in_force([rules.TimerRule(t.valid_from, t.days) for t in timers], today)
        category.days_now = now.days if now else None  # type: ignore[attr-defined]
        upcoming = sorted((t for t in timers if t.valid_from > today), key=lambda t: t.valid_from)
        category.next_rule = upcoming[0] if upcoming else None  # type: ignore[attr-defined]
    return rows


def setup_category_get(pk) -> Category:
    return get_object_or_404(Category, pk=pk)


def setup_attribute_get(pk) -> Attribute:
    return get_object_or_404(Attribute.objects.select_related("category"), pk=pk)


def category_questions(category: Category) -> QuerySet[Attribute]:
    return Attribute.objects.filter(category=category).order_by("order", "id")


@dataclass(frozen=True)
class TimerRow:
    rule: TimerRule
    state: str  # "past", "now" or "future"


def category_timers(category: Category, *, today: dt.date | None = None) -> list[TimerRow]:
    """The category's time limits, newest first, each marked as past, in force today, or announced."""
    today = today or timezone.localdate()
    timers = list(
        TimerRule.objects.filter(category=category).select_related("created_by").order_by("-valid_from")
    )
    in_force = rules.rule_in_force([rules.TimerRule(t.valid_from, t.days) for t in timers], today)
    rows = []
    for timer in timers:
        if timer.valid_from > today:
            state = "future"
        elif in_force is not None and timer.valid_from == in_force.valid_from:
            state = "now"
        else:
            state = "past"
        rows.append(TimerRow(rule=timer, state=state))
    return rows


def setup_places(user, *, q: str = "", missing: bool = False) -> QuerySet[Unit]:
    """The villages and communes in force inside the user's units, each commune followed by its villages, with the
    point when one is recorded (`point_lat`, `point_long`, `has_point`)."""
    points = PlacePoint.objects.filter(unit=OuterRef("pk"))
    rows = scoped(
        Unit.objects.filter(valid_to__isnull=True, kind__in=PLACE_KINDS), user, path_field="path"
    ).annotate(
        has_point=Exists(points),
        point_lat=Subquery(points.values("lat")[:1]),
        point_long=Subquery(points.values("long")[:1]),
    )
    if q:
        rows = rows.filter(name_search__contains=fold(q))
    if missing:
        rows = rows.filter(has_point=False)
    return rows.select_related("parent").order_by("path")


def setup_places_missing(user) -> int:
    return setup_places(user, missing=True).count()


def place_unit_get_for_user(user, pk) -> Unit:
    """A village or commune in force inside the user's units (404 otherwise)."""
    return get_scoped_or_404(
        Unit.objects.filter(valid_to__isnull=True, kind__in=PLACE_KINDS).select_related("parent"),
        user,
        path_field="path",
        pk=pk,
    )


def place_point_of(unit: Unit) -> PlacePoint | None:
    return PlacePoint.objects.filter(unit=unit).first()
