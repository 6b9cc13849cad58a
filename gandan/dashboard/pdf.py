"""The dashboard printed (fpdf2 through gandan.pdfdoc, the fonts shipped with the project): the month's indicators of
the communes shown, then the twelve months."""

from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.dashboard.selectors import Board
from gandan.pdfdoc import OfficialDocument


def board_pdf(board: Board, *, unit, title: str) -> bytes:
    doc = OfficialDocument(unit, note="", title=title)
    doc.heading(timezone.localdate())
    doc.title(title, _("Month %(month)s") % {"month": f"{board.month:%m/%Y}"})
    rows = [
        (str(i.label), board.totals[i.key].text if i.key in board.totals else "—") for i in board.indicators
    ]
    doc.table((_("Indicator"), _("Figure")), rows, widths=(120, 50), aligns=("LEFT", "RIGHT"))
    if len(board.communes) > 1:
        for indicator in board.indicators:
            doc.centred(str(indicator.label), after=1)
            doc.table(
                (_("Commune"), _("Figure")),
                [
                    (c.name, c.cells[indicator.key].text if indicator.key in c.cells else "—")
                    for c in board.communes
                ],
                widths=(120, 50),
                aligns=("LEFT", "RIGHT"),
                size=10,
            )
    doc.centred(_("The last twelve months"), after=1)
    by_key = {t.indicator.key: dict(t.points) for t in board.trends}
    for indicator in board.indicators:
        points = by_key.get(indicator.key, {})
        doc.table(
            (_("Month"), str(indicator.label)),
            [(f"{m:%m/%Y}", points[m].text if m in points else "—") for m in board.months],
            widths=(50, 120),
            aligns=("LEFT", "RIGHT"),
            size=10,
        )
    return doc.output()
