"""Reads of petitions: always for a user, inside that user's subtree. Nothing here ever
returns a protected denunciator's identity: that is services.identity_open, with a grant and a reason."""

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from gandan.accounts.scope import get_scoped_or_404, holder_paths, owned_by, root_of, scoped
from gandan.core.identifiers import clean_code, clean_last4
from gandan.core.workdays import add_working_days
from gandan.petitions import rules
from gandan.petitions.models import Clock, ClockRule, Petition, Status, Step, Task
from gandan.search.services import filter_queryset
from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS, PROVINCE_KINDS, Unit
from gandan.workcalendar.selectors import work_calendar

SOON_WORKING_DAYS = 3


class Worklist:
    MINE = "mine"
    NEW = "new"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    HANDLER_OVERDUE = "handler_overdue"
    SUSPENDED = "suspended"
    LEADS = "leads"
    UNIT = "unit"
    ALL = "all"
    CHOICES = [MINE, NEW, DUE_SOON, OVERDUE, HANDLER_OVERDUE, SUSPENDED, LEADS, UNIT, ALL]


OPEN_VALUES = [s.value for s in rules.OPEN]


def worklist_filter(name: str, *, user, today: dt.date) -> Q:
    soon = add_working_days(today, SOON_WORKING_DAYS, calendar=work_calendar())
    running = Q(status__in=[rules.Status.RECEIVED, rules.Status.ACCEPTED])
    return {
        Worklist.MINE: Q(status__in=OPEN_VALUES) & owned_by(user, "assignee"),
        Worklist.NEW: Q(status=rules.Status.RECEIVED),
        Worklist.DUE_SOON: running & Q(statutory_due__gte=today, statutory_due__lte=soon),
        Worklist.OVERDUE: running & Q(statutory_due__lt=today),
        Worklist.HANDLER_OVERDUE: running & Q(handler_due__lt=today),
        Worklist.SUSPENDED: Q(status=rules.Status.SUSPENDED),
        Worklist.LEADS: Q(status=rules.Status.LEAD),
        Worklist.UNIT: Q(status__in=OPEN_VALUES),
        Worklist.ALL: Q(),
    }[name]


def petition_list_for_user(
    user,
    *,
    worklist: str = Worklist.UNIT,
    query: str = "",
    kind: str = "",
    status: str = "",
    channel: str = "",
    unit_id: int | None = None,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    order: str = "due",
    today: dt.date | None = None,
    capped_count: bool = False,
    unit_paths: list[str] | None = None,
    indicator: str = "",
    period: dt.date | None = None,
) -> QuerySet[Petition]:
    """`capped_count`: the caller counts the rows only up to a cap (the API), which lets a search of a common word
    stop early (gandan.search.services.filter_queryset, newest_first). `indicator` and `period` (a month's first
    day): the petitions a figure of the leaders' dashboard counts (`petition_indicator_q`)."""
    today = today or timezone.localdate()
    rows = scoped(Petition.objects.all(), user, path_field="unit_path")
    if indicator and period:
        rows = rows.filter(petition_indicator_q(indicator, period, today=today))
    if worklist != Worklist.ALL:
        rows = rows.filter(worklist_filter(worklist, user=user, today=today))
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    if channel:
        rows = rows.filter(channel=channel)
    if unit_id:
        rows = rows.filter(unit_id=unit_id)
    if (
        unit_paths is not None
    ):  # a commune chosen in the worklist's filter, with the former units it took over
        rows = rows.filter(unit_path__in=unit_paths)
    if received_from:
        rows = rows.filter(received_on__gte=received_from)
    if received_to:
        rows = rows.filter(received_on__lte=received_to)
    query = "".join(ch for ch in query if ch.isprintable()).strip()
    if query:
        if order == "-received":
            # Newest first by record order: the primary key lets the database stop at the first page of matches
            # instead of sorting every match by date (the same order in practice: records are added as received).
            order = "-id"
        rows = filter_queryset(rows, "petition", query, newest_first=order == "-id" and capped_count)
    orders: dict[str, list[Any]] = {
        "-id": ["-id"],
        # No running statutory clock (not accepted yet, or closed): last in both directions, on SQLite and
        # PostgreSQL alike (their defaults differ: SQLite puts NULL first ascending, PostgreSQL descending).
        "due": [F("statutory_due").asc(nulls_last=True), "-id"],
        "-due": [F("statutory_due").desc(nulls_last=True), "-id"],
        "received": ["received_at", "id"],
        "-received": ["-received_at", "-id"],
        "code": ["code"],
    }
    return rows.select_related("assignee", "unit").order_by(*orders.get(order, orders["-received"]))


