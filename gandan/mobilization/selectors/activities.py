"""Reads of the mobilisation activities: always for a user, inside that user's units (404 outside them), with the
list's filters, sorts and search without diacritics; the counts the periodic report uses; the teams and villages an
officer may choose; and the links from the opinion board back to a team's note."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.db.models.expressions import OrderBy
from django.urls import reverse

from gandan.accounts.scope import get_scoped_or_404, scoped, subtree_paths
from gandan.mobilization.models import Activity, Team
from gandan.mobilization.search import ACTIVITY
from gandan.search.services import filter_queryset
from gandan.units.models import GRASSROOTS_KINDS, Unit

VIEW = "mobilization.view"
_RELATED = ("team", "team__village", "unit", "created_by")
# An activity without the figure (a note has no people reached) comes last, on SQLite as on PostgreSQL.
ORDERS: dict[str, tuple[str | OrderBy, ...]] = {
    "-held_on": ("-held_on", "-id"),
    "held_on": ("held_on", "id"),
    "kind": ("kind", "-held_on", "-id"),
    "-people": (
        F("people_reached").desc(nulls_last=True),
        F("attendees").desc(nulls_last=True),
        "-held_on",
        "-id",
    ),
    "title": ("title", "-held_on", "-id"),
}


def activities_for_user(user) -> QuerySet[Activity]:
    """Every activity inside the user's units (those of the units merged into them included)."""
    return scoped(Activity.objects.all(), user, path_field="unit_path").select_related(*_RELATED)


def activity_get_for_user(user, pk) -> Activity:
    return get_scoped_or_404(
        Activity.objects.select_related(*_RELATED).prefetch_related("villages"),
        user,
        path_field="unit_path",
        pk=pk,
    )


@dataclass(frozen=True)
class ActivityFilter:
    """The list's filters, as the page's form and the API read them (all optional)."""

    kind: str = ""
    team: Team | None = None
    village: Unit | None = None
    commune_paths: list[str] | None = (
        None  # a commune chosen by a supervisor of several (gandan.kit.communes)
    )
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str = ""
    order: str = "-held_on"

    @property
    def used(self) -> bool:
        return bool(
            self.kind or self.team or self.village or self.commune_paths or self.date_from or self.date_to
        ) or bool(self.q.strip())


def activity_list(user, filters: ActivityFilter | None = None) -> QuerySet[Activity]:
    """The user's activities narrowed by `filters`, sorted (newest first unless told)."""
    filters = filters or ActivityFilter()
    rows = activities_for_user(user)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.team is not None:
        rows = rows.filter(team=filters.team)
    if filters.village is not None:
        # The team of the village, or a campaign or mediation naming it.
        rows = rows.filter(
            Q(team__village=filters.village)
            | Q(pk__in=Activity.villages.through.objects.filter(unit=filters.village).values("activity_id"))
        )
    if filters.commune_paths is not None:
        rows = rows.filter(unit_path__in=filters.commune_paths)
    if filters.date_from:
        rows = rows.filter(held_on__gte=filters.date_from)
    if filters.date_to:
        rows = rows.filter(held_on__lte=filters.date_to)
    # Without diacritics: "hoa giai" finds "Hòa giải" (a mediation by its title only: gandan.mobilization.search).
    rows = filter_queryset(rows, ACTIVITY, filters.q)
    return rows.order_by(*ORDERS.get(filters.order, ORDERS["-held_on"]))


# --- What an officer may choose ----------------------------------------------------------------------------------


def teams_for_user(user, *, current: bool = False) -> QuerySet[Team]:
    """The teams inside the user's units, by village; `current`: only those not dissolved."""
    teams = scoped(Team.objects.all(), user, path_field="unit_path").select_related("village")
    if current:
        teams = teams.filter(dissolved_on__isnull=True)
    return teams.order_by("village__name_search", "id")


def team_for_user(user, pk) -> Team | None:
    """One team of the user's units, or None (the API's "choose a team of this commune")."""
    return teams_for_user(user).filter(pk=pk).first()


def villages_for_user(user) -> QuerySet[Unit]:
    """The villages and residential groups in force inside the user's units, by name."""
    units = Unit.objects.current().filter(kind__in=GRASSROOTS_KINDS)
    return scoped(units, user, path_field="path").order_by("name_search", "id")


