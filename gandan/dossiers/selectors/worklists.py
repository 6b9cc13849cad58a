"""The worklists and the dossier reads of the desk: always for a user, inside that user's subtree."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone

from gandan.accounts.models import User, UserRole
from gandan.accounts.rules import Role
from gandan.accounts.scope import get_scoped_or_404, holder_paths, owned_by, scoped
from gandan.core.workdays import add_working_days
from gandan.dossiers import rules
from gandan.dossiers.models import Dossier
from gandan.dossiers.rules import OPEN, RUNNING, Status
from gandan.dossiers.search import DOSSIER, phone_query
from gandan.dossiers.selectors.indicators import (
    INDICATORS,
    indicator_rows,
)
from gandan.search.services import filter_queryset, matching_ids
from gandan.units.models import subtree_q
from gandan.workcalendar.selectors import work_calendar

SOON_WORKING_DAYS = 2


class Worklist:
    MINE = "mine"
    UNIT = "unit"
    NEW = "new"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    SUPPLEMENT = "supplement"
    READY = "ready"
    ALL = "all"
    CHOICES = [MINE, NEW, DUE_SOON, OVERDUE, SUPPLEMENT, READY, UNIT, ALL]


def _open_q() -> Q:
    return Q(status__in=[int(s) for s in OPEN])


def worklist_filter(name: str, *, user, today: dt.date) -> Q:
    """The condition of each worklist. Overdue: rules.is_overdue as a filter (the clock runs and a working day has
    passed after the appointment). Due soon: not overdue yet, the appointment within two working days."""
    calendar = work_calendar()
    soon = add_working_days(today, SOON_WORKING_DAYS, calendar=calendar)
    late_before = rules.overdue_before(today, calendar=calendar)
    active = Q(status__in=[int(s) for s in RUNNING])
    return {
        Worklist.MINE: _open_q() & owned_by(user, "handler"),
        Worklist.NEW: Q(status=Status.NEW),
        Worklist.DUE_SOON: active & Q(current_appointment__gte=late_before, current_appointment__lte=soon),
        Worklist.OVERDUE: active & Q(current_appointment__lt=late_before),
        Worklist.SUPPLEMENT: Q(status=Status.SUPPLEMENT),
        Worklist.READY: Q(status=Status.PROCESSED),
        Worklist.UNIT: _open_q(),
        Worklist.ALL: Q(),
    }[name]


def dossier_list_for_user(
    user,
    *,
    worklist: str = Worklist.UNIT,
    query: str = "",
    status: int | None = None,
    procedure_id: int | None = None,
    channel: int | None = None,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    order: str = "",
    today: dt.date | None = None,
    unit_paths: list[str] | None = None,
    indicator: str = "",
    period: tuple[dt.date, dt.date] | None = None,
) -> QuerySet[Dossier]:
    """`unit_paths`: only the records of these units (a commune chosen in the filter). `indicator` and `period`:
    exactly the dossiers a Decision 766 figure of that period counts (`indicator_rows`), so a number on the
    indicators page and the list it links to always agree. `order` empty: the list's usual order
    (`default_order`)."""
    today = today or timezone.localdate()
    rows = scoped(Dossier.objects.all(), user, path_field="unit_path").filter(
        worklist_filter(worklist, user=user, today=today)
    )
    if unit_paths is not None:
        rows = rows.filter(unit_path__in=unit_paths)
    if indicator in INDICATORS and period is not None:
        rows = rows.filter(
            pk__in=indicator_rows(rows, indicator, start=period[0], end=period[1]).values("pk")
        )
    if status:
        rows = rows.filter(status=status)
    if procedure_id:
        rows = rows.filter(procedure_id=procedure_id)
    if channel:
        rows = rows.filter(channel=channel)
    if received_from:
        rows = rows.filter(submitted_at__date__gte=received_from)
    if received_to:
        rows = rows.filter(submitted_at__date__lte=received_to)
    # Code, applicant, address, procedure (gandan.dossiers.search), without diacritics; digits alone may also be
    # any part of the phone ("0912 345 678", "345678"): both searches are bounded by their matches.
    # PostgreSQL refuses a NUL in a text parameter (a 500); no code, name or phone has control characters.
    query = "".join(ch for ch in query if ch.isprintable()).strip()
    phone = phone_query(query)
    if phone is None:
        rows = filter_queryset(rows, DOSSIER, query)
    else:
        rows = rows.filter(Q(pk__in=matching_ids(DOSSIER, query)) | Q(pk__in=matching_ids(DOSSIER, phone)))
    # A dossier not yet received has no appointment: it comes last in both directions, on SQLite and PostgreSQL
    # alike (their defaults differ: SQLite puts NULL first when ascending, PostgreSQL when descending).
    orders: dict[str, list[Any]] = {
        "appointment": [F("current_appointment").asc(nulls_last=True), "id"],
        "-appointment": [F("current_appointment").desc(nulls_last=True), "-id"],
        "submitted": ["submitted_at", "id"],
        "-submitted": ["-submitted_at", "-id"],
        "code": ["code"],
    }
    return rows.select_related("procedure", "handler", "unit").order_by(
        *orders.get(order or default_order(worklist), orders["appointment"])
    )


def default_order(worklist: str) -> str:
    """Open work by its appointment, earliest first (undated new ones last); the list of every dossier, closed ones
    included, newest first — its oldest rows are last year's."""
    return "-submitted" if worklist == Worklist.ALL else "appointment"