def worklist_counts(user, *, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    rows = scoped(Petition.objects.all(), user, path_field="unit_path").filter(status__in=OPEN_VALUES)
    names = [w for w in Worklist.CHOICES if w != Worklist.ALL]
    return rows.aggregate(
        **{name: Count("id", filter=worklist_filter(name, user=user, today=today)) for name in names}
    )


def petition_get_for_user(user, pk) -> Petition:
    return get_scoped_or_404(
        Petition.objects.select_related("unit", "assignee", "resolver", "master", "place"),
        user,
        path_field="unit_path",
        pk=pk,
    )


def petition_timeline(petition: Petition, *, public_only: bool = False) -> QuerySet[Step]:
    steps = petition.steps.select_related("document")
    return steps.filter(public=True) if public_only else steps


def petition_by_code(code: str) -> Petition | None:
    """A petition by its exact code, whatever its unit: only for a signed link that also carries its secret."""
    return Petition.objects.select_related("unit").filter(code=code).first()


def petition_lookup(code: str, phone_last4: str) -> Petition | None:
    """The citizen's lookup: the code and the last four digits of the phone given at submission must both match."""
    code, phone_last4 = clean_code(code), clean_last4(phone_last4)
    if not code or not phone_last4:
        return None
    return Petition.objects.filter(code=code, phone_last4=phone_last4).select_related("unit").first()


def officers_for(petition: Petition, perm: str):
    """Active officers of the petition's unit (or above it) whose role allows `perm`: the assign/transfer choices.
    After a merger, the unit it joined (and the units above that) hold the petition's officers."""
    from gandan.accounts.models import User
    from gandan.accounts.rules import PERMISSIONS, Perm

    roles = [str(r) for r in PERMISSIONS[Perm(perm)]]
    paths: list[str] = []
    for holder in holder_paths(petition.unit_path):
        parts = holder.split(".")
        paths += [".".join(parts[: i + 1]) for i in range(len(parts))]
    return (
        User.objects.filter(is_active=True, unit__path__in=paths, roles__role__in=roles)
        .select_related("unit")
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def tasks_open_for_user(user) -> QuerySet[Task]:
    return scoped(Task.objects.filter(done_on__isnull=True), user, path_field="unit_path").select_related(
        "petition", "assignee", "conclusion"
    )


# --- units a petition may name ----------------------------------------------------------------------------------


def receiving_unit_for_user(user, unit_id: int) -> Unit | None:
    """A commune (or the province) in force inside the user's scope, to receive a petition; None otherwise."""
    units = Unit.objects.filter(valid_to__isnull=True, kind__in=COMMUNE_KINDS | PROVINCE_KINDS)
    return scoped(units, user, path_field="path").filter(pk=unit_id).first()


def villages_for_user(user) -> QuerySet[Unit]:
    """The villages (grassroots units) in force of the user's own unit, by name: the places a petition concerns."""
    if not user.unit_id:
        return Unit.objects.none()
    return (
        Unit.objects.subtree(user.unit.path)
        .filter(kind__in=GRASSROOTS_KINDS, valid_to__isnull=True)
        .order_by("name")
    )


def village_for_user(user, place_id: int) -> Unit | None:
    """A village (grassroots unit) in force inside the user's scope, the place a petition concerns."""
    villages = Unit.objects.filter(valid_to__isnull=True, kind__in=GRASSROOTS_KINDS)
    return scoped(villages, user, path_field="path").filter(pk=place_id).first()


def communes_in_force() -> QuerySet[Unit]:
    """The communes and wards a citizen may send to: those of the portal's province (all of them if the portal's
    commune is not configured)."""
    from gandan.portal.selectors import portal_unit

    rows = Unit.objects.filter(kind__in=COMMUNE_KINDS, valid_to__isnull=True)
    home = portal_unit()
    if home is not None:
        province = home.path.split(".", 1)[0]
        rows = rows.filter(path__startswith=f"{province}.")
    return rows.order_by("name_search", "path")


def petition_by_code_for_user(user, code: str) -> Petition | None:
    """A case of the user's area by its code (e.g. the master case a duplicate is merged into)."""
    return scoped(Petition.objects.all(), user, path_field="unit_path").filter(code=clean_code(code)).first()


def protected_names_in(path: str) -> list[str]:
    """The names of the denunciators whose identity is protected, on the petitions received in the unit `path` or
    below it, or about a village below it. Only for masking them where citizens' words are shown (opinion signals:
    a neighbour may name her in the reception book); never to show them, so no grant is needed."""
    from gandan.petitions.models import ProtectedIdentity

    where = Q(petition__unit_path=path) | Q(petition__unit_path__startswith=f"{path}.")
    where |= Q(petition__place__path__startswith=f"{path}.")
    rows = ProtectedIdentity.objects.filter(where, waived=False, petition__protected=True)
    names = {
        str(person.get("name") or "").strip()
        for persons in rows.values_list("persons", flat=True)
        for person in persons or ()
        if isinstance(person, dict)
    }
    return sorted(name for name in names if name)


def clock_rules_all() -> QuerySet[ClockRule]:
    """Every version of every statutory clock (national law: the same for every unit, so not scoped)."""
    return ClockRule.objects.select_related("created_by").order_by("key", "valid_from", "created_at", "id")


def clock_rule_get(pk) -> ClockRule:
    return get_object_or_404(ClockRule, pk=pk)


# --- What the citizen may see (the lookup page and the API) ------------------------------------------------------

# What each public step says to the citizen (past tense). Only these actions are named; any other public step is
# shown by the status it led to. Notes are never shown: they are the officers' words.
STEP_LABELS = {
    "receive": gettext_lazy("Received"),
    "accept": gettext_lazy("Accepted for resolution"),
    "not_accept": gettext_lazy("Not accepted (a notice with the reasons is sent)"),
    "guide": gettext_lazy("Guided to the competent body"),
    "forward": gettext_lazy("Forwarded to the competent body"),
    "file": gettext_lazy("Filed without action"),
    "merge": gettext_lazy("Joined to an earlier case on the same matter"),
    "extend_classify": gettext_lazy("Time to classify extended"),
    "dialogue": gettext_lazy("Dialogue with the petitioner"),
    "extend": gettext_lazy("Time to resolve extended"),
    "suspend": gettext_lazy("Resolution suspended"),
    "resume": gettext_lazy("Resolution resumed"),
    "decide": gettext_lazy("Resolved"),
    "terminate": gettext_lazy("Resolution terminated"),
    "withdraw": gettext_lazy("Withdrawn"),
}


def step_label(action: str, to_status: str) -> str:
    label: str | Promise | None = STEP_LABELS.get(action)
    if label is None:
        label = Status(to_status).label if to_status in Status.values else action
    return str(label)


def public_steps(petition: Petition) -> list[dict]:
    """The public steps as the citizen sees them: date, what happened, the status it led to. No actor, no note."""
    labels = dict(Status.choices)
    return [
        {
            "at": s.at,
            "action": s.action,
            "label": step_label(s.action, s.to_status),
            "status": s.to_status,
            "status_label": str(labels.get(s.to_status, s.to_status)),
        }
        for s in petition_timeline(petition, public_only=True).order_by("at", "id")
    ]


def public_status(petition: Petition) -> dict:
    """Everything the lookup shows (page and API): nothing personal, not even the petitioner's name."""
    running = petition.status in {s.value for s in rules.OPEN}
    shows_body = petition.status in {Status.GUIDED, Status.FORWARDED}
    return {
        "code": petition.code,
        "kind": petition.kind,
        "kind_label": str(petition.get_kind_display()),
        "status": petition.status,
        "status_label": str(petition.get_status_display()),
        "unit": petition.unit.name,
        "received_at": petition.received_at,
        "statutory_due": petition.statutory_due if running else None,
        "handled_to": petition.handled_to if shows_body else "",
        "timeline": public_steps(petition),
    }


# --- The staff home ("Việc của tôi") -----------------------------------------------------------------------------
RUNNING_VALUES = [rules.Status.RECEIVED.value, rules.Status.ACCEPTED.value]


def _home_lists(user, today: dt.date) -> dict[str, Q]:
    mine = worklist_filter(Worklist.MINE, user=user, today=today)
    due_soon = worklist_filter(Worklist.DUE_SOON, user=user, today=today)
    overdue = worklist_filter(Worklist.OVERDUE, user=user, today=today)
    return {
        "new": worklist_filter(Worklist.NEW, user=user, today=today),
        "due_soon": due_soon,
        "overdue": overdue,
        "near_or_past": due_soon | overdue,
        # Waiting for the leader: no handler named yet; or handled, with the leader named to decide.
        "unassigned": Q(status__in=RUNNING_VALUES, assignee__isnull=True),
        "to_decide": Q(status=rules.Status.ACCEPTED, resolver=user) & ~Q(assignee=user),
        "mine": mine,
        "mine_due_soon": mine & due_soon,
        "mine_overdue": mine & overdue,
    }


def petition_home(
    user, *, counts: list[str], rows: list[str], today: dt.date | None = None, limit: int = 5
) -> tuple[dict[str, int], dict[str, list[Petition]]]:
    """The staff home's figures: how many open petitions are in each named list (`counts`, one query) and the first
    `limit` of each list in `rows` (one query each, nearest statutory deadline first), inside the user's subtree.
    Names: new, due_soon, overdue, near_or_past, unassigned, to_decide, mine, mine_due_soon, mine_overdue."""
    today = today or timezone.localdate()
    lists = _home_lists(user, today)
    base = scoped(Petition.objects.all(), user, path_field="unit_path").filter(status__in=OPEN_VALUES)
    figures = base.aggregate(**{name: Count("id", filter=lists[name]) for name in counts}) if counts else {}
    listed = {
        name: list(
            base.filter(lists[name]).order_by(F("statutory_due").asc(nulls_last=True), "received_at", "id")[
                :limit
            ]
        )
        for name in rows
    }
    return figures, listed


def petitions_by_commune(
    user, *, communes: list[str], today: dt.date | None = None
) -> dict[str, dict[str, int]]:
    """Open and overdue petitions of each commune (by path) of the user's area: one grouped query."""
    today = today or timezone.localdate()
    wanted = set(communes)
    figures: dict[str, dict[str, int]] = {c: {"open": 0, "overdue": 0} for c in communes}
    rows = (
        scoped(Petition.objects.all(), user, path_field="unit_path")
        .filter(status__in=OPEN_VALUES)
        .values("unit_path")
        .order_by()
        .annotate(
            open=Count("id"),
            overdue=Count("id", filter=worklist_filter(Worklist.OVERDUE, user=user, today=today)),
        )
    )
    for row in rows:
        commune = root_of(row["unit_path"], wanted)
        if commune is not None:
            figures[commune]["open"] += row["open"]
            figures[commune]["overdue"] += row["overdue"]
    return figures


def petitions_by_village(user, *, since: dt.date) -> list[tuple[Unit, int, int]]:
    """(village, petitions received since `since`, of which still open) for the villages of the user's area that
    petitions named as their place, most first: what the mobilisation officer follows. One grouped query."""
    rows = (
        scoped(Petition.objects.all(), user, path_field="unit_path")
        .filter(received_on__gte=since, place__isnull=False)
        .values("place")
        .order_by()
        .annotate(n=Count("id"), open=Count("id", filter=Q(status__in=OPEN_VALUES)))
    )
    counted = {row["place"]: (row["n"], row["open"]) for row in rows}
    places = Unit.objects.in_bulk(list(counted))
    found = [(places[pk], n, still) for pk, (n, still) in counted.items() if pk in places]
    return sorted(found, key=lambda item: (-item[1], item[0].name))


def assignee_deadlines(*, today: dt.date) -> list[tuple[int, str, int, dt.date, str]]:
    """Running petitions with a handler whose own deadline or statutory deadline falls today or on the next working
    day: (id, code, assignee id, the nearer due day, unit path) — the inbox's reminders (a system job, unscoped)."""
    soon = add_working_days(today, 1, calendar=work_calendar())
    found = []
    for pk, code, assignee, handler_due, statutory_due, path in (
        Petition.objects.filter(status__in=RUNNING_VALUES, assignee__is_active=True)
        .filter(
            Q(handler_due__gte=today, handler_due__lte=soon)
            | Q(statutory_due__gte=today, statutory_due__lte=soon)
        )
        .order_by("id")
        .values_list("id", "code", "assignee_id", "handler_due", "statutory_due", "unit_path")
    ):
        due = min(d for d in (handler_due, statutory_due) if d is not None and d >= today)
        found.append((pk, code, assignee, due, path))
    return found


def related_cases(user, petition: Petition) -> list[Petition]:
    """The petitions linked to this one as the same matter that `user` may see, oldest first."""
    from gandan.petitions.models import RelatedCase

    pairs = RelatedCase.objects.filter(Q(petition=petition) | Q(related=petition)).values_list(
        "petition_id", "related_id"
    )
    ids = {pk for pair in pairs for pk in pair} - {petition.pk}
    rows = scoped(Petition.objects.filter(pk__in=ids), user, path_field="unit_path")
    return list(rows.order_by("received_at", "pk"))


# --- The periodic mass-mobilisation report (module.report_sections) -------------------------------------------------
STATUTORY_ROLES = ["intake", "resolve", "forward"]  # Clock.Role: every statutory clock, not the handler's own

# --- The leaders' dashboard (dashboard_figures.py): each figure's condition, shared by its count and its list ------
PETITION_INDICATORS = ("on_time", "overdue")


def late_clock_exists() -> Exists:
    """The petition has a statutory clock that was marked late."""
    return Exists(Clock.objects.filter(petition=OuterRef("pk"), role__in=STATUTORY_ROLES, late=True))


def resolved_q(first: dt.date, stop: dt.date) -> Q:
    """Resolved (decision, conclusion or answer) between `first` and `stop` (exclusive)."""
    return Q(status=rules.Status.RESOLVED, resolved_on__gte=first, resolved_on__lt=stop)


def overdue_clock_q(moment: dt.date, prefix: str = "") -> Q:
    """A statutory clock started by `moment`, not stopped by then, its due day before then (`prefix`: the path to
    the clock from the queried model)."""
    return Q(
        **{
            f"{prefix}role__in": STATUTORY_ROLES,
            f"{prefix}started_on__lte": moment,
            f"{prefix}due__lt": moment,
        }
    ) & (Q(**{f"{prefix}stopped_on__isnull": True}) | Q(**{f"{prefix}stopped_on__gt": moment}))


def petition_indicator_q(name: str, month: dt.date, *, today: dt.date) -> Q:
    """The petitions a figure of the dashboard counts for `month` (its first day): "on_time", resolved in the month
    with no statutory clock late; "overdue", past a statutory deadline at the month's end (today for this month)."""
    stop = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    if name == "on_time":
        return resolved_q(month, stop) & ~Q(late_clock_exists())
    if name == "overdue":
        moment = min(stop - dt.timedelta(days=1), today)
        return Q(Exists(Clock.objects.filter(overdue_clock_q(moment), petition=OuterRef("pk"))))
    raise ValueError(name)


def report_figures(*, paths: list[str], start: dt.date, end: dt.date, today: dt.date) -> dict[str, Any]:
    """The petitions of the units at `paths` in the period start..end (inclusive), whoever asks:
    - `received`: received in the period, by kind (kind → count);
    - `resolved`, `resolved_on_time`: resolved in the period (decision, conclusion or answer), and of them those
      whose statutory clocks all stopped in time (`Clock.late` never set);
    - `overdue`: running past a statutory deadline at the period's end (today while the period runs): a statutory
      clock started by then, not stopped by then, its due day before then — the worklist's "overdue" read back in
      time from the clocks' history."""
    from django.db.models import Exists, OuterRef

    from gandan.petitions.models import Clock

    tz = timezone.get_current_timezone()
    begin = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    stop = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    rows = Petition.objects.filter(unit_path__in=paths)
    received = dict(
        rows.filter(received_at__gte=begin, received_at__lt=stop)
        .values("kind")
        .order_by()
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    late = Clock.objects.filter(petition=OuterRef("pk"), role__in=STATUTORY_ROLES, late=True)
    resolved = rows.filter(
        status=rules.Status.RESOLVED, resolved_on__gte=start, resolved_on__lte=end
    ).aggregate(n=Count("id"), on_time=Count("id", filter=~Exists(late)))
    moment = min(end, today)
    overdue = (
        Clock.objects.filter(
            petition__unit_path__in=paths,
            role__in=STATUTORY_ROLES,
            started_on__lte=moment,
            due__lt=moment,
        )
        .filter(Q(stopped_on__isnull=True) | Q(stopped_on__gt=moment))
        .values("petition_id")
        .distinct()
        .count()
    )
    return {
        "received": received,
        "resolved": resolved["n"],
        "resolved_on_time": resolved["on_time"],
        "overdue": overdue,
        "moment": moment,
    }
