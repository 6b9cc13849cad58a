"""The periodic report's life (DOMAIN.md §7.4), plain Python: the officer drafts it (the figures are computed and
may be recomputed while it is a draft, the narrative sections written), submits it, and the leader approves it — the
figures are then frozen — or returns it to the drafter.

The narrative sections are the parts of a report the data cannot write: the state of public opinion, the results
worth telling, the shortcomings, and the tasks for the next period. Their headings are printed in Vietnamese (the
report is an official document)."""

from enum import StrEnum

__all__ = ["NARRATIVE", "NARRATIVE_MAX", "Action", "State", "allowed", "next_state"]

NARRATIVE_MAX = 20_000  # characters per section: pages of text, never a pasted book


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"


class Action(StrEnum):
    REFRESH = "refresh"  # recompute the figures
    WRITE = "write"  # the narrative sections and the number
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"


TRANSITIONS: dict[tuple[State, Action], State] = {
    (State.DRAFT, Action.REFRESH): State.DRAFT,
    (State.DRAFT, Action.WRITE): State.DRAFT,
    (State.DRAFT, Action.SUBMIT): State.SUBMITTED,
    (State.SUBMITTED, Action.APPROVE): State.APPROVED,
    (State.SUBMITTED, Action.RETURN): State.DRAFT,
}

# Which permission each action needs (gandan.accounts.rules): the officer drafts, the leader decides.
PERMISSION = {
    Action.REFRESH: "mobilization.manage",
    Action.WRITE: "mobilization.manage",
    Action.SUBMIT: "mobilization.manage",
    Action.APPROVE: "reports.approve",
    Action.RETURN: "reports.approve",
}

# (key, the heading printed in the report), in the report's order.
NARRATIVE: tuple[tuple[str, str], ...] = (
    ("opinion", "Tình hình tư tưởng nhân dân"),
    ("highlights", "Kết quả nổi bật"),
    ("shortcomings", "Hạn chế"),
    ("next", "Phương hướng nhiệm vụ kỳ tới"),
)


def allowed(state: State | str, action: Action | str) -> bool:
    return (State(state), Action(action)) in TRANSITIONS


def next_state(state: State | str, action: Action | str) -> State:
    """The state after `action`; ValueError when the action is not allowed in `state`."""
    try:
        return TRANSITIONS[(State(state), Action(action))]
    except KeyError:
        raise ValueError(f"{action} is not allowed on a report in state {state}") from None
