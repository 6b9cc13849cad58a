"""Reads of the "dân vận khéo" models: the staff register and its worklists (always for a user, inside that user's
units; 404 outside), a model's reviews, timeline and replication tree, and the public showcase of recognised
models (no user: recognised models are public). Search is without diacritics: "dan van kheo" finds "Dân vận khéo"
in a model's name, its owner or its place (`name_search`, core.vntext.search_key)."""

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils.formats import number_format

from gandan.accounts.rules import Role
from gandan.accounts.scope import get_scoped_or_404, scope_path, scoped, subtree_paths, within_any
from gandan.audit.models import Event
from gandan.core.mobilization import models_rules as rules
from gandan.core.vntext import search_key
from gandan.mobilization.models import Evidence, Initiative, Review, Team
from gandan.mobilization.selectors.indicators import recognised_q
from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS, Unit

_RELATED = ("unit", "village", "copied_from", "copied_from__unit", "recognised_by", "registered_by")
Status, Level = rules.Status, rules.Level
OBJECT_TYPE = "mobilization.initiative"
TREE_DEPTH = (
    32  # generations followed up or down a replication tree: far beyond any real spread, never a loop
)


def initiatives_for_user(user) -> QuerySet[Initiative]:
    return scoped(Initiative.objects.all(), user, path_field="unit_path").select_related(*_RELATED)


def initiative_get_for_user(user, pk) -> Initiative:
    return get_scoped_or_404(
        Initiative.objects.select_related(*_RELATED), user, path_field="unit_path", pk=pk
    )


# --- The register and its worklists --------------------------------------------------------------------------------


class Worklist(StrEnum):
    ACTIVE = "active"  # every model not withdrawn
    TO_START = "to_start"
    TO_REVIEW = "to_review"
    TO_RECOGNISE = "to_recognise"
    RECOGNISED = "recognised"
    WITHDRAWN = "withdrawn"


def _worklist_q(user, worklist: Worklist) -> Q:
    if worklist is Worklist.TO_START:
        return Q(status=Status.REGISTERED)
    if worklist is Worklist.TO_REVIEW:
        return Q(status=Status.IMPLEMENTING)
    if worklist is Worklist.TO_RECOGNISE:
        waiting = Q(status=Status.REVIEWED)
        if Role.PROVINCE_SUPERVISOR in user.role_set:  # the commune's recognitions the province may raise
            waiting |= Q(status=Status.RECOGNISED, level__in=[Level.GRASSROOTS, Level.COMMUNE])
        return waiting
    if worklist is Worklist.RECOGNISED:
        return Q(status=Status.RECOGNISED)
    if worklist is Worklist.WITHDRAWN:
        return Q(status=Status.WITHDRAWN)
    return ~Q(status=Status.WITHDRAWN)


def waiting_counts(user) -> dict[str, int]:
    """The models waiting for a review and for a recognition, in one query (the staff home)."""
    return (
        initiatives_for_user(user)
        .order_by()
        .aggregate(
            to_review=Count("id", filter=_worklist_q(user, Worklist.TO_REVIEW)),
            to_recognise=Count("id", filter=_worklist_q(user, Worklist.TO_RECOGNISE)),
        )
    )


def worklist_counts(user) -> dict[str, int]:
    rows = initiatives_for_user(user).order_by()
    return {w.value: rows.filter(_worklist_q(user, w)).count() for w in Worklist}


def search_q(query: str, column: str = "name_search") -> Q:
    """Every word of `query`, folded, begins a word of the model's name, owner or place."""
    condition = Q()
    for word in search_key(query or "").split()[:12]:
        condition &= Q(**{f"{column}__startswith": word}) | Q(**{f"{column}__contains": f" {word}"})
    return condition


