"""Staff pages of citizen reception, the reception book (Form 03/TCD): the searchable book and its Excel export,
writing a record, its page and follow-up, and the printable refusal notice (Form 01/TCD) and receipt for
documents (Form 02/TCD).
"""

import datetime as dt
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gandan.audit.services import event_record
from gandan.core.citizen_id import mask_citizen_id
from gandan.core.workdays import add_working_days
from gandan.errors import DomainError
from gandan.kit.communes import add_commune_filter, commune_paths
from gandan.kit.downloads import generated_file
from gandan.kit.idempotency import create_once, once_per_token
from gandan.kit.params import month_bounds
from gandan.reception import services as services
from gandan.reception.forms import BookFilterForm, FollowUpForm, RecordForm
from gandan.reception.models import ReceptionRecord
from gandan.reception.search import RECEPTION
from gandan.reception.selectors import (
    reception_days_for_user,
    reception_record_get_for_user,
    reception_records_for_user,
)
from gandan.reception.views.helpers import (
    MANAGE,
    VIEW,
    _errors_to_form,
    _pdf,
)
from gandan.search.services import filter_queryset
from gandan.units.selectors import communes_for_user
from gandan.web import paginate, require_perm
from gandan.workcalendar.selectors import work_calendar

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_BOOK_DAYS = 366
REFUSAL_NOTICE_WORKING_DAYS = 3  # Form 01/TCD within 3 working days (Law Art. 9; Decree 154/2026 Art. 4)


# --- The reception book --------------------------------------------------------------------------------------------


def _book_rows(user, data: dict):
    rows = reception_records_for_user(user)
    if data.get("unit"):  # a commune chosen by a supervisor of several (gandan.kit.communes)
        rows = rows.filter(unit_path__in=commune_paths(data["unit"]))
    if data.get("date_from"):
        rows = rows.filter(at__date__gte=data["date_from"])
    if data.get("date_to"):
        rows = rows.filter(at__date__lte=data["date_to"])
    if data.get("kind"):
        rows = rows.filter(kind=data["kind"])
    if data.get("outcome"):
        rows = rows.filter(outcome=data["outcome"])
    # Without diacritics: "tranh chap dat" finds "Tranh chấp đất", in the whole book. A protected record is indexed
    # without the citizen's name (gandan.petitions.search), so no search can find a denunciator by name.
    rows = filter_queryset(rows, RECEPTION, data.get("q", ""))
    orders = {
        "-at": ["-at", "-id"],
        "at": ["at", "id"],
        "name": ["citizen_name", "id"],
        "-people": ["-people_count", "-at"],
    }
    return rows.order_by(*orders.get(data.get("order") or "-at", orders["-at"]))


