"""Reads of public disclosures (công khai, Law 10/2022 Art. 11–13): the rules applied to a decision on the working
calendar (`disclosure_plan`, shared by the form, the services and the API calculator), the staff compliance list of
a user's units with each disclosure's state today (due, late, running, ended, withdrawn) and its counts, the
quarterly list of Art. 13, and the public pages' reads: what a commune has on its boards today (no login, any
commune; withdrawn and not-yet-started disclosures are never shown).

A state is computed, never stored: `state_q` says it to the database (filters and counts), `state_of` in Python (the
rows shown); both follow `gandan.core.democracy.disclosure.state_on`, and a test checks they agree."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, Count, F, Func, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from gandan.accounts.scope import get_scoped_or_404, scoped, subtree_paths
from gandan.core.democracy import disclosure as rules
from gandan.core.democracy.disclosure import DisclosureRule, DisclosureState
from gandan.democracy.models import Disclosure, DisclosureDocument
from gandan.democracy.models.disclosures import Channel, ShowingUntil
from gandan.democracy.search import DISCLOSURE
from gandan.search.services import filter_queryset
from gandan.units.models import COMMUNE_KINDS, Unit
from gandan.workcalendar.selectors import work_calendar

State = DisclosureState
STATES: tuple[State, ...] = (State.DUE, State.LATE, State.RUNNING, State.ENDED, State.WITHDRAWN)
_RELATED = ("unit", "created_by")


# --- The rules on the calendar ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """What the law asks of a disclosure of `rule.item` decided on `decided`: the last day to start it (`deadline`,
    5 working days on the calendar), and for a posting starting on `start`, the earliest lawful last day (`end`,
    None when permanent) and the loudspeaker days (None when not required) with their last day."""

    rule: DisclosureRule
    decided: dt.date
    deadline: dt.date
    start: dt.date
    end: dt.date | None
    loudspeaker_days: int | None
    loudspeaker_until: dt.date | None

    @property
    def permanent(self) -> bool:
        return self.rule.permanent


def item_rule(item: int, decided: dt.date) -> DisclosureRule:
    """The rule of Art. 11 item `item` in force on the day of the decision. Raises LookupError (no rule: before the
    Law took effect) or ValueError (item outside 1–14)."""
    if item not in rules.ITEMS:
        raise ValueError(f"item must be 1–14, got {item}")
    return rules.rule_for(item, decided)


def disclosure_plan(item: int, decided: dt.date, *, start: dt.date | None = None) -> Plan:
    """The plan for a decision (see `Plan`); `start` defaults to the deadline itself (the latest lawful start)."""
    rule = item_rule(item, decided)
    deadline = rules.disclose_by(decided, rule, calendar=work_calendar())
    first = start or deadline
    return Plan(
        rule=rule,
        decided=decided,
        deadline=deadline,
        start=first,
        end=rules.default_end(first, rule),
        loudspeaker_days=rule.loudspeaker_days,
        loudspeaker_until=rules.loudspeaker_until(first, rule),
    )


def item_choices() -> list[tuple[int, str]]:
    """The 14 items of Art. 11 as the forms offer them ("2. Dự toán, …"), from the rules in force today."""
    return [(r.item, f"{r.item}. {r.label}") for r in rules.RULES if r.valid_to is None]


def item_label(item: int) -> str:
    return next((r.label for r in rules.RULES if r.item == item and r.valid_to is None), str(item))


def rules_table() -> list[DisclosureRule]:
    """The rules in force, for the form's reference table."""
    return [r for r in rules.RULES if r.valid_to is None]


# --- States ----------------------------------------------------------------------------------------------------------


def _not_started(today: dt.date) -> Q:
    return Q(start__isnull=True) | Q(start__gt=today)


