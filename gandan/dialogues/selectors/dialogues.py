"""Reads of the dialogues for an officer, inside his units (404 outside them): the list with its filters (status,
kind, year, words of the title or topic without diacritics), one dialogue with its questions grouped by theme and its
commitments, and what an officer may choose on its forms (the commune's villages and officers)."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from gandan.accounts.models import User
from gandan.accounts.scope import get_scoped_or_404, holder_paths, scoped
from gandan.core.democracy.commitments import is_overdue
from gandan.core.vntext import search_key
from gandan.dialogues.models import Commitment, CommitmentUpdate, Dialogue, Question
from gandan.dialogues.selectors.indicators import dialogue_indicator_q
from gandan.units.models import GRASSROOTS_KINDS, Unit, subtree_q

ORDERS = {
    "-starts_at": ("-starts_at", "-id"),
    "starts_at": ("starts_at", "id"),
    "title": ("title_search", "-starts_at", "-id"),
}


def dialogues_for_user(user) -> QuerySet[Dialogue]:
    """Every dialogue inside the user's units (those of the units merged into them included)."""
    return scoped(Dialogue.objects.all(), user, path_field="unit_path").select_related("unit")


def dialogue_get_for_user(user, pk) -> Dialogue:
    return get_scoped_or_404(
        Dialogue.objects.select_related("unit", "created_by"), user, path_field="unit_path", pk=pk
    )


def search_q(query: str, column: str = "title_search") -> Q:
    """Every word of `query`, folded ("doi thoai dat dai"), begins a word of the title or topic."""
    condition = Q()
    for word in search_key(query or "").split()[:12]:
        condition &= Q(**{f"{column}__startswith": word}) | Q(**{f"{column}__contains": f" {word}"})
    return condition


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    """The local year as two moments (an index range on `starts_at`, the same on SQLite and PostgreSQL)."""
    zone = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=zone), dt.datetime(year + 1, 1, 1, tzinfo=zone)


@dataclass(frozen=True)
class DialogueFilter:
    status: str = ""
    kind: str = ""
    year: int | None = None
    q: str = ""
    commune_paths: list[str] | None = None
    order: str = "-starts_at"
    indicator: str = ""  # a figure of the leaders' dashboard (selectors.indicators), with its month:
    period: dt.date | None = None  # the month's first day

    @property
    def used(self) -> bool:
        return bool(
            self.status or self.kind or self.year or self.q.strip() or self.commune_paths or self.indicator
        )


def dialogue_list(user, filters: DialogueFilter | None = None) -> QuerySet[Dialogue]:
    filters = filters or DialogueFilter()
    rows = dialogues_for_user(user)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.year:
        start, end = year_bounds(filters.year)
        rows = rows.filter(starts_at__gte=start, starts_at__lt=end)
    if filters.commune_paths is not None:
        rows = rows.filter(unit_path__in=filters.commune_paths)
    if filters.indicator and filters.period:
        rows = rows.filter(dialogue_indicator_q(filters.indicator, filters.period))
    if filters.q.strip():
        rows = rows.filter(search_q(filters.q))
    rows = rows.annotate(
        question_count=Count("questions", distinct=True), commitment_count=Count("commitments", distinct=True)
    )
    return rows.order_by(*ORDERS.get(filters.order, ORDERS["-starts_at"]))


def dialogue_years(user) -> list[int]:
    """The years that have dialogues in the user's units, newest first (the year filter's choices)."""
    moments = dialogues_for_user(user).order_by().values_list("starts_at", flat=True)
    return sorted({timezone.localtime(m).year for m in moments}, reverse=True)


@dataclass
class ThemeGroup:
    theme: str  # "" for the questions not grouped yet
    questions: list[Any] = field(default_factory=list)  # staff questions, or the public page's


def _commitments_prefetch() -> Prefetch:
    return Prefetch(
        "commitments",
        queryset=Commitment.objects.select_related("owner_user").order_by("due", "id"),
    )


def _mark_overdue(commitments) -> None:
    today = timezone.localdate()
    for c in commitments:
        c.overdue = is_overdue(state=c.state, due=c.due, today=today)


def dialogue_questions(dialogue: Dialogue) -> list[Question]:
    """The dialogue's questions in their order, each with its commitments (marked `overdue`)."""
    rows = list(
        dialogue.questions.select_related("village", "assigned_to", "answered_by")
        .prefetch_related(_commitments_prefetch())
        .order_by("number")
    )
    for question in rows:
        _mark_overdue(question.commitments.all())
    return rows


def grouped_by_theme(questions: Sequence[Any]) -> list[ThemeGroup]:
    """The questions under their themes (by name), those not grouped yet last, each theme in the questions' order."""
    ordered = sorted(questions, key=lambda q: (q.theme == "", search_key(q.theme), q.number))
    return [
        ThemeGroup(theme=theme, questions=list(items))
        for theme, items in groupby(ordered, key=lambda q: q.theme)
    ]


def dialogue_commitments(dialogue: Dialogue) -> list[Commitment]:
    """The dialogue's commitments by due date, each with its progress and marked `overdue`."""
    rows = list(
        dialogue.commitments.select_related("question", "owner_user")
        .prefetch_related(Prefetch("updates", queryset=CommitmentUpdate.objects.select_related("by")))
        .order_by("due", "id")
    )
    _mark_overdue(rows)
    return rows


def answered_questions(dialogue: Dialogue) -> QuerySet[Question]:
    """The dialogue's answered questions (a commitment may be recorded from the answer to one)."""
    return dialogue.questions.filter(status=Question.Status.ANSWERED).order_by("number")


def dialogue_themes(dialogue: Dialogue) -> list[str]:
    """The themes already used in the dialogue (offered when grouping another question)."""
    themes = dialogue.questions.exclude(theme="").order_by().values_list("theme", flat=True).distinct()
    return sorted(set(themes), key=search_key)


def dialogue_question_counts(dialogue: Dialogue) -> dict[str, int]:
    rows = dialogue.questions.order_by().values_list("status").annotate(n=Count("id"))
    counts = {status: 0 for status in Question.Status.values}
    counts.update(dict(rows))
    counts["total"] = sum(counts[s] for s in Question.Status.values)
    return counts


def commune_officers(unit_path: str) -> QuerySet[User]:
    """The active officers of the commune holding the records filed at `unit_path` (after a merger, the commune it
    joined): whom a question may be assigned to, whom a commitment may name."""
    where = Q()
    for holder in holder_paths(unit_path):
        where |= subtree_q(holder, "unit__path")
    return User.objects.filter(where, is_active=True).select_related("unit").order_by("full_name", "id")


def commune_villages(commune_path: str) -> QuerySet[Unit]:
    """The villages and residential groups in force in the commune, by name."""
    return (
        Unit.objects.current()
        .filter(kind__in=GRASSROOTS_KINDS, path__startswith=f"{commune_path}.")
        .order_by("name_search", "id")
    )