def worklist_counts(user, *, today: dt.date | None = None) -> dict[str, int]:
    """How many dossiers wait in each worklist, in one query."""
    today = today or timezone.localdate()
    # Every counted list holds open or new dossiers only: filtering on status first keeps the count on the few
    # thousand open rows (index unit_path, status, …) instead of every dossier the unit ever received.
    rows = scoped(Dossier.objects.all(), user, path_field="unit_path").filter(
        status__in=[int(s) for s in OPEN] + [Status.NEW]
    )
    names = [w for w in Worklist.CHOICES if w != Worklist.ALL]
    return rows.aggregate(
        **{name: Count("id", filter=worklist_filter(name, user=user, today=today)) for name in names}
    )


def days_late(dossier: Dossier, *, today: dt.date | None = None) -> int:
    """Working days past the current appointment (after any apology) while the clock runs (rules.days_late): the
    one answer of the dossier page, the worklists and the API."""
    return rules.days_late(
        status=Status(dossier.status),
        appointment=dossier.current_appointment,
        today=today or timezone.localdate(),
        calendar=work_calendar(),
    )


def is_overdue(dossier: Dossier, *, today: dt.date | None = None) -> bool:
    """Late and still being processed (rules.is_overdue): never once processed, returned, refused, withdrawn or
    stopped, nor while waiting for the citizen's papers."""
    return days_late(dossier, today=today) > 0


def may_apologize(dossier: Dossier, *, today: dt.date | None = None) -> bool:
    """Whether Form 04 may be issued now: once late, or GANDAN_APOLOGY_WARNING_DAYS working days before."""
    return rules.may_apologize(
        status=Status(dossier.status),
        appointment=dossier.current_appointment,
        today=today or timezone.localdate(),
        calendar=work_calendar(),
        warning_days=settings.GANDAN_APOLOGY_WARNING_DAYS,
    )


def dossier_get_for_user(user, pk) -> Dossier:
    return get_scoped_or_404(
        Dossier.objects.select_related("procedure", "unit", "handler"), user, path_field="unit_path", pk=pk
    )


def handler_choices(dossier: Dossier) -> QuerySet[User]:
    """Officers who may receive this dossier: active handlers and leaders of its commune."""
    where = Q()
    for holder in holder_paths(dossier.unit_path):  # after a merger: the officers of the commune it joined
        where |= subtree_q(holder, "unit__path")
    # Handlers first, then the leaders (a dossier handed to the chairman by mistake waits on the wrong desk); each
    # with his roles for the choice's label (forms.HandlerChoiceField).
    handles = UserRole.objects.filter(user=OuterRef("pk"), role=Role.CASE_HANDLER)
    return (
        User.objects.filter(
            where,
            is_active=True,
            roles__role__in=[Role.CASE_HANDLER, Role.UNIT_LEADER],
        )
        .distinct()
        .annotate(handles=Exists(handles))
        .prefetch_related("roles")
        .order_by("-handles", "full_name", "pk")
    )