def state_q(state: State | str, today: dt.date) -> Q:
    """The disclosures in `state` on `today`, as a database condition (the same rule as `rules.state_on`)."""
    state = State(state)
    if state is State.WITHDRAWN:
        return Q(withdrawn_on__isnull=False)
    live = Q(withdrawn_on__isnull=True)
    if state is State.DUE:
        return live & _not_started(today) & Q(deadline__gte=today)
    if state is State.LATE:
        return live & _not_started(today) & Q(deadline__lt=today)
    if state is State.ENDED:
        return live & Q(start__lte=today, end__lt=today)
    return showing_q(today)


def showing_q(today: dt.date) -> Q:
    """On the boards today: started, not ended, not withdrawn (permanent ones have no end). The public pages' one
    condition; the partial index `dem_disclosure_showing` (unit_path, end) serves it."""
    return Q(withdrawn_on__isnull=True, start__lte=today) & (Q(end__isnull=True) | Q(end__gte=today))


def started_late_q() -> Q:
    """The posting started (or is planned to start) after the deadline to disclose."""
    return Q(start__isnull=False, start__gt=F("deadline"))


def state_of(disclosure: Disclosure, today: dt.date) -> State:
    return rules.state_on(
        today,
        deadline=disclosure.deadline,
        start=disclosure.start,
        end=disclosure.end,
        withdrawn=disclosure.withdrawn_on is not None,
    )


def with_states(rows, today: dt.date) -> list[Any]:
    """The rows, each with `state` and `started_late` set for the page."""
    shown = list(rows)
    names = dict(Channel.choices)
    labels = {r.item: r.label for r in rules_table()}
    for d in shown:
        d.item_label = labels.get(d.item, str(d.item))
        d.channel_names = [str(names[c]) for c in Channel.values if c in (d.channels or [])]
        d.state = state_of(d, today)
        d.started_late = rules.started_late(deadline=d.deadline, start=d.start)
    return shown


# --- The staff list ------------------------------------------------------------------------------------------------


def disclosures_for_user(user) -> QuerySet[Disclosure]:
    return scoped(Disclosure.objects.all(), user, path_field="unit_path").select_related(*_RELATED)


def disclosure_get_for_user(user, pk) -> Disclosure:
    return get_scoped_or_404(
        Disclosure.objects.select_related(*_RELATED), user, path_field="unit_path", pk=pk
    )


@dataclass(frozen=True)
class DisclosureFilter:
    """The compliance list's filters (all optional), as the page and the API read them."""

    state: str = ""
    item: int | None = None
    year: int | None = None
    query: str = ""
    late_start: bool = False
    commune_paths: list[str] | None = (
        None  # a commune chosen by a supervisor of several (gandan.kit.communes)
    )
    indicator: str = ""  # a figure of the leaders' dashboard (selectors.indicators), with its month:
    period: dt.date | None = None  # the month's first day


def _filtered(user, filters: DisclosureFilter) -> QuerySet[Disclosure]:
    rows = disclosures_for_user(user)
    if filters.commune_paths is not None:
        rows = rows.filter(unit_path__in=filters.commune_paths)
    if filters.item:
        rows = rows.filter(item=filters.item)
    if filters.year:
        rows = rows.filter(
            decided_on__gte=dt.date(filters.year, 1, 1), decided_on__lte=dt.date(filters.year, 12, 31)
        )
    if filters.late_start:
        rows = rows.filter(started_late_q())
    if filters.indicator and filters.period:
        from gandan.democracy.selectors.indicators import disclosure_indicator_q  # it reads the states here

        rows = rows.filter(
            disclosure_indicator_q(filters.indicator, filters.period, today=timezone.localdate())
        )
    return rows


def disclosure_list(user, filters: DisclosureFilter, *, today: dt.date) -> QuerySet[Disclosure]:
    """The user's disclosures with the filters, newest decision first."""
    rows = _filtered(user, filters)
    if filters.state:
        rows = rows.filter(state_q(filters.state, today))
    rows = rows.order_by("-decided_on", "-id")
    return filter_queryset(rows, DISCLOSURE, filters.query) if filters.query.strip() else rows


