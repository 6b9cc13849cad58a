"""Every change of a field report goes through these services (views, the Open311 API, commands and the demo)."""

from gandan.fieldreports.services.handling import report_move
from gandan.fieldreports.services.intake import ReportFacts, report_receive

__all__ = ["ReportFacts", "report_move", "report_receive"]
