"""Consulting the people (lấy ý kiến, Law 10/2022 Art. 25–28; DOMAIN.md §6.4) as plain Python: where a consultation
stands on a given day, when a citizen may still comment, and what stops its summary from being published.

The stored status says what the officials did (prepared it, opened it, published its summary); the day says the
rest. An opened consultation takes comments from its first day to its last, both included; before the first day it
is announced, after the last it is being summarised until the summary is published (Art. 11(11))."""

from datetime import date
from enum import StrEnum


class Phase(StrEnum):
    DRAFT = "draft"  # being prepared: nothing is public
    ANNOUNCED = "announced"  # opened, but its first day has not come
    OPEN = "open"  # taking comments today
    CLOSED = "closed"  # its last day has passed (or officials closed it): being summarised
    PUBLISHED = "published"  # the summary and the answer to each comment are public


def phase(status: str, *, opens: date, closes: date, today: date) -> Phase:
    """Where a consultation with the stored `status` ("draft", "open", "closed", "published") stands on `today`."""
    if status == "draft":
        return Phase.DRAFT
    if status == "published":
        return Phase.PUBLISHED
    if status == "closed" or today > closes:
        return Phase.CLOSED
    if today < opens:
        return Phase.ANNOUNCED
    return Phase.OPEN


def takes_citizen_comments(p: Phase) -> bool:
    """A citizen comments on the portal only while the consultation is open."""
    return p is Phase.OPEN


def takes_entered_comments(p: Phase) -> bool:
    """Officials type in what they gathered at meetings, from slips and the suggestion box while the consultation is
    open, and after its last day until the summary is published (the slips of the last day arrive later)."""
    return p in (Phase.OPEN, Phase.CLOSED)


class WindowProblem(StrEnum):
    CLOSES_BEFORE_OPENS = "closes_before_opens"
    ALREADY_OVER = "already_over"


def window_problems(*, opens: date, closes: date, today: date, opening: bool = False) -> list[WindowProblem]:
    """What is wrong with a window from `opens` to `closes` (empty when nothing). `opening`: the officials open it
    now, so a window whose last day has passed is refused too (nobody could comment)."""
    problems: list[WindowProblem] = []
    if closes < opens:
        problems.append(WindowProblem.CLOSES_BEFORE_OPENS)
    elif opening and closes < today:
        problems.append(WindowProblem.ALREADY_OVER)
    return problems


class PublishProblem(StrEnum):
    NOT_OVER = "not_over"  # comments are still being taken
    PENDING = "pending"  # a comment has not been considered
    NO_SUMMARY = "no_summary"


def publish_problems(p: Phase, *, pending: int, summary: str) -> list[PublishProblem]:
    """What stops the summary from being published: the window still running, a comment not yet considered
    (accepted, partly accepted or not accepted, with the reason), or no summary of the opinions."""
    problems: list[PublishProblem] = []
    if p is not Phase.CLOSED:
        problems.append(PublishProblem.NOT_OVER)
    if pending > 0:
        problems.append(PublishProblem.PENDING)
    if not summary.strip():
        problems.append(PublishProblem.NO_SUMMARY)
    return problems