_LEVEL_RANK = Case(
    When(level=Level.PROVINCE, then=Value(3)),
    When(level=Level.COMMUNE, then=Value(2)),
    When(level=Level.GRASSROOTS, then=Value(1)),
    default=Value(0),
    output_field=IntegerField(),
)
ORDERS = {
    "-registered": ["-registered_on", "-id"],
    "registered": ["registered_on", "id"],
    "name": ["name_search", "id"],
    "-level": ["-level_rank", "-recognised_on", "-id"],
}


def initiative_list(
    user,
    *,
    worklist: Worklist | str = Worklist.ACTIVE,
    field: str = "",
    status: str = "",
    level: str = "",
    village: Unit | None = None,
    commune: Unit | None = None,
    query: str = "",
    order: str = "-registered",
    recognised_in: dt.date | None = None,
) -> QuerySet[Initiative]:
    """`recognised_in`: the first day of a month whose recognised models the leaders' dashboard counts."""
    rows = initiatives_for_user(user).filter(_worklist_q(user, Worklist(worklist)))
    if recognised_in is not None:
        rows = rows.filter(recognised_q(recognised_in))
    if field:
        rows = rows.filter(field=field)
    if status:
        rows = rows.filter(status=status)
    if level:
        rows = rows.filter(level=level)
    if commune is not None:
        rows = rows.filter(unit_path__in=subtree_paths(commune.path))
    if village is not None:
        rows = rows.filter(village=village)
    rows = rows.filter(search_q(query)).annotate(level_rank=_LEVEL_RANK)
    return rows.order_by(*ORDERS.get(order, ORDERS["-registered"]))


def villages_for_user(user) -> QuerySet[Unit]:
    """The villages and residential groups in force in the user's units: the choices of the village filter."""
    rows = Unit.objects.filter(kind__in=GRASSROOTS_KINDS, valid_to__isnull=True).select_related("parent")
    return scoped(rows, user, path_field="path").order_by("parent__name_search", "name_search")


def registering_communes_for_user(user) -> QuerySet[Unit]:
    """The communes and wards in force in the user's units: where the user may register or replicate a model."""
    rows = Unit.objects.filter(kind__in=COMMUNE_KINDS, valid_to__isnull=True)
    return scoped(rows, user, path_field="path").order_by("name_search", "id")


def initiative_teams_for_user(user) -> QuerySet[Team]:
    """The current mobilisation teams in the user's units: who may carry out a model."""
    rows = Team.objects.filter(dissolved_on__isnull=True).select_related("village")
    return scoped(rows, user, path_field="unit_path").order_by("unit_path", "name")


def initiative_by_number(user, pk: int) -> Initiative | None:
    """The model with this number that `user` may name as the source of a copy: any recognised model (they are
    public), or one of the user's own units (the service then says why it cannot be a source)."""
    found = Initiative.objects.filter(pk=pk).first()
    if found is None or found.status == Status.RECOGNISED:
        return found
    root = scope_path(user)
    return found if root is not None and within_any(found.unit_path, subtree_paths(root)) else None


