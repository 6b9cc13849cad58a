"""Reads of the questions for an officer (inside his units, 404 outside them): one question, the worklist of
questions (waiting for an answer, assigned to me), and the opinion board's way back to a question."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.dialogues.models import Commitment, Question
from gandan.dialogues.rules import VIEW
from gandan.dialogues.selectors.dialogues import search_q

_RELATED = ("dialogue", "dialogue__unit", "village", "assigned_to", "answered_by", "entered_by")
WAITING = (Question.Status.RECEIVED, Question.Status.ASSIGNED)


def questions_for_user(user) -> QuerySet[Question]:
    return scoped(Question.objects.all(), user, path_field="unit_path").select_related(*_RELATED)


def question_get_for_user(user, pk) -> Question:
    commitments = Prefetch(
        "commitments", queryset=Commitment.objects.select_related("owner_user").order_by("due", "id")
    )
    return get_scoped_or_404(
        Question.objects.select_related(*_RELATED).prefetch_related(commitments),
        user,
        path_field="unit_path",
        pk=pk,
    )


@dataclass(frozen=True)
class QuestionFilter:
    status: str = ""  # a status, or "waiting" (received or assigned)
    mine: bool = False  # assigned to the user
    q: str = ""  # words of the dialogue's title

    @property
    def used(self) -> bool:
        return bool(self.status or self.mine or self.q.strip())


def question_list(user, filters: QuestionFilter | None = None) -> QuerySet[Question]:
    filters = filters or QuestionFilter()
    rows = questions_for_user(user)
    if filters.status == "waiting":
        rows = rows.filter(status__in=WAITING)
    elif filters.status:
        rows = rows.filter(status=filters.status)
    if filters.mine:
        rows = rows.filter(assigned_to=user)
    if filters.q.strip():
        rows = rows.filter(search_q(filters.q, "dialogue__title_search"))
    return rows.order_by("-dialogue__starts_at", "dialogue_id", "number")


def question_links(user, ids: list[str]) -> dict[str, str]:
    """For the questions among `ids` (as the opinion signals keep them) that `user` may open, their page."""
    if not user.can(VIEW):
        return {}
    wanted = [int(i) for i in ids if str(i).isdigit() and len(str(i)) <= 10]
    if not wanted:
        return {}
    found = questions_for_user(user).filter(pk__in=wanted).values_list("pk", flat=True)
    return {str(pk): reverse("dialogues:question", args=[pk]) for pk in found}
