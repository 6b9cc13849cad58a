"""Reads of the village covenants: for an officer, inside his units (404 outside), with the list's filters (state,
village, late steps, words of the title), the versions of the text, the deadlines with their late marks; the votes
of the village on its covenant that an adoption may link; and for the public, the covenant in force of each village
with its text."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.core.democracy import covenants as rules
from gandan.core.democracy.covenants import CovenantState
from gandan.core.democracy.votes import Matter
from gandan.core.vntext import search_key
from gandan.democracy.models import Covenant, CovenantVersion, Vote
from gandan.units.models import GRASSROOTS_KINDS, Unit

S = CovenantState
#: The list's groups of states (its tabs).
GROUPS: dict[str, tuple[str, ...]] = {
    "preparing": (S.DRAFT, S.CONSULTATION, S.VOTING, S.REFUSED),
    "recognition": (S.ADOPTED, S.SUBMITTED),
    "in_force": (S.IN_FORCE, S.SUSPENDED),
    "ended": (S.SUPERSEDED, S.ABOLISHED),
}


def late_q(today: dt.date) -> Q:
    """A dossier not sent by its day, or a recognition not answered by its day (still waiting, or done late)."""
    return (
        Q(state=S.ADOPTED, send_by__lt=today)
        | Q(submitted_on__isnull=False, send_by__isnull=False, submitted_on__gt=F("send_by"))
        | Q(state=S.SUBMITTED, recognise_by__lt=today)
        | Q(recognised_on__isnull=False, recognise_by__isnull=False, recognised_on__gt=F("recognise_by"))
    )


def covenants_for_user(user) -> QuerySet[Covenant]:
    return scoped(Covenant.objects.all(), user, path_field="unit_path").select_related("village")


def covenant_get_for_user(user, pk) -> Covenant:
    return get_scoped_or_404(
        Covenant.objects.select_related("village", "consultation", "vote", "replaces", "created_by"),
        user,
        path_field="unit_path",
        pk=pk,
    )


@dataclass(frozen=True)
class CovenantFilter:
    q: str = ""
    group: str = ""
    state: str = ""
    village: Unit | None = None
    commune_paths: list[str] | None = None
    late: bool = False

    @property
    def used(self) -> bool:
        return bool(
            self.q.strip() or self.group or self.state or self.village or self.commune_paths or self.late
        )


def _search(rows: QuerySet[Covenant], query: str) -> QuerySet[Covenant]:
    """Every word, folded, found in the title or the village's name ("huong uoc ben do"). A commune keeps a few
    dozen covenants: their titles are folded here rather than stored twice."""
    words = search_key(query or "").split()[:12]
    if not words:
        return rows
    keep = [
        pk
        for pk, title, village in rows.order_by().values_list("pk", "title", "village__name")
        if all(word in search_key(f"{title} {village}") for word in words)
    ]
    return rows.filter(pk__in=keep)


def covenant_list(user, filters: CovenantFilter | None = None) -> QuerySet[Covenant]:
    filters = filters or CovenantFilter()
    rows = covenants_for_user(user)
    if filters.group in GROUPS:
        rows = rows.filter(state__in=GROUPS[filters.group])
    if filters.state:
        rows = rows.filter(state=filters.state)
    if filters.village is not None:
        rows = rows.filter(unit_path=filters.village.path)
    if filters.commune_paths is not None:
        rows = rows.filter(commune_path__in=filters.commune_paths)
    if filters.late:
        rows = rows.filter(late_q(timezone.localdate()))
    if filters.q.strip():
        rows = _search(rows, filters.q)
    is_late = ExpressionWrapper(late_q(timezone.localdate()), output_field=BooleanField())
    return rows.annotate(is_late=is_late).order_by("village__name_search", "-id")


def covenant_group_counts(user, filters: CovenantFilter) -> dict[str, int]:
    rows = covenant_list(
        user, CovenantFilter(q=filters.q, village=filters.village, commune_paths=filters.commune_paths,
                             late=filters.late)
    ).order_by()  # fmt: skip
    found = rows.aggregate(**{g: Count("id", filter=Q(state__in=states)) for g, states in GROUPS.items()})
    found["total"] = sum(found.values())
    return found


def covenant_versions(covenant: Covenant) -> list[CovenantVersion]:
    return list(covenant.versions.select_related("by").order_by("-number"))


def covenant_current_version(covenant: Covenant) -> CovenantVersion | None:
    return covenant.versions.order_by("-number").first()


def covenant_amendments(covenant: Covenant) -> list[Covenant]:
    return list(Covenant.objects.filter(replaces=covenant).order_by("-id"))


@dataclass(frozen=True)
class Deadlines:
    send_by: dt.date | None
    send_late: bool
    recognise_by: dt.date | None
    recognise_late: bool


def covenant_deadlines(covenant: Covenant) -> Deadlines:
    today = timezone.localdate()
    return Deadlines(
        send_by=covenant.send_by,
        send_late=rules.late(covenant.send_by, done_on=covenant.submitted_on, today=today),
        recognise_by=covenant.recognise_by,
        recognise_late=covenant.state != S.REFUSED
        and rules.late(covenant.recognise_by, done_on=covenant.recognised_on, today=today),
    )


def villages_for_user(user) -> QuerySet[Unit]:
    units = Unit.objects.current().filter(kind__in=GRASSROOTS_KINDS)
    return scoped(units, user, path_field="path").order_by("name_search", "id")


def village_for_user(user, pk) -> Unit | None:
    return villages_for_user(user).filter(pk=pk).first()


def covenant_votes(covenant: Covenant) -> QuerySet[Vote]:
    """The village's votes on its covenant (matter 3) that were counted: what an adoption may link."""
    return Vote.objects.filter(
        matter=Matter.COVENANT, unit_path=covenant.unit_path, passed__isnull=False, counted_at__isnull=False
    ).order_by("-counted_at", "-id")


def covenant_vote_get(covenant: Covenant, pk) -> Vote | None:
    """A vote of the covenant's village by its id (any matter: the service says why another matter is refused)."""
    if pk in (None, ""):
        return None
    return Vote.objects.filter(pk=pk, unit_path=covenant.unit_path).first()


# --- Public reads ------------------------------------------------------------------------------------------------


def _text_of_latest():
    latest = CovenantVersion.objects.filter(covenant=OuterRef("pk")).order_by("-number")
    return Subquery(latest.values("text")[:1])


def public_covenants(*, commune: Unit | None = None) -> QuerySet[Covenant]:
    """The covenants in force, by village, each with `text` (its current version)."""
    rows = Covenant.objects.filter(state=S.IN_FORCE).select_related("village", "village__parent")
    if commune is not None:
        rows = rows.filter(commune_path=commune.path)
    return rows.annotate(text=_text_of_latest()).order_by("village__name_search", "id")


def public_covenant_communes() -> QuerySet[Unit]:
    paths = Covenant.objects.filter(state=S.IN_FORCE).values("commune_path")
    return Unit.objects.filter(path__in=paths).order_by("name_search", "id")


def public_covenant_get(pk) -> Covenant:
    """A covenant in force, with its current text, or 404."""
    return get_object_or_404(
        Covenant.objects.filter(state=S.IN_FORCE).select_related("village").annotate(text=_text_of_latest()),
        pk=pk,
    )
