"""The life of a village covenant (hương ước, quy ước; Decree 61/2023, DOMAIN.md §6.7): draft → consultation →
adoption vote → recognition dossier (within 5 working days of adoption) → recognition (within 5 working days of the
dossier) → in force; then amended (a new version replaces it), suspended, or abolished."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from gandan.core.democracy.votes import Matter, quorum_reached, rule_for, tally
from gandan.core.workdays import WorkCalendar, add_working_days

SEND_WITHIN = (
    5  # working days: the village head sends the recognition dossier after adoption (Decree 61/2023)
)
RECOGNISE_WITHIN = 5  # working days: the commune chairman recognises it or refuses in writing


class CovenantState(StrEnum):
    DRAFT = "draft"
    CONSULTATION = "consultation"
    VOTING = "voting"
    ADOPTED = "adopted"
    SUBMITTED = "submitted"
    IN_FORCE = "in_force"
    REFUSED = "refused"
    SUSPENDED = "suspended"
    SUPERSEDED = "superseded"
    ABOLISHED = "abolished"


TRANSITIONS: dict[CovenantState, frozenset[CovenantState]] = {
    CovenantState.DRAFT: frozenset({CovenantState.CONSULTATION, CovenantState.VOTING}),
    CovenantState.CONSULTATION: frozenset({CovenantState.DRAFT, CovenantState.VOTING}),
    # a failed vote sends the text back to drafting
    CovenantState.VOTING: frozenset({CovenantState.ADOPTED, CovenantState.DRAFT}),
    CovenantState.ADOPTED: frozenset({CovenantState.SUBMITTED}),
    CovenantState.SUBMITTED: frozenset({CovenantState.IN_FORCE, CovenantState.REFUSED}),
    CovenantState.REFUSED: frozenset({CovenantState.DRAFT}),
    CovenantState.IN_FORCE: frozenset(
        {CovenantState.SUSPENDED, CovenantState.SUPERSEDED, CovenantState.ABOLISHED}
    ),
    CovenantState.SUSPENDED: frozenset({CovenantState.IN_FORCE, CovenantState.ABOLISHED}),
    CovenantState.SUPERSEDED: frozenset(),
    CovenantState.ABOLISHED: frozenset(),
}


def can_move(current: str, target: str) -> bool:
    return CovenantState(target) in TRANSITIONS[CovenantState(current)]


def send_by(adopted_on: date, *, calendar: WorkCalendar) -> date:
    return add_working_days(adopted_on, SEND_WITHIN, calendar=calendar)


def recognise_by(submitted_on: date, *, calendar: WorkCalendar) -> date:
    return add_working_days(submitted_on, RECOGNISE_WITHIN, calendar=calendar)


def late(deadline: date | None, *, done_on: date | None, today: date) -> bool:
    """A step is late when it was done after its deadline, or is still not done once the deadline has passed."""
    if deadline is None:
        return False
    return (done_on or today) > deadline


@dataclass(frozen=True, slots=True)
class Adoption:
    """A village meeting's vote on its covenant (Decree 61/2023): more than half of **all** households must attend
    (`quorum`), and more than half of all households must agree (`needed` yes votes)."""

    households: int
    present: int
    yes: int
    needed: int
    quorum: bool
    passed: bool
    basis: str


def adoption(*, households: int, present: int, yes: int, on: date) -> Adoption:
    """Count a covenant's adoption against every household of the village on `on`.

    Raises:
        ValueError: the count is impossible (no household, more present than households, more yes than present).
        LookupError: no vote rule covers `on` (before Law 10/2022 was in force).
    """
    rule = rule_for(Matter.COVENANT, on)
    counted = tally(rule, households=households, present=present, yes=yes)
    quorum = quorum_reached(households=households, present=present)
    return Adoption(
        households=households,
        present=present,
        yes=yes,
        needed=counted.needed,
        quorum=quorum,
        passed=quorum and counted.passed,
        basis=rule.legal_basis,
    )
