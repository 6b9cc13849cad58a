"""People's supervision (Law 10/2022 Art. 36–45; Decree 59/2023 Art. 12–15; DOMAIN.md §6.5–6.6): who may sit on
the people's inspection board and how big the boards must be."""

from enum import StrEnum

INSPECTION_BOARD_MIN = 5  # one member per village, at least five
INVESTMENT_BOARD_MIN = 5


class Ineligible(StrEnum):
    COMMUNE_STAFF = "commune_staff"  # cán bộ, công chức, viên chức of the commune
    VILLAGE_STAFF = "village_staff"  # village head, deputy, group leader, part-time village staff
    NOT_RESIDENT = "not_resident"  # not a permanent resident of the commune


def ineligible_reasons(*, commune_staff: bool, village_staff: bool, resident: bool) -> list[Ineligible]:
    """Why a person may not be elected to the people's inspection board (empty when eligible; Art. 37)."""
    reasons: list[Ineligible] = []
    if commune_staff:
        reasons.append(Ineligible.COMMUNE_STAFF)
    if village_staff:
        reasons.append(Ineligible.VILLAGE_STAFF)
    if not resident:
        reasons.append(Ineligible.NOT_RESIDENT)
    return reasons


def inspection_board_size_needed(villages: int) -> int:
    """The smallest lawful inspection board for a commune of ``villages`` villages: one per village, at least 5."""
    if villages < 0:
        raise ValueError("villages must be >= 0")
    return max(INSPECTION_BOARD_MIN, villages)


class BoardKind(StrEnum):
    INSPECTION = "inspection"  # Ban Thanh tra nhân dân: one per commune, members elected from the villages
    INVESTMENT = "investment"  # Ban Giám sát đầu tư của cộng đồng: one per programme or project


def board_size_needed(kind: str, *, villages: int) -> int:
    """The fewest members a board may have: one per village and at least 5 for the inspection board (Art. 36),
    at least 5 for an investment supervision board (Art. 41)."""
    if BoardKind(kind) is BoardKind.INSPECTION:
        return inspection_board_size_needed(villages)
    return INVESTMENT_BOARD_MIN


def board_shortfall(kind: str, *, villages: int, members: int) -> int:
    """How many members the board lacks to reach its lawful minimum (0 when it has enough)."""
    if members < 0:
        raise ValueError("members must be >= 0")
    return max(0, board_size_needed(kind, villages=villages) - members)
