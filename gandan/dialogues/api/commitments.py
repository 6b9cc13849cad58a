"""The commitments' API under /api/v1/dialogues/: a dialogue's commitments and one commitment (public for a dialogue
shown on the portal, whole for an officer of its units), and the staff worklist of the officer's units (overdue:
not finished and past due)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Query, Schema
from ninja.pagination import paginate
from ninja.security import django_auth
from pydantic import Field

from gandan.core.democracy.commitments import is_overdue
from gandan.dialogues.api import router
from gandan.dialogues.api.dialogues import Pages
from gandan.dialogues.models import COMMITMENT_STATES
from gandan.dialogues.rules import VIEW
from gandan.dialogues.selectors.commitments import CommitmentFilter, commitment_list
from gandan.dialogues.selectors.published import (
    PublicCommitment,
    commitment_for_reader,
    dialogue_for_reader,
    evidence_url,
    public_commitments,
)
from gandan.kit.params import ID_MAX

STATE_LABELS = dict(COMMITMENT_STATES)


class UpdateOut(Schema):
    state: str
    state_label: str
    note: str
    at: dt.datetime

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(STATE_LABELS.get(obj.state, obj.state))


class CommitmentOut(Schema):
    id: int = Field(..., alias="pk")
    question_number: int | None = Field(
        None, description="The question whose answer made the promise, if any"
    )
    text: str = Field(..., description="What was promised")
    owner: str = Field(..., description="The office or post that answers for it")
    due: dt.date
    state: str = Field(..., description="open, in_progress, done or cancelled")
    state_label: str
    overdue: bool = Field(..., description="Not finished and past its due date")
    done_on: dt.date | None
    evidence: str = Field(..., description="What was done (once done)")
    evidence_url: str = Field(..., description="The photo or PDF showing it done, if any (public address)")
    cancel_reason: str
    updates: list[UpdateOut] = Field(..., description="Each step of its progress, oldest first")

    @staticmethod
    def resolve_question_number(obj) -> int | None:
        if isinstance(obj, PublicCommitment):
            return obj.question_number
        return obj.question.number if obj.question_id else None

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(STATE_LABELS.get(obj.state, obj.state))

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return is_overdue(state=obj.state, due=obj.due, today=timezone.localdate())

    @staticmethod
    def resolve_evidence(obj) -> str:
        return obj.evidence if obj.state == "done" else ""

    @staticmethod
    def resolve_evidence_url(obj) -> str:
        return obj.evidence_url if isinstance(obj, PublicCommitment) else evidence_url(obj)

    @staticmethod
    def resolve_updates(obj) -> list:
        return (
            list(obj.updates) if isinstance(obj, PublicCommitment) else list(obj.updates.order_by("at", "id"))
        )


class CommitmentQuery(Schema):
    state: str = Field(
        "",
        pattern="^(|overdue|unfinished|open|in_progress|done|cancelled)$",
        description="A state, `overdue` (not finished and past due) or `unfinished`",
    )
    mine: bool = Field(False, description="Only those naming me as the officer who reports on them")
    q: str = Field("", max_length=100, description="Words of the dialogue's title")


@router.get(
    "/dialogues/{int:dialogue_id}/commitments",
    response=list[CommitmentOut],
    auth=None,
    summary="A dialogue's commitments with their progress",
)
def dialogue_commitments(request, dialogue_id: int):
    found, _staff = dialogue_for_reader(request.user, dialogue_id if 0 < dialogue_id <= ID_MAX else 0)
    return public_commitments(found)


@router.get("/commitments/{int:commitment_id}", response=CommitmentOut, auth=None, summary="One commitment")
def commitment(request, commitment_id: int):
    found, _staff = commitment_for_reader(request.user, commitment_id if 0 < commitment_id <= ID_MAX else 0)
    return found


@router.get(
    "/commitments",
    response=list[CommitmentOut],
    auth=django_auth,
    summary="Commitments of my units (staff), the soonest due first",
)
@paginate(Pages)
def commitments(request, filters: Query[CommitmentQuery]):
    if not request.user.can(VIEW):
        raise PermissionDenied
    return commitment_list(
        request.user, CommitmentFilter(state=filters.state, mine=filters.mine, q=filters.q)
    )
