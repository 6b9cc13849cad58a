"""The leaders' dashboard: the user's communes (or one of them) for a month, with the twelve months' trend, the
communes compared, and the exports. The figures are the stored ones: a page never counts a record, and asks the
worker for a refresh when they are older than 15 minutes."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gandan.dashboard.charts import trend_svg
from gandan.dashboard.excel import board_workbook
from gandan.dashboard.forms import BoardForm
from gandan.dashboard.pdf import board_pdf
from gandan.dashboard.selectors import Board, board_for_user
from gandan.dashboard.services import MONTHS_KEPT, figures_refresh_request, months_back
from gandan.kit.downloads import generated_file
from gandan.web import require_perm

PERM = "dashboard.view"


def _board(request, unit_id: int | None = None) -> tuple[Board, BoardForm]:
    require_perm(request.user, PERM)
    form = BoardForm(request.GET or None, months=months_back(timezone.localdate(), MONTHS_KEPT))
    data = form.cleaned_data if form.is_valid() else {}
    board = board_for_user(
        request.user,
        month=form.chosen_month(),
        sort=data.get("sort") or "",
        unit_id=unit_id or data.get("unit"),
    )
    if board.stale:
        figures_refresh_request()
    return board, form


def _sort_links(board: Board) -> dict[str, dict[str, str]]:
    """Each column's link: ascending first, descending when it is already the ascending order."""
    links = {}
    for key in ["name", *(i.key for i in board.indicators)]:
        current = board.sort == key
        order = f"-{key}" if current else key
        state = "ascending" if current else "descending" if board.sort == f"-{key}" else "none"
        links[key] = {
            "href": "?" + urlencode({"month": f"{board.month:%Y-%m}", "sort": order}),
            "state": state,
        }
    return links


def _render(request, board: Board, form: BoardForm):
    charts = [
        (
            trend,
            trend_svg(
                trend,
                months=board.months,
                label=_("%(indicator)s, the last twelve months") % {"indicator": trend.indicator.label},
            ),
        )
        for trend in board.trends
    ]
    exports = {"month": f"{board.month:%Y-%m}"}
    if board.unit is not None:
        exports["unit"] = str(board.unit.pk)
    query = urlencode(exports)
    links = _sort_links(board)
    return render(
        request,
        "dashboard/home.html",
        {
            "board": board,
            "form": form,
            "charts": charts,
            "rows": [(i, board.totals.get(i.key)) for i in board.indicators],
            "name_link": links["name"],
            "headers": [(i, links[i.key]) for i in board.indicators],
            "table": [(c, [c.cells.get(i.key) for i in board.indicators]) for c in board.communes],
            "excel_url": f"{reverse('dashboard:excel')}?{query}",
            "pdf_url": f"{reverse('dashboard:pdf')}?{query}",
            "compare": board.unit is None and len(board.communes) > 1,
        },
    )


@login_required
@require_safe
def dashboard_home(request):
    board, form = _board(request)
    return _render(request, board, form)


@login_required
@require_safe
def dashboard_commune(request, unit_id: int):
    board, form = _board(request, unit_id)
    return _render(request, board, form)


@login_required
@require_safe
def dashboard_excel(request):
    board, _form = _board(request)
    name = f"bang-dieu-khien-{board.month:%Y-%m}.xlsx"
    return generated_file(
        board_workbook(board),
        filename=name,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
@require_safe
def dashboard_pdf(request):
    board, _form = _board(request)
    unit = board.unit or request.user.unit
    title = _("Dashboard of %(unit)s") % {"unit": unit.name}
    data = board_pdf(board, unit=unit, title=title)
    return generated_file(
        data, filename=f"bang-dieu-khien-{board.month:%Y-%m}.pdf", content_type="application/pdf", inline=True
    )


urlpatterns = [
    path("", dashboard_home, name="home"),
    path("xa/<int:unit_id>/", dashboard_commune, name="commune"),
    path("excel/", dashboard_excel, name="excel"),
    path("pdf/", dashboard_pdf, name="pdf"),
]