@require_safe
@login_required
def book(request):
    require_perm(request.user, VIEW)
    form = BookFilterForm(request.GET or None)
    show_commune = add_commune_filter(form, communes_for_user(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    rows = _book_rows(request.user, data)
    filtered = any(data.get(k) for k in ("q", "date_from", "date_to", "kind", "outcome"))
    context = {
        "form": form,
        "filtered": filtered,
        "can_manage": request.user.can(MANAGE),
        "export_query": request.GET.urlencode(),
        "show_commune": show_commune,
        **paginate(request, rows),
    }
    for record in context["page_obj"]:
        record.id_masked = "" if record.protected else mask_citizen_id(record.id_number)
    return render(request, "reception/book.html", context)


@require_safe
@login_required
def book_export(request):
    """Form 03/TCD as .xlsx, with the book's filters; the period defaults to the current month (at most a year)."""
    from gandan.reception.excel import reception_book_bytes

    require_perm(request.user, VIEW)
    form = BookFilterForm(request.GET or None)
    add_commune_filter(form, communes_for_user(request.user))
    if request.GET and not form.is_valid():
        return HttpResponse(
            " ".join(str(e) for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    data = dict(form.cleaned_data) if request.GET else {}
    today = timezone.localdate()
    anchor = data.get("date_from") or data.get("date_to") or today
    start = data.get("date_from") or anchor.replace(day=1)
    end = data.get("date_to") or month_bounds(f"{anchor:%Y-%m}")[1]
    if end < start or (end - start).days + 1 > MAX_BOOK_DAYS:
        return HttpResponse(
            _("Export at most %(n)s days at a time.") % {"n": MAX_BOOK_DAYS},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    data.update(date_from=start, date_to=end, order=data.get("order") or "at")
    count = 0

    def counted() -> Iterator[ReceptionRecord]:
        nonlocal count
        for record in _book_rows(request.user, data).iterator(chunk_size=1000):
            count += 1
            yield record

    content = reception_book_bytes(counted(), unit=request.user.unit, start=start, end=end)
    event_record(
        actor=request.user,
        action="petitions.reception_book_export",
        unit=request.user.unit,
        details={"from": start.isoformat(), "to": end.isoformat(), "rows": count},
    )
    return generated_file(
        content, filename=f"so-tiep-cong-dan-{start:%Y-%m-%d}-{end:%Y-%m-%d}.xlsx", content_type=XLSX
    )


RECORD_DAYS_BACK = 31


def _record_days(user):
    """The days a record can be written on: the officer's unit's days of the last month up to today, not
    cancelled (a record may be written up after the session; its time must fall on the day)."""
    today = timezone.localdate()
    return (
        reception_days_for_user(user)
        .filter(
            unit=user.unit,
            day__gte=today - dt.timedelta(days=RECORD_DAYS_BACK),
            day__lte=today,
            cancelled_reason="",
        )
        .order_by("-day", "id")
    )


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def record_new(request):
    require_perm(request.user, MANAGE)
    days = _record_days(request.user)
    initial = {
        "at": timezone.localtime().replace(second=0, microsecond=0),
        "people_count": 1,
        "competent": True,
        "outcome": ReceptionRecord.Outcome.RECORDED,
    }
    if request.GET.get("day", "").isdigit():
        initial["reception_day"] = days.filter(pk=int(request.GET["day"])).first()
    form = RecordForm(request.POST or None, days=days, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if services.redacts(data["kind"], data["secrecy"]) and request.POST.get("confirm") != "1":
            return _record_preview(request, form, days)
        try:
            record = create_once(
                request,
                lambda: services.reception_record_add(
                    unit=request.user.unit,
                    reception_day=data["reception_day"],
                    at=data["at"],
                    citizen_name=data["citizen_name"],
                    citizen_address=data["citizen_address"],
                    id_number=data["id_number"],
                    phone=data.get("phone") or "",
                    people_count=data["people_count"],
                    content=data["content"],
                    kind=data["kind"],
                    prior_body=data["prior_body"],
                    competent=data["competent"],
                    guided_to=data["guided_to"],
                    outcome=data["outcome"],
                    refusal_reason=data["refusal_reason"],
                    documents_received=data["documents_received"],
                    note=data["note"],
                    create_petition=data["create_petition"],
                    subject=data["subject"],
                    secrecy=data["secrecy"],
                    original_statement=data["original_statement"],
                    by=request.user,
                ),
                url=lambda r: reverse("reception:record", kwargs={"pk": r.pk}),
            )
        except DomainError as error:
            _errors_to_form(form, error)
        else:
            text = _("The reception was written in the book.")
            if record.petition_id:
                text += " " + _("Petition %(code)s was created.") % {"code": record.petition.code}
            messages.success(request, text)
            return redirect("reception:record", pk=record.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "reception/record_form.html", {"form": form}, status=status)


def _record_preview(request, form, days):
    """Step 1 of writing a denunciation (or a statement to keep secret): the form again, with the statement and
    subject as they will be stored — the citizen's name, address, ID number and phone taken out — for the officer
    to check, redact more by hand, and confirm. Nothing is saved yet."""
    data = form.cleaned_data
    who = {
        "citizen_name": data["citizen_name"],
        "citizen_address": data["citizen_address"],
        "id_number": data["id_number"],
        "phone": data.get("phone") or "",
    }
    content, in_content = services.redact_statement(data["content"], **who)
    subject, in_subject = services.redact_statement(data["subject"], **who, multiline=False)
    values = request.POST.copy()
    values["content"], values["subject"] = content, subject
    values["original_statement"] = data["original_statement"] or data["content"]
    values.pop("confirm", None)
    preview = RecordForm(values, days=days)
    preview.is_valid()
    context = {"form": preview, "preview": True, "redacted": in_content + in_subject}
    return render(request, "reception/record_form.html", context)


@require_safe
@login_required
def record_detail(request, pk: int):
    require_perm(request.user, VIEW)
    record = reception_record_get_for_user(request.user, pk)
    return _record_page(request, record, FollowUpForm(initial={"follow_up": record.follow_up}))


def _record_page(request, record, follow_up_form, *, status: int = 200):
    refusal_due = None
    if record.outcome == ReceptionRecord.Outcome.REFUSED:
        refusal_due = add_working_days(
            timezone.localtime(record.at).date(), REFUSAL_NOTICE_WORKING_DAYS, calendar=work_calendar()
        )
    context = {
        "record": record,
        "protected": record.protected,
        "refusal_due": refusal_due,
        "id_masked": "" if record.protected else mask_citizen_id(record.id_number),
        "can_manage": request.user.can(MANAGE),
        "follow_up_form": follow_up_form,
    }
    return render(request, "reception/record_detail.html", context, status=status)


@require_POST
@login_required
def record_follow_up(request, pk: int):
    require_perm(request.user, MANAGE)
    record = reception_record_get_for_user(request.user, pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.reception_record_follow_up(
                record=record, by=request.user, text=form.cleaned_data["follow_up"]
            )
        except DomainError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The follow-up was saved."))
            return redirect("reception:record", pk=record.pk)
    return _record_page(request, record, form, status=422)


@require_safe
@login_required
def record_refusal_pdf(request, pk: int):
    """Form 01/TCD, the notice refusing the reception."""
    require_perm(request.user, VIEW)
    record = reception_record_get_for_user(request.user, pk)
    if record.outcome != ReceptionRecord.Outcome.REFUSED:
        raise Http404
    from gandan.reception.pdf import reception_refusal_pdf_bytes

    return _pdf(reception_refusal_pdf_bytes(record), f"tu-choi-tiep-{record.pk}-mau-01-tcd.pdf")


@require_safe
@login_required
def record_receipt_pdf(request, pk: int):
    """Form 02/TCD, the receipt for the documents the citizen handed in."""
    require_perm(request.user, VIEW)
    record = reception_record_get_for_user(request.user, pk)
    if not record.documents_received:
        raise Http404
    from gandan.reception.pdf import reception_receipt_pdf_bytes

    return _pdf(reception_receipt_pdf_bytes(record), f"bien-nhan-{record.pk}-mau-02-tcd.pdf")