def state_counts(user, filters: DisclosureFilter, *, today: dt.date) -> dict[str, int]:
    """How many of the filtered disclosures (whatever their state) are in each state today, plus `started_late`
    and `all`, in one query."""
    rows = _filtered(user, filters).order_by()
    if filters.query.strip():
        rows = filter_queryset(rows, DISCLOSURE, filters.query)
    found = rows.aggregate(
        all=Count("id"),
        started_late=Count("id", filter=started_late_q()),
        **{s.value: Count("id", filter=state_q(s, today)) for s in STATES},
    )
    return {k: v or 0 for k, v in found.items()}


def disclosure_years(user) -> list[int]:
    """The years of the decisions in the user's units (the year filter's choices), newest first."""
    rows = disclosures_for_user(user).order_by()
    return sorted({d.year for d in rows.dates("decided_on", "year")}, reverse=True)


def registering_communes_for_user(user) -> QuerySet[Unit]:
    """The communes and wards in force in the user's units: where the user may record a disclosure."""
    rows = Unit.objects.filter(kind__in=COMMUNE_KINDS, valid_to__isnull=True)
    return scoped(rows, user, path_field="path").order_by("name_search", "id")


def documents_of(disclosure: Disclosure) -> QuerySet[DisclosureDocument]:
    return DisclosureDocument.objects.filter(disclosure=disclosure).order_by("id")


