"""Grassroots democracy (Law 10/2022/QH15; DOMAIN.md §6): what the commune discloses, what it consults the people on,
what the households decide by vote, the village covenants, and the people's supervision boards.

Every record keeps the path of its unit (`unit_path`: the commune, or the village for households, votes and
covenants; copied when created, never rewritten) so that scope is one indexed prefix query (accounts.scope). The rules
are plain Python in `gandan.core.democracy`; the choices here are their codes."""

from gandan.democracy.models.consultations import Comment, Consultation, Section
from gandan.democracy.models.covenants import Covenant, CovenantVersion
from gandan.democracy.models.disclosures import Disclosure, DisclosureDocument
from gandan.democracy.models.supervision import Board, BoardMember, Finding
from gandan.democracy.models.votes import Ballot, BallotCode, Household, Vote

__all__ = [
    "Ballot",
    "BallotCode",
    "Board",
    "BoardMember",
    "Comment",
    "Consultation",
    "Covenant",
    "CovenantVersion",
    "Disclosure",
    "DisclosureDocument",
    "Finding",
    "Household",
    "Section",
    "Vote",
]
