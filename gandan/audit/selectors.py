"""Reads of the audit trail, scoped like everything else: a leader sees the events of their unit's subtree.
Events that belong to no unit (national calendar edits, loading reference data) are shown at province level."""

import datetime as dt
import re

from django.db.models import Q, QuerySet
from django.utils import timezone

from gandan.accounts.models import User
from gandan.accounts.scope import scope_path, scoped, subtree_paths
from gandan.audit.models import Event, SensitiveRead
from gandan.audit.search import AUDIT, event_query
from gandan.search.services import filter_queryset


def _scope(rows: QuerySet, user) -> QuerySet:
    path = scope_path(user)
    if path is None:
        return rows.none()
    condition = Q(unit_path__in=subtree_paths(path))
    if user.unit.depth == 0:
        condition |= Q(unit_path="")
    return rows.filter(condition)


def _day_bounds(rows: QuerySet, since: dt.date | None, until: dt.date | None) -> QuerySet:
    tz = timezone.get_current_timezone()
    if since:
        rows = rows.filter(at__gte=dt.datetime.combine(since, dt.time.min, tzinfo=tz))
    if until:
        rows = rows.filter(at__lt=dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=tz))
    return rows


def event_list_for_user(
    user,
    *,
    action: str = "",
    actor: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    obj: str = "",
    person=None,
    record: str = "",
) -> QuerySet[Event]:
    """`person`: events by this user; `record`: events about one record, named by its code (as stored with the
    event, e.g. a dossier's or a petition's code) or by "type:id" ("petitions.petition:42")."""
    rows = _scope(Event.objects.all(), user)
    if action:
        rows = rows.filter(action__startswith=action)
    if person is not None:
        rows = rows.filter(actor=person)
    if record:
        rows = rows.filter(record_filter(record))
    rows = _day_bounds(rows, since, until).order_by("-at", "-id")
    # Without diacritics, each box on its own part of the event (gandan.audit.search).
    rows = filter_queryset(rows, AUDIT, event_query(actor=actor, obj=obj))
    return rows.select_related("unit")


RECORD_REF = re.compile(r"^\s*([a-z_]+\.[a-z_]+)\s*[:#]\s*(\d+)\s*$")


def record_filter(text: str) -> Q:
    """ "petitions.petition:42" → that record; anything else is a code, compared without case or spaces."""
    found = RECORD_REF.match(text or "")
    if found:
        return Q(object_type=found.group(1), object_id=found.group(2))
    code = "".join((text or "").split())
    return Q(object_repr__iexact=code) if code else Q()


def event_people_for_user(user) -> QuerySet[User]:
    """The officers of the user's units (current and former accounts): the choices of the "by person" filter."""
    return scoped(User.objects.all(), user, path_field="unit__path").order_by("full_name", "username")


def event_actions_for_user(user) -> list[str]:
    return list(
        _scope(Event.objects.all(), user).order_by("action").values_list("action", flat=True).distinct()
    )


def sensitive_reads_for_user(user, *, since: dt.date | None = None, until: dt.date | None = None):
    return _day_bounds(_scope(SensitiveRead.objects.all(), user), since, until)
