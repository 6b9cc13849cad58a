"""The rules of a dialogue, its questions and its commitments, as plain Python (no Django, no clock: `now` is an
argument). The life of each record is one table of moves; the pages, the API and the services ask the same table.

    Dialogue:  planned ──hold──▶ held ──close (minutes)──▶ closed
                  └──cancel (reason)──▶ cancelled

    Question:  received ──assign──▶ assigned ──answer──▶ answered (an answer may be corrected)
                  └──────────set aside (reason)─────────┘ (from received or assigned)

A commitment's states are `gandan.core.democracy.commitments` (shared with the people's supervision boards).
"""

import secrets
from datetime import datetime
from enum import StrEnum

from gandan.accounts.rules import Perm


class DialogueStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class QuestionStatus(StrEnum):
    RECEIVED = "received"
    ASSIGNED = "assigned"
    ANSWERED = "answered"
    SET_ASIDE = "set_aside"


class DialogueAction(StrEnum):
    EDIT = "edit"
    HOLD = "hold"
    CLOSE = "close"
    CANCEL = "cancel"
    ENTER_QUESTION = "enter_question"
    ADD_COMMITMENT = "add_commitment"


DIALOGUE_ACTIONS: dict[DialogueStatus, frozenset[DialogueAction]] = {
    DialogueStatus.PLANNED: frozenset(
        {
            DialogueAction.EDIT,
            DialogueAction.HOLD,
            DialogueAction.CANCEL,
            DialogueAction.ENTER_QUESTION,
            DialogueAction.ADD_COMMITMENT,
        }
    ),
    # Held: the answers and commitments are being written down; questions asked in the room are typed in.
    DialogueStatus.HELD: frozenset(
        {
            DialogueAction.EDIT,
            DialogueAction.CLOSE,
            DialogueAction.ENTER_QUESTION,
            DialogueAction.ADD_COMMITMENT,
        }
    ),
    # Closed: the minutes are final; a question answered in writing afterwards may still promise action.
    DialogueStatus.CLOSED: frozenset({DialogueAction.ADD_COMMITMENT}),
    DialogueStatus.CANCELLED: frozenset(),
}


def dialogue_allows(status: str, action: DialogueAction) -> bool:
    return action in DIALOGUE_ACTIONS[DialogueStatus(status)]


class QuestionAction(StrEnum):
    GROUP = "group"  # put under a theme, assign to an officer
    ANSWER = "answer"
    SET_ASIDE = "set_aside"


QUESTION_ACTIONS: dict[QuestionStatus, frozenset[QuestionAction]] = {
    QuestionStatus.RECEIVED: frozenset(
        {QuestionAction.GROUP, QuestionAction.ANSWER, QuestionAction.SET_ASIDE}
    ),
    QuestionStatus.ASSIGNED: frozenset(
        {QuestionAction.GROUP, QuestionAction.ANSWER, QuestionAction.SET_ASIDE}
    ),
    # An answer may be corrected (a figure mistyped); the theme may still change for the minutes.
    QuestionStatus.ANSWERED: frozenset({QuestionAction.GROUP, QuestionAction.ANSWER}),
    QuestionStatus.SET_ASIDE: frozenset(),
}


def question_allows(status: str, action: QuestionAction, *, dialogue_status: str) -> bool:
    """A question of a cancelled dialogue is not worked on any more (its askers read why it was cancelled)."""
    if DialogueStatus(dialogue_status) == DialogueStatus.CANCELLED:
        return False
    return action in QUESTION_ACTIONS[QuestionStatus(status)]


# Who may act: the module's managers everywhere in their units. An officer to whom a question is assigned answers
# it (and records what it promises) without the permission; the officer named as a commitment's owner reports its
# progress. The services check those two exceptions against the record.
MANAGE = Perm.DIALOGUES_MANAGE
VIEW = Perm.DIALOGUES_VIEW


def questions_open(
    *, status: str, starts_at: datetime, questions_until: datetime | None, now: datetime
) -> bool:
    """Citizens may send questions while the dialogue is planned and its deadline (`questions_until`, else the start
    of the dialogue) has not passed."""
    if DialogueStatus(status) != DialogueStatus.PLANNED:
        return False
    return now <= (questions_until or starts_at)


# --- The asker's lookup code ----------------------------------------------------------------------------------------
# Without 0/O, 1/I/L: read aloud over the phone or copied from a note, it is never ambiguous. 8 random letters of 31
# are 40 bits: guessing one takes far more tries than the lookup's throttle allows in a lifetime.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_PREFIX = "CH"  # câu hỏi (a petition code starts with DT: đơn thư)
CODE_LENGTH = 8


def new_question_code() -> str:
    """ "CH-7KQM-X3PA": the code a citizen keeps to follow his question."""
    letters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{CODE_PREFIX}-{letters[:4]}-{letters[4:]}"


def clean_question_code(raw: str | None) -> str:
    """A code as a citizen types it ("ch 7kqm x3pa", "CH7KQMX3PA") in its stored form, or "" when it cannot be one."""
    letters = "".join(ch for ch in (raw or "").upper() if ch.isascii() and ch.isalnum())
    if len(letters) == len(CODE_PREFIX) + CODE_LENGTH and letters.startswith(CODE_PREFIX):
        letters = letters[len(CODE_PREFIX) :]
    if len(letters) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in letters):
        return ""
    return f"{CODE_PREFIX}-{letters[:4]}-{letters[4:]}"


# --- How an asker is shown in public -------------------------------------------------------------------------------


def name_initials(name: str) -> str:
    """ "Nguyễn Văn An" → "N.V.A.": how the public pages name an asker (never his contacts)."""
    words = [w for w in (name or "").split() if w[:1].isalpha()]
    return "".join(f"{w[0].upper()}." for w in words)