def villages_by_ids(user, ids: list[int]) -> list[Unit]:
    """The villages among `ids` the user may choose (unknown or foreign ids are simply absent)."""
    return list(villages_for_user(user).filter(pk__in=ids)) if ids else []


def activity_villages(activity: Activity) -> list[Unit]:
    return list(activity.villages.order_by("name_search", "id"))


# --- The report's figures ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityCounts:
    """The activities of some units in a period: how many of each kind, the people campaigns reached, the
    attendance of meetings, and mediation cases reconciled out of all those recorded."""

    by_kind: dict[str, int] = field(default_factory=dict)
    people_reached: int = 0
    attendees: int = 0
    mediation_reconciled: int = 0

    @property
    def meetings(self) -> int:
        return self.by_kind.get(Activity.Kind.MEETING, 0)

    @property
    def campaigns(self) -> int:
        return self.by_kind.get(Activity.Kind.CAMPAIGN, 0)

    @property
    def mediations(self) -> int:
        return self.by_kind.get(Activity.Kind.MEDIATION, 0)

    @property
    def notes(self) -> int:
        return self.by_kind.get(Activity.Kind.NOTE, 0)

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())


def _counted(rows: QuerySet[Activity]) -> ActivityCounts:
    rows = rows.order_by()
    by_kind = {kind: 0 for kind in Activity.Kind.values}
    for kind, n in rows.values_list("kind").annotate(n=Count("id")).order_by():
        by_kind[kind] = n
    sums = rows.aggregate(
        people=Sum("people_reached", filter=Q(kind=Activity.Kind.CAMPAIGN)),
        attendees=Sum("attendees", filter=Q(kind=Activity.Kind.MEETING)),
        reconciled=Count(
            "id",
            filter=Q(kind=Activity.Kind.MEDIATION, mediation_result=Activity.MediationResult.SUCCESS),
        ),
    )
    return ActivityCounts(
        by_kind=by_kind,
        people_reached=sums["people"] or 0,
        attendees=sums["attendees"] or 0,
        mediation_reconciled=sums["reconciled"] or 0,
    )


def activity_summary(rows: QuerySet[Activity]) -> ActivityCounts:
    """The counts of a list as filtered (the list page's figures above the table)."""
    return _counted(rows)


def activity_counts(paths: list[str], start: dt.date, end: dt.date) -> ActivityCounts:
    """The figures of the activities held from `start` to `end` (both included) whose unit path is one of `paths`
    (e.g. `gandan.accounts.scope.subtree_paths(commune.path)`). Two queries, whatever the number of activities.
    The list page shows the records behind each figure with `?kind=<kind>&date_from=<dd/mm/yyyy>&date_to=…`."""
    return _counted(Activity.objects.filter(unit_path__in=paths, held_on__gte=start, held_on__lte=end))


EXPORT_MAX = 10_000  # rows in one spreadsheet: a commune's years of activities; a province narrows by commune


def activity_export_rows(rows: QuerySet[Activity]) -> Iterator[tuple[Activity, list[str]]]:
    """Each activity of `rows` (in their order) with the names of its villages, read in chunks."""
    villages = Prefetch("villages", queryset=Unit.objects.order_by("name_search", "id").only("id", "name"))
    for activity in rows.prefetch_related(villages).iterator(chunk_size=1000):
        yield activity, [v.name for v in activity.villages.all()]


def activity_counts_for_user(user, start: dt.date, end: dt.date) -> ActivityCounts:
    """`activity_counts` over everything the user may see."""
    path = user.unit.path if getattr(user, "unit_id", None) else None
    return activity_counts(subtree_paths(path), start, end) if path else ActivityCounts()


# --- The opinion board's links back to a note ---------------------------------------------------------------------


def note_links(user, ids: list[str]) -> dict[str, str]:
    """For the notes among `ids` (activity ids, as the opinion signals keep them) that `user` may open, the address
    of their page. A note outside the user's units, or a user without the module's permission, gets none."""
    if not user.can(VIEW):
        return {}
    wanted = [int(i) for i in ids if str(i).isdigit() and len(str(i)) <= 10]
    if not wanted:
        return {}
    found = (
        activities_for_user(user).filter(pk__in=wanted, kind=Activity.Kind.NOTE).values_list("pk", flat=True)
    )
    return {str(pk): reverse("mobilization:activity", args=[pk]) for pk in found}
