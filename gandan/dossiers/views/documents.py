"""Printable documents of the desk for staff: each dossier's forms as PDF (01–06) and the tracking book (Form 07)
as .xlsx. Both read only inside the officer's own units; the book export is written to the audit trail."""

import calendar
import datetime as dt
from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.utils import timezone
from django.views.decorators.http import require_safe

from gandan.accounts.rules import Perm
from gandan.audit.services import event_record
from gandan.dossiers.excel import BookRow, tracking_book_bytes
from gandan.dossiers.pdf import FormUnavailable, form_pdf_bytes
from gandan.dossiers.selectors import book_queryset, book_rows, dossier_get_for_user
from gandan.kit.downloads import generated_file
from gandan.kit.params import BadParameter, parse_day

MAX_BOOK_DAYS = 366
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BAD_ORDER = "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."
TOO_LONG = f"Mỗi lần chỉ xuất sổ cho tối đa {MAX_BOOK_DAYS} ngày."


def _require_view(user) -> None:
    if not user.can(Perm.DOSSIERS_VIEW):
        raise PermissionDenied


@require_safe
@login_required
def form_pdf(request, pk: int, form: str):
    """Form `form` of a dossier, to print. 404 outside the officer's units and for a form the dossier has not."""
    _require_view(request.user)
    dossier = dossier_get_for_user(request.user, pk)
    try:
        data = form_pdf_bytes(dossier, form)
    except FormUnavailable:
        raise Http404 from None
    return generated_file(
        data, filename=f"{dossier.code}-mau-{form}.pdf", content_type="application/pdf", inline=True
    )


# --- Tracking book ---------------------------------------------------------------------------------------------
class PeriodError(ValueError):
    pass


def book_period(start_text: str, end_text: str, *, today: dt.date) -> tuple[dt.date, dt.date]:
    """The book's period from the `from`/`to` parameters (dd/mm/yyyy or yyyy-mm-dd). Without either, the current
    month; with one, that day's month fills the other end. At most MAX_BOOK_DAYS days."""
    try:
        start = parse_day(start_text, name="from")
        end = parse_day(end_text, name="to")
    except BadParameter as error:  # a wrong or out-of-range day (years YEAR_MIN..YEAR_MAX)
        raise PeriodError(str(error.message)) from None
    anchor = start or end or today
    if start is None:
        start = anchor.replace(day=1)
    if end is None:
        end = anchor.replace(day=calendar.monthrange(anchor.year, anchor.month)[1])
    if end < start:
        raise PeriodError(BAD_ORDER)
    if (end - start).days + 1 > MAX_BOOK_DAYS:
        raise PeriodError(TOO_LONG)
    return start, end


@require_safe
@login_required
def tracking_book(request):
    """Form 07 for the officer's units and a period (`from`, `to`; default the current month), as .xlsx."""
    _require_view(request.user)
    try:
        start, end = book_period(
            request.GET.get("from", ""), request.GET.get("to", ""), today=timezone.localdate()
        )
    except PeriodError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    count = 0

    def counted() -> Iterator[BookRow]:
        nonlocal count
        for row in book_rows(book_queryset(request.user, start=start, end=end)):
            count += 1
            yield row

    data = tracking_book_bytes(counted(), unit=request.user.unit, start=start, end=end)
    event_record(
        actor=request.user,
        action="dossiers.export_book",
        unit=request.user.unit,
        details={"from": start.isoformat(), "to": end.isoformat(), "rows": count},
    )
    return generated_file(
        data, filename=f"so-theo-doi-ho-so-{start:%Y-%m-%d}-{end:%Y-%m-%d}.xlsx", content_type=XLSX
    )
