from gandan.dashboard.selectors.board import (
    Board,
    Cell,
    CommuneRow,
    Trend,
    board_for_user,
    communes_for_dashboard,
    figures_fresh_at,
)
from gandan.dashboard.selectors.transparency import transparency_for_unit

__all__ = [
    "Board",
    "Cell",
    "CommuneRow",
    "Trend",
    "board_for_user",
    "communes_for_dashboard",
    "figures_fresh_at",
    "transparency_for_unit",
]
