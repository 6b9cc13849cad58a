"""The life of a news article as plain Python (no Django, no clock: `now` is an argument). One table of moves; the
pages and the services ask the same table.

    draft ──submit──▶ review ──publish (now, or at a later time)──▶ published ──withdraw (reason)──▶ withdrawn
      ▲                 │                                                                              │
      └──send back (note)┘                                                        redraft ──▶ draft ◀──┘

A writer (news.write) edits drafts and sends them for review; a publisher (news.publish, a leader who answers for
what goes out in the commune's name) edits an article under review or already published, publishes it, sends it back
with a note, or withdraws it with a reason. A published article whose time has not come is "scheduled": the portal
shows an article only once it is published and its `publish_at` has passed, so no task has to wake up for it.
"""

from datetime import datetime
from enum import StrEnum

from gandan.accounts.rules import Perm


class ArticleStatus(StrEnum):
    DRAFT = "draft"
    REVIEW = "review"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class ArticleAction(StrEnum):
    EDIT = "edit"  # the text, the photos, the category and tags
    SUBMIT = "submit"
    PUBLISH = "publish"
    SEND_BACK = "send_back"
    WITHDRAW = "withdraw"
    REDRAFT = "redraft"


S, A = ArticleStatus, ArticleAction

# (state, action) → (the permission it needs, the state it leads to). What is not here is refused.
MOVES: dict[tuple[ArticleStatus, ArticleAction], tuple[str, ArticleStatus]] = {
    (S.DRAFT, A.EDIT): (Perm.NEWS_WRITE, S.DRAFT),
    (S.DRAFT, A.SUBMIT): (Perm.NEWS_WRITE, S.REVIEW),
    # Under review the text is the publisher's to correct before it goes out; the writer waits or is sent back.
    (S.REVIEW, A.EDIT): (Perm.NEWS_PUBLISH, S.REVIEW),
    (S.REVIEW, A.PUBLISH): (Perm.NEWS_PUBLISH, S.PUBLISHED),
    (S.REVIEW, A.SEND_BACK): (Perm.NEWS_PUBLISH, S.DRAFT),
    # A published article speaks in the commune's name: only a publisher corrects or withdraws it.
    (S.PUBLISHED, A.EDIT): (Perm.NEWS_PUBLISH, S.PUBLISHED),
    (S.PUBLISHED, A.WITHDRAW): (Perm.NEWS_PUBLISH, S.WITHDRAWN),
    # Taking a withdrawn article up again publishes nothing: it goes back through review.
    (S.WITHDRAWN, A.REDRAFT): (Perm.NEWS_WRITE, S.DRAFT),
}


def next_status(status: str, action: str) -> ArticleStatus | None:
    """The state `action` leads to from `status`, or None when the move does not exist."""
    move = MOVES.get((ArticleStatus(status), ArticleAction(action)))
    return move[1] if move else None


def may_act(status: str, action: str, perms: frozenset[str] | set[str]) -> bool:
    """Whether a holder of `perms` may do `action` on an article in `status`."""
    move = MOVES.get((ArticleStatus(status), ArticleAction(action)))
    return move is not None and move[0] in perms


def allowed_actions(status: str, perms: frozenset[str] | set[str]) -> list[ArticleAction]:
    """The actions a holder of `perms` may take on an article in `status`, in the table's order."""
    return [action for (state, action), (perm, _) in MOVES.items() if state == status and perm in perms]


def publish_time_problem(publish_at: datetime | None, now: datetime) -> bool:
    """True when a scheduled time is not in the future (None means "now" and is always fine)."""
    return publish_at is not None and publish_at <= now


def is_visible(status: str, publish_at: datetime | None, now: datetime) -> bool:
    """What the portal shows: a published article whose time has come."""
    return status == ArticleStatus.PUBLISHED and publish_at is not None and publish_at <= now