def document_get_for_user(user, pk, document_pk) -> DisclosureDocument:
    disclosure = disclosure_get_for_user(user, pk)
    try:
        document = DisclosureDocument.objects.get(disclosure=disclosure, pk=document_pk)
    except (DisclosureDocument.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    document.disclosure = disclosure
    return document


# --- The quarterly list (Art. 13) ----------------------------------------------------------------------------------

QUARTER_MAX = 5_000  # lines of one quarter's list: a province's communes together stay far below


def quarter_rows(
    user, *, year: int, quarter: int, commune_paths: list[str] | None = None
) -> QuerySet[Disclosure]:
    """What was put on the boards in a quarter (the posting started in it), withdrawn ones included (the list says
    so), oldest first."""
    first, last = rules.quarter_span(year, quarter)
    rows = disclosures_for_user(user).filter(start__gte=first, start__lte=last)
    if commune_paths is not None:
        rows = rows.filter(unit_path__in=commune_paths)
    return rows.order_by("unit__name_search", "start", "id")


# --- The public pages (no login) -----------------------------------------------------------------------------------


def public_commune(code: str) -> Unit | None:
    """The commune or ward in force with this official code, or None."""
    if not code or len(code) > 20 or not code.isascii() or not code.isalnum():  # a NUL byte breaks PostgreSQL
        return None
    return (
        Unit.objects.filter(code=code, kind__in=COMMUNE_KINDS, valid_to__isnull=True)
        .select_related("parent")
        .first()
    )


class _Unindexed(Func):
    """`column || ''`: the same text, which no index serves (a query planner's hint that both databases read)."""

    template = "(%(expressions)s || '')"
    output_field = CharField()


def _showing(paths: list[str] | None, today: dt.date) -> QuerySet[Disclosure]:
    """On the boards today (`showing_q`) in `paths` (everywhere when None), as the public pages read it.

    The ids come first, from a subquery that can only read the partial index `dem_disclosure_showing` (a range of
    the last day on the boards: the few hundred disclosures still posted, out of a commune's 100,000), then their
    rows by id. The paths are compared through `_Unindexed` on purpose: a database without statistics (SQLite
    before ANALYZE) would otherwise start from the commune's paths, which every past disclosure matches too."""
    ids = Disclosure.objects.filter(withdrawn_on__isnull=True).alias(until=ShowingUntil("end"))
    ids = ids.filter(until__gte=today, start__lte=today)  # both read from the index, no row fetched
    if paths is not None:
        ids = ids.alias(path=_Unindexed("unit_path")).filter(path__in=paths)
    return Disclosure.objects.filter(pk__in=ids.values("pk"))


def public_communes(today: dt.date) -> list[tuple[Unit, int]]:
    """The communes with something on their boards today, by name, each with how many disclosures it shows."""
    counts: dict[int, int] = {}
    for unit_id, n in _showing(None, today).order_by().values_list("unit_id").annotate(n=Count("id")):
        counts[unit_id] = n
    units = Unit.objects.filter(pk__in=list(counts), kind__in=COMMUNE_KINDS, valid_to__isnull=True)
    return [(u, counts[u.pk]) for u in units.select_related("parent").order_by("name_search", "id")]


def public_list(
    commune: Unit, *, today: dt.date, query: str = "", item: int | None = None
) -> QuerySet[Disclosure]:
    """What `commune` (with the former units it took over) has on its boards today, newest posting first."""
    rows = _showing(subtree_paths(commune.path), today).select_related("unit")
    if item:
        rows = rows.filter(item=item)
    rows = rows.order_by("-start", "-id")
    return filter_queryset(rows, DISCLOSURE, query) if query.strip() else rows


def public_everywhere(*, today: dt.date, query: str = "", item: int | None = None) -> QuerySet[Disclosure]:
    """What every commune has on its boards today (the API's public list without a commune)."""
    rows = _showing(None, today).select_related("unit")
    if item:
        rows = rows.filter(item=item)
    rows = rows.order_by("-start", "-id")
    return filter_queryset(rows, DISCLOSURE, query) if query.strip() else rows


def public_get(pk, *, today: dt.date) -> Disclosure:
    """A disclosure the public may read: started (running or ended), never withdrawn; 404 otherwise."""
    try:
        return Disclosure.objects.select_related("unit", "unit__parent").get(
            pk=pk, withdrawn_on__isnull=True, start__lte=today
        )
    except (Disclosure.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def public_document(pk, document_pk, *, today: dt.date) -> DisclosureDocument:
    disclosure = public_get(pk, today=today)
    try:
        document = DisclosureDocument.objects.get(disclosure=disclosure, pk=document_pk)
    except (DisclosureDocument.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc
    document.disclosure = disclosure
    return document


def objects_named(user, ids: list[str]) -> dict[str, tuple[str, int]]:
    """For the audit trail: the disclosures among `ids` that `user` may open, by title."""
    numbers = [int(i) for i in ids if str(i).isdigit() and len(str(i)) <= 10]
    rows = disclosures_for_user(user).filter(pk__in=numbers).select_related(None).only("pk", "title")
    return {str(d.pk): (d.title, d.pk) for d in rows}


OBJECT_TYPE = "democracy.disclosure"


def disclosure_timeline(disclosure: Disclosure) -> QuerySet:
    """What happened to the disclosure, from the audit trail (already checked in the user's scope)."""
    from gandan.audit.models import Event

    return Event.objects.filter(object_type=OBJECT_TYPE, object_id=str(disclosure.pk)).order_by("at", "id")


def suggested_plan(
    item: int | None, decided: dt.date | None, start: dt.date | None, *, today: dt.date
) -> Plan | None:
    """The form's "compute the dates" answer: the plan for a posting starting on `start` (today when empty, never
    before the decision), or None when the item or the decision date is missing or has no rule."""
    if not item or decided is None:
        return None
    try:
        return disclosure_plan(item, decided, start=start or max(today, decided))
    except (LookupError, ValueError):
        return None


quarter_of = rules.quarter_of
quarter_span = rules.quarter_span


def loudspeaker_last_day(disclosure: Disclosure) -> dt.date | None:
    """The last of the disclosure's days on the loudspeakers (None when not broadcast or not started)."""
    if disclosure.start is None or not disclosure.loudspeaker_days:
        return None
    return rules.last_required_day(disclosure.start, disclosure.loudspeaker_days)
