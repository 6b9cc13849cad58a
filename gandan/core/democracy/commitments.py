"""Commitments: what a dialogue's answer or a supervision board's recommendation promises, followed to done.

Shared by `gandan.dialogues` (answers that promise action) and `gandan.democracy` (recommendations awaiting the
government's answer)."""

from datetime import date
from enum import StrEnum


class CommitmentState(StrEnum):
    """A promise to act (a dialogue's answer, a board's recommendation): open → in progress → done (with evidence)
    or cancelled (with a reason). Overdue is not a state: it is "not finished and past its due date"."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


COMMITMENT_MOVES: dict[CommitmentState, frozenset[CommitmentState]] = {
    CommitmentState.OPEN: frozenset(
        {CommitmentState.IN_PROGRESS, CommitmentState.DONE, CommitmentState.CANCELLED}
    ),
    CommitmentState.IN_PROGRESS: frozenset({CommitmentState.DONE, CommitmentState.CANCELLED}),
    CommitmentState.DONE: frozenset(
        {CommitmentState.IN_PROGRESS}
    ),  # reopened when the evidence does not hold
    CommitmentState.CANCELLED: frozenset(),
}


def commitment_can_move(current: str, target: str) -> bool:
    return CommitmentState(target) in COMMITMENT_MOVES[CommitmentState(current)]


def is_overdue(*, state: str, due: date, today: date) -> bool:
    return CommitmentState(state) in (CommitmentState.OPEN, CommitmentState.IN_PROGRESS) and today > due
