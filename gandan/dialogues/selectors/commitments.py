"""Reads of the commitments for an officer (inside his units, 404 outside them): one commitment with its progress,
the worklist (overdue first: not finished and past due), and the figures of the staff home."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.core.democracy.commitments import CommitmentState, is_overdue
from gandan.dialogues.models import Commitment, CommitmentUpdate
from gandan.dialogues.selectors.dialogues import search_q
from gandan.dialogues.selectors.indicators import commitment_indicator_q

UNFINISHED = (CommitmentState.OPEN.value, CommitmentState.IN_PROGRESS.value)
_RELATED = ("dialogue", "dialogue__unit", "question", "owner_user")


def overdue_q(today: dt.date) -> Q:
    """The database's form of `core.democracy.commitments.is_overdue`: not finished and past its due date."""
    return Q(state__in=UNFINISHED, due__lt=today)


def commitments_for_user(user) -> QuerySet[Commitment]:
    return scoped(Commitment.objects.all(), user, path_field="unit_path").select_related(*_RELATED)


def commitment_get_for_user(user, pk) -> Commitment:
    updates = Prefetch("updates", queryset=CommitmentUpdate.objects.select_related("by"))
    return get_scoped_or_404(
        Commitment.objects.select_related(*_RELATED).prefetch_related(updates),
        user,
        path_field="unit_path",
        pk=pk,
    )


def commitment_overdue(commitment: Commitment, today: dt.date | None = None) -> bool:
    return is_overdue(state=commitment.state, due=commitment.due, today=today or timezone.localdate())


@dataclass(frozen=True)
class CommitmentFilter:
    state: str = ""  # a state, "overdue", or "unfinished" (not started or in progress)
    mine: bool = False  # the user is named as its owner
    q: str = ""  # words of the dialogue's title
    commune_paths: list[str] | None = None
    indicator: str = ""  # a figure of the leaders' dashboard (selectors.indicators), with its month:
    period: dt.date | None = None  # the month's first day

    @property
    def used(self) -> bool:
        return bool(self.state or self.mine or self.q.strip() or self.commune_paths or self.indicator)


def commitment_list(user, filters: CommitmentFilter | None = None) -> QuerySet[Commitment]:
    """The user's commitments, the unfinished ones first by due date (the most overdue on top), then the others."""
    filters = filters or CommitmentFilter()
    rows = commitments_for_user(user)
    if filters.state == "overdue":
        rows = rows.filter(overdue_q(timezone.localdate()))
    elif filters.state == "unfinished":
        rows = rows.filter(state__in=UNFINISHED)
    elif filters.state:
        rows = rows.filter(state=filters.state)
    if filters.indicator and filters.period:
        rows = rows.filter(
            commitment_indicator_q(filters.indicator, filters.period, today=timezone.localdate())
        )
    if filters.mine:
        rows = rows.filter(owner_user=user)
    if filters.commune_paths is not None:
        rows = rows.filter(unit_path__in=filters.commune_paths)
    if filters.q.strip():
        rows = rows.filter(search_q(filters.q, "dialogue__title_search"))
    return rows.order_by("due", "id")


def commitment_counts(user) -> dict[str, int]:
    """How many commitments of the user's units are overdue, unfinished (overdue included), done and cancelled."""
    rows = commitments_for_user(user).order_by()
    today = timezone.localdate()
    return {
        "overdue": rows.filter(overdue_q(today)).count(),
        "unfinished": rows.filter(state__in=UNFINISHED).count(),
        "done": rows.filter(state=CommitmentState.DONE).count(),
    }
