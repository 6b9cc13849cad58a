"""The life of a "dân vận khéo" model (DOMAIN.md §7.3): register → implement → review and score → recognise →
replicate, in the four fields, recognised at the grassroots, the commune or the province.

    registered ──start──▶ implementing ──review──▶ reviewed ──recognise──▶ recognised ──recognise (higher)──▶ …
         │                     │                      └──decline──▶ implementing (worked on, reviewed again)
         └──────withdraw───────┴──────withdraw─────────▶ withdrawn

A model is replicated by registering a new one that names it as its source ("copied from"); only a recognised
model is replicated, and a model cannot be its own ancestor. The criteria and their weights are the provincial
guidance's [U] (DOMAIN.md §7.3): data an official can correct, kept here as the defaults.
"""

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "CRITERIA",
    "LEVEL_ORDER",
    "MAX_SCORE",
    "PASS_SCORE",
    "Action",
    "Criterion",
    "Field",
    "Level",
    "OwnerKind",
    "Status",
    "TransitionError",
    "allowed_actions",
    "can_raise_level",
    "can_replicate",
    "higher_levels",
    "is_ancestor",
    "next_status",
    "score_total",
]


class Field(StrEnum):
    ECONOMY = "economy"
    CULTURE_SOCIETY = "culture_society"
    DEFENCE_SECURITY = "defence_security"
    POLITICAL_SYSTEM = "political_system"


class Level(StrEnum):
    GRASSROOTS = "grassroots"
    COMMUNE = "commune"
    PROVINCE = "province"


LEVEL_ORDER = {Level.GRASSROOTS: 1, Level.COMMUNE: 2, Level.PROVINCE: 3}


class OwnerKind(StrEnum):
    PERSON = "person"
    TEAM = "team"
    ORGANISATION = "organisation"
    UNIT = "unit"


class Status(StrEnum):
    REGISTERED = "registered"
    IMPLEMENTING = "implementing"
    REVIEWED = "reviewed"
    RECOGNISED = "recognised"
    WITHDRAWN = "withdrawn"


class Action(StrEnum):
    START = "start"
    REVIEW = "review"
    RECOGNISE = "recognise"
    DECLINE = "decline"
    WITHDRAW = "withdraw"


class TransitionError(ValueError):
    pass


_TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (Status.REGISTERED, Action.START): Status.IMPLEMENTING,
    (Status.REGISTERED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.IMPLEMENTING, Action.REVIEW): Status.REVIEWED,
    (Status.IMPLEMENTING, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.REVIEWED, Action.REVIEW): Status.REVIEWED,  # a second reviewer scores it too
    (Status.REVIEWED, Action.RECOGNISE): Status.RECOGNISED,
    (Status.REVIEWED, Action.DECLINE): Status.IMPLEMENTING,
    (Status.REVIEWED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.RECOGNISED, Action.RECOGNISE): Status.RECOGNISED,  # a higher level recognises it too
}


def next_status(status: Status | str, action: Action | str) -> Status:
    try:
        return _TRANSITIONS[(Status(status), Action(action))]
    except (KeyError, ValueError) as exc:
        raise TransitionError(f"{action} is not allowed from {status}") from exc


def allowed_actions(status: Status | str) -> list[Action]:
    return [a for (s, a) in _TRANSITIONS if s == Status(status)]


def can_raise_level(current: Level | str | None, new: Level | str) -> bool:
    """A recognised model is recognised again only at a higher level (grassroots → commune → province)."""
    if not current:
        return True
    return LEVEL_ORDER[Level(new)] > LEVEL_ORDER[Level(current)]


def higher_levels(current: Level | str | None) -> list[Level]:
    """The levels a model may (still) be recognised at, lowest first: all three before a first recognition."""
    return [level for level in Level if can_raise_level(current, level)]


def can_replicate(status: Status | str) -> bool:
    return Status(status) is Status.RECOGNISED


@dataclass(frozen=True)
class Criterion:
    key: str
    label_vi: str
    weight: int  # the most points it gives


CRITERIA: tuple[Criterion, ...] = (
    Criterion("named_place", "Có tên gọi, địa chỉ cụ thể", 10),
    Criterion("led_registered", "Gắn với sự lãnh đạo của cấp ủy, chính quyền; có đăng ký", 10),
    Criterion("many_forces", "Huy động được nhiều lực lượng tham gia", 15),
    Criterion("effective", "Lan tỏa, mang lại hiệu quả thiết thực", 20),
    Criterion("supported", "Được nhân dân đồng tình, ủng hộ", 15),
    Criterion("solves_local", "Giải quyết khó khăn, nhiệm vụ trọng tâm của địa phương", 15),
    Criterion("sustainable", "Bền vững, có khả năng nhân rộng", 15),
)
MAX_SCORE = sum(c.weight for c in CRITERIA)
PASS_SCORE = 70  # of 100: the score a reviewer's recommendation to recognise is expected to reach [U]


def score_total(scores: dict[str, int]) -> int:
    """The total of a review: every criterion scored from 0 to its weight, no unknown criterion, none missing."""
    known = {c.key: c for c in CRITERIA}
    if set(scores) != set(known):
        raise ValueError("every criterion must be scored, and only those")
    total = 0
    for key, value in scores.items():
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= known[key].weight:
            raise ValueError(key)
        total += value
    return total


def is_ancestor(candidate: int, of: int, parent_of: dict[int, int | None]) -> bool:
    """True when `candidate` is `of` or one of the models it was copied from (following `parent_of`)."""
    seen: set[int] = set()
    node: int | None = of
    while node is not None and node not in seen:
        if node == candidate:
            return True
        seen.add(node)
        node = parent_of.get(node)
    return False