def villages_of(commune: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(parent=commune, kind__in=GRASSROOTS_KINDS, valid_to__isnull=True).order_by(
        "name_search"
    )


def teams_of(commune: Unit) -> QuerySet[Team]:
    return Team.objects.filter(commune_path=commune.path, dissolved_on__isnull=True).order_by("name")


def figures_shown(initiative: Initiative) -> list[dict]:
    """The results in figures as a Vietnamese reader writes numbers: 3.200 m², 2,4 km."""
    return [
        {**row, "value": number_format(row.get("value", ""), force_grouping=True)}
        for row in initiative.figures or []
        if isinstance(row, dict)
    ]


# --- One model: reviews, timeline, evidence -------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreRow:
    label: str
    weight: int
    score: int | None


@dataclass(frozen=True)
class ReviewCard:
    review: Review
    rows: list[ScoreRow]


def initiative_reviews(initiative: Initiative) -> list[ReviewCard]:
    """The model's reviews, oldest first, each with a line per criterion (its score of its weight)."""
    reviews = Review.objects.filter(initiative=initiative).select_related("reviewer").order_by("at", "id")
    return [
        ReviewCard(
            review=r,
            rows=[ScoreRow(c.label_vi, c.weight, (r.scores or {}).get(c.key)) for c in rules.CRITERIA],
        )
        for r in reviews
    ]


def initiative_timeline(initiative: Initiative) -> QuerySet[Event]:
    """What happened to the model, from the audit trail (the model has already been checked in the user's scope)."""
    return Event.objects.filter(object_type=OBJECT_TYPE, object_id=str(initiative.pk)).order_by("at", "id")


def evidence_of(initiative: Initiative) -> QuerySet[Evidence]:
    return Evidence.objects.filter(initiative=initiative).select_related("uploaded_by").order_by("id")


def evidence_get_for_user(user, initiative_pk, evidence_pk) -> Evidence:
    initiative = initiative_get_for_user(user, initiative_pk)
    try:
        evidence = Evidence.objects.select_related("uploaded_by").get(initiative=initiative, pk=evidence_pk)
    except (Evidence.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    evidence.initiative = initiative  # already read, with its commune
    return evidence


def replication_source(pk) -> Initiative:
    """A recognised model of any commune (the source of a replication: recognised models are public)."""
    try:
        return Initiative.objects.select_related("unit", "village").get(pk=pk, status=Status.RECOGNISED)
    except (Initiative.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


# --- The replication tree -------------------------------------------------------------------------------------------


@dataclass
class TreeNode:
    """One model of a replication tree as `user` may see it: `openable` links to its staff page; a recognised model
    of another commune shows its name and public page; the others are only counted in their parent's `hidden`."""

    initiative: Initiative
    openable: bool
    current: bool = False
    children: list["TreeNode"] = field(default_factory=list)
    hidden: int = 0

    @property
    def public(self) -> bool:
        return self.initiative.status == Status.RECOGNISED


def _ancestors(initiative: Initiative) -> list[Initiative]:
    """The sources above `initiative`, nearest first, up to the root (loop-safe)."""
    chain: list[Initiative] = []
    seen = {initiative.pk}
    node = initiative.copied_from_id
    for _step in range(TREE_DEPTH):
        if node is None or node in seen:
            break
        found = Initiative.objects.select_related("unit", "village").filter(pk=node).first()
        if found is None:
            break
        chain.append(found)
        seen.add(found.pk)
        node = found.copied_from_id
    return chain


def replication_tree(user, initiative: Initiative) -> TreeNode | None:
    """The model's source chain up to the root and every copy below it, as a tree rooted at the oldest source; None
    when the model was neither copied nor copied from."""
    ancestors = _ancestors(initiative)
    root_path = scope_path(user)
    paths = subtree_paths(root_path) if root_path is not None else []

    def node(model: Initiative, *, current: bool = False) -> TreeNode:
        return TreeNode(model, openable=within_any(model.unit_path, paths), current=current)

    here = node(initiative, current=True)
    frontier, seen = {initiative.pk: here}, {initiative.pk, *(a.pk for a in ancestors)}
    for _step in range(TREE_DEPTH):
        if not frontier:
            break
        copies = (
            Initiative.objects.filter(copied_from_id__in=list(frontier))
            .exclude(pk__in=seen)
            .select_related("unit", "village")
            .order_by("registered_on", "id")
        )
        following: dict[int, TreeNode] = {}
        for copy in copies:
            seen.add(copy.pk)
            parent = frontier.get(copy.copied_from_id or 0)
            if parent is None:
                continue
            child = node(copy)
            if child.openable or child.public:
                parent.children.append(child)
                following[copy.pk] = child
            else:
                parent.hidden += 1  # a copy another commune is still working on: counted, not named
        frontier = following
    if not ancestors and not here.children and not here.hidden:
        return None
    top = here
    for source in ancestors:
        parent = node(source)
        parent.children.append(top)
        top = parent
    return top


def copy_ids(user, initiative: Initiative) -> list[int]:
    """The models replicating `initiative` (not withdrawn) that `user` may see, by the replication tree's rule: those
    of the user's units and the recognised ones (public). A copy another commune is still working on is not named."""
    root = scope_path(user) if user is not None else None
    paths = subtree_paths(root) if root is not None else []
    rows = Initiative.objects.filter(copied_from=initiative).exclude(status=Status.WITHDRAWN).order_by("id")
    return [
        pk
        for pk, path, status in rows.values_list("id", "unit_path", "status")
        if status == Status.RECOGNISED or within_any(path, paths)
    ]


# --- The public showcase --------------------------------------------------------------------------------------------

SHOWCASE_ORDERS = {
    "-recognised": ["-recognised_on", "-id"],
    "-level": ["-level_rank", "-recognised_on", "-id"],
    "name": ["name_search", "id"],
}


def showcase_list(
    *,
    query: str = "",
    field: str = "",
    level: str = "",
    commune: Unit | None = None,
    order: str = "-recognised",
) -> QuerySet[Initiative]:
    """Recognised models of every commune, for anyone."""
    rows = Initiative.objects.filter(status=Status.RECOGNISED).select_related(
        "unit", "village", "copied_from", "copied_from__unit", "copied_from__village"
    )
    if field:
        rows = rows.filter(field=field)
    if level:
        rows = rows.filter(level=level)
    if commune is not None:
        rows = rows.filter(unit_path__in=subtree_paths(commune.path))
    rows = rows.filter(search_q(query)).annotate(level_rank=_LEVEL_RANK)
    return rows.order_by(*SHOWCASE_ORDERS.get(order, SHOWCASE_ORDERS["-recognised"]))


def showcase_get(pk) -> Initiative:
    """One recognised model, or 404 (a model not recognised is not public, whatever its id)."""
    try:
        return Initiative.objects.select_related("unit", "village", "copied_from", "copied_from__unit").get(
            pk=pk, status=Status.RECOGNISED
        )
    except (Initiative.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def showcase_communes() -> QuerySet[Unit]:
    """The communes with a recognised model: the choices of the showcase's commune filter."""
    units = Initiative.objects.filter(status=Status.RECOGNISED).values("unit_id")
    return Unit.objects.filter(pk__in=units).select_related("parent").order_by("name_search", "id")


def showcase_commune(code: str) -> Unit | None:
    if not code:
        return None
    return showcase_communes().filter(code=code).first()


def showcase_photos(initiative: Initiative) -> QuerySet[Evidence]:
    """The photos of a recognised model (never its documents: a decision or minutes may name people)."""
    if initiative.status != Status.RECOGNISED:
        return Evidence.objects.none()
    return Evidence.objects.filter(initiative=initiative, content_type__startswith="image/").order_by("id")


def showcase_photo(initiative_pk, evidence_pk) -> Evidence:
    initiative = showcase_get(initiative_pk)
    try:
        return showcase_photos(initiative).get(pk=evidence_pk)
    except (Evidence.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class ShowcaseLinks:
    source: Initiative | None  # "Nhân rộng từ …" (a source is always recognised)
    copies: list[Initiative]  # "Đã được nhân rộng tại …": the recognised copies, by name and linked
    others: int  # the copies still registered or being carried out: counted, their places not shown


def showcase_links(initiative: Initiative) -> ShowcaseLinks:
    source = initiative.copied_from
    if source is not None and source.status != Status.RECOGNISED:
        source = None
    copies = Initiative.objects.filter(copied_from=initiative).exclude(status=Status.WITHDRAWN)
    recognised = list(
        copies.filter(status=Status.RECOGNISED)
        .select_related("unit", "village")
        .order_by("registered_on", "id")
    )
    return ShowcaseLinks(source=source, copies=recognised, others=copies.count() - len(recognised))
