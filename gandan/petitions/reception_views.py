"""Staff pages of citizen reception (tiếp công dân, DOMAIN.md §5): the leaders' reception days and their compliance
with the statutory minimums, the reception book (Form 03/TCD) with its Excel export and printable forms, notices of
conclusions and their tasks.

Reading needs "petitions.view", changing "reception.manage"; everything stays inside the officer's units (404
outside). `urlpatterns` is included in the petitions URLconf (namespace "petitions"), all under "reception/".
"""

import datetime as dt
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gandan.accounts.rules import Perm, Role
from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.audit.services import event_record
from gandan.core.citizen_id import mask_citizen_id
from gandan.core.vntext import matches
from gandan.core.workdays import add_working_days
from gandan.errors import DomainError
from gandan.petitions.models import ConclusionNotice, ReceptionDay, ReceptionRecord, Task
from gandan.petitions.reception_forms import (
    MAX_TASK_ROWS,
    BookFilterForm,
    CancelForm,
    ComplianceForm,
    ConclusionForm,
    DayFilterForm,
    DayScheduleForm,
    FollowUpForm,
    RecordForm,
    TaskDoneForm,
    TaskFilterForm,
    TaskRowForm,
    month_bounds,
)
from gandan.petitions.services import reception as services
from gandan.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit
from gandan.web import paginate, require_perm
from gandan.workcalendar.selectors import work_calendar

VIEW, MANAGE, HANDLE = Perm.PETITIONS_VIEW, Perm.RECEPTION_MANAGE, Perm.PETITIONS_HANDLE
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_BOOK_DAYS = 366
MAX_SEARCHED = (
    5000  # the book is searched in Python (folded text): a commune writes a few hundred lines a year
)
REFUSAL_NOTICE_WORKING_DAYS = 3  # Form 01/TCD within 3 working days (Law Art. 9; Decree 154/2026 Art. 4)


def _errors_to_form(form, error: DomainError, *, rows: list | None = None) -> None:
    """Show every problem a service reported next to its field; "tasks.<i>.<field>" go to task row <i>."""
    found = getattr(error, "errors", None) or {error.field: str(error.message)}
    for name, message in found.items():
        parts = (name or "").split(".")
        if rows is not None and len(parts) == 3 and parts[0] == "tasks" and parts[1].isdigit():
            index = int(parts[1])
            if index < len(rows) and parts[2] in rows[index].fields:
                rows[index].add_error(parts[2], message)
                continue
        form.add_error(name if name in form.fields else None, message)


def _days(user):
    return scoped(ReceptionDay.objects.all(), user, path_field="unit_path").select_related("leader", "unit")


def _records(user):
    return scoped(ReceptionRecord.objects.all(), user, path_field="unit_path").select_related(
        "officer", "petition", "petition__unit", "reception_day", "reception_day__leader", "unit"
    )


def _leaders_of(unit):
    from gandan.accounts.models import User

    return (
        User.objects.filter(
            is_active=True, unit=unit, roles__role__in=[Role.UNIT_LEADER, Role.PARTY_SECRETARY]
        )
        .distinct()
        .order_by("full_name", "username")
    )


def _day_get(user, pk) -> ReceptionDay:
    return get_scoped_or_404(
        ReceptionDay.objects.select_related("leader", "unit"), user, path_field="unit_path", pk=pk
    )


def _record_get(user, pk) -> ReceptionRecord:
    return get_scoped_or_404(
        ReceptionRecord.objects.select_related(
            "officer", "petition", "petition__unit", "reception_day", "reception_day__leader", "unit"
        ),
        user,
        path_field="unit_path",
        pk=pk,
    )


# --- Reception days ------------------------------------------------------------------------------------------------


@require_safe
@login_required
def day_list(request):
    require_perm(request.user, VIEW)
    today = timezone.localdate()
    rows = _days(request.user)
    from gandan.accounts.models import User

    leaders = User.objects.filter(pk__in=rows.values("leader")).order_by("full_name", "username")
    form = DayFilterForm(request.GET or None, leaders=leaders)
    data = form.cleaned_data if form.is_valid() else {}
    show = data.get("show") or "upcoming"
    if data.get("leader"):
        rows = rows.filter(leader=data["leader"])
    if data.get("month"):
        first, last = month_bounds(data["month"])
        rows = rows.filter(day__gte=first, day__lte=last)
    counts = {"upcoming": rows.filter(day__gte=today).count(), "past": rows.filter(day__lt=today).count()}
    counts["all"] = counts["upcoming"] + counts["past"]
    unmarked = rows.filter(day__lt=today, held=False, cancelled_reason="").count()
    if show == "upcoming":
        rows = rows.filter(day__gte=today)
    elif show == "past":
        rows = rows.filter(day__lt=today)
    order = data.get("order") or ("day" if show == "upcoming" else "-day")
    rows = rows.order_by(order, "leader__full_name", "id")
    labels = {"upcoming": _("Upcoming"), "past": _("Past"), "all": _("All")}
    tabs = [{"key": k, "label": labels[k], "count": counts[k], "active": k == show} for k in labels]
    context = {
        "form": form,
        "tabs": tabs,
        "show": show,
        "today": today,
        "unmarked": unmarked,
        "can_manage": request.user.can(MANAGE),
        "filtered": bool(data.get("leader") or data.get("month")),
        **paginate(request, rows),
    }
    return render(request, "petitions/reception/days.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def day_new(request):
    require_perm(request.user, MANAGE)
    unit = request.user.unit
    form = DayScheduleForm(request.POST or None, leaders=_leaders_of(unit))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            day = services.reception_day_schedule(
                unit=unit,
                leader=data["leader"],
                leader_kind=data["leader_kind"],
                day=data["day"],
                place=data["place"],
                ad_hoc=data["ad_hoc"],
                ad_hoc_reason=data["ad_hoc_reason"],
                by=request.user,
            )
        except DomainError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("Reception day of %(who)s on %(day)s scheduled.")
                % {"who": day.leader, "day": day.day.strftime("%d/%m/%Y")},
            )
            return redirect("petitions:reception_day", pk=day.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "petitions/reception/day_form.html",
        {"form": form, "minimums": services.MINIMUMS},
        status=status,
    )


@require_safe
@login_required
def day_detail(request, pk: int):
    require_perm(request.user, VIEW)
    day = _day_get(request.user, pk)
    today = timezone.localdate()
    status = services.day_status(day)
    can_manage = request.user.can(MANAGE)
    context = {
        "day": day,
        "status": status,
        "today": today,
        "can_manage": can_manage,
        "records": _records(request.user).filter(reception_day=day).order_by("at", "id"),
        "conclusions": day.conclusions.prefetch_related("tasks"),
        "can_hold": can_manage and status == "scheduled" and day.day <= today,
        "can_cancel": can_manage and status == "scheduled",
        "can_conclude": can_manage and status == "held",
        "can_record": can_manage and status != "cancelled" and day.day <= today,
    }
    return render(request, "petitions/reception/day_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def day_held(request, pk: int):
    """Confirm, then mark the day as held."""
    require_perm(request.user, MANAGE)
    day = _day_get(request.user, pk)
    if request.method == "POST":
        try:
            services.reception_day_held(day, by=request.user)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The reception day was marked as held."))
        return redirect("petitions:reception_day", pk=day.pk)
    return render(request, "petitions/reception/day_confirm.html", {"day": day, "action": "held"})


@require_http_methods(["GET", "POST"])
@login_required
def day_cancel(request, pk: int):
    require_perm(request.user, MANAGE)
    day = _day_get(request.user, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reception_day_cancel(day, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The reception day was cancelled."))
            return redirect("petitions:reception_day", pk=day.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "petitions/reception/day_confirm.html",
        {"day": day, "action": "cancel", "form": form},
        status=status,
    )


# --- Compliance with the minimums ---------------------------------------------------------------------------------


@require_safe
@login_required
def compliance(request):
    require_perm(request.user, VIEW)
    today = timezone.localdate()
    units = scoped(
        Unit.objects.current().filter(kind__in=[*COMMUNE_KINDS, *PROVINCE_KINDS]),
        request.user,
        path_field="path",
    ).order_by("path")
    form = ComplianceForm(request.GET or None, units=units, initial={"year": today.year})
    data = form.cleaned_data if form.is_valid() else {}
    year = data.get("year") or today.year
    unit = data.get("unit") or request.user.unit
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = services.compliance_for_unit(unit, start=start, end=end, today=today)
    has_days = ReceptionDay.objects.filter(unit=unit, day__gte=start, day__lte=end).exists()
    context = {
        "form": form,
        "unit": unit,
        "year": year,
        "rows": rows,
        "has_days": has_days,
        "today": today,
        "minimums": services.MINIMUMS,
        "can_manage": request.user.can(MANAGE),
    }
    return render(request, "petitions/reception/compliance.html", context)


# --- The reception book --------------------------------------------------------------------------------------------


def _book_rows(user, data: dict):
    rows = _records(user)
    if data.get("date_from"):
        rows = rows.filter(at__date__gte=data["date_from"])
    if data.get("date_to"):
        rows = rows.filter(at__date__lte=data["date_to"])
    if data.get("kind"):
        rows = rows.filter(kind=data["kind"])
    if data.get("outcome"):
        rows = rows.filter(outcome=data["outcome"])
    query = "".join(ch for ch in data.get("q", "") if ch.isprintable()).strip()
    if query:
        # Without diacritics: "tranh chap dat" finds "Tranh chấp đất". A protected record's name is its label,
        # so no search can find a denunciator by name.
        candidates = rows.order_by("-at").values_list("pk", "citizen_name", "content")[:MAX_SEARCHED]
        rows = rows.filter(
            pk__in=[pk for pk, name, content in candidates if matches(query, f"{name} {content}")]
        )
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
    data = form.cleaned_data if form.is_valid() else {}
    rows = _book_rows(request.user, data)
    filtered = any(data.get(k) for k in ("q", "date_from", "date_to", "kind", "outcome"))
    context = {
        "form": form,
        "filtered": filtered,
        "can_manage": request.user.can(MANAGE),
        "export_query": request.GET.urlencode(),
        **paginate(request, rows),
    }
    for record in context["page_obj"]:
        record.id_masked = "" if record.protected else mask_citizen_id(record.id_number)
    return render(request, "petitions/reception/book.html", context)


@require_safe
@login_required
def book_export(request):
    """Form 03/TCD as .xlsx, with the book's filters; the period defaults to the current month (at most a year)."""
    from gandan.petitions.excel import reception_book_bytes

    require_perm(request.user, VIEW)
    form = BookFilterForm(request.GET or None)
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
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="so-tiep-cong-dan-{start:%Y-%m-%d}-{end:%Y-%m-%d}.xlsx"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


RECORD_DAYS_BACK = 31


def _record_days(user):
    """The days a record can be written on: the officer's unit's days of the last month up to today, not
    cancelled (a record may be written up after the session; its time must fall on the day)."""
    today = timezone.localdate()
    return (
        _days(user)
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
        try:
            record = services.reception_record_add(
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
                by=request.user,
            )
        except DomainError as error:
            _errors_to_form(form, error)
        else:
            text = _("The reception was written in the book.")
            if record.petition_id:
                text += " " + _("Petition %(code)s was created.") % {"code": record.petition.code}
            messages.success(request, text)
            return redirect("petitions:reception_record", pk=record.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "petitions/reception/record_form.html", {"form": form}, status=status)


@require_safe
@login_required
def record_detail(request, pk: int):
    require_perm(request.user, VIEW)
    record = _record_get(request.user, pk)
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
    return render(request, "petitions/reception/record_detail.html", context, status=status)


@require_POST
@login_required
def record_follow_up(request, pk: int):
    require_perm(request.user, MANAGE)
    record = _record_get(request.user, pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.reception_record_follow_up(record, by=request.user, text=form.cleaned_data["follow_up"])
        except DomainError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The follow-up was saved."))
            return redirect("petitions:reception_record", pk=record.pk)
    return _record_page(request, record, form, status=422)


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # personal data
    return response


@require_safe
@login_required
def record_refusal_pdf(request, pk: int):
    """Form 01/TCD, the notice refusing the reception."""
    require_perm(request.user, VIEW)
    record = _record_get(request.user, pk)
    if record.outcome != ReceptionRecord.Outcome.REFUSED:
        raise Http404
    from gandan.petitions.pdf import reception_refusal_pdf_bytes

    return _pdf(reception_refusal_pdf_bytes(record), f"tu-choi-tiep-{record.pk}-mau-01-tcd.pdf")


@require_safe
@login_required
def record_receipt_pdf(request, pk: int):
    """Form 02/TCD, the receipt for the documents the citizen handed in."""
    require_perm(request.user, VIEW)
    record = _record_get(request.user, pk)
    if not record.documents_received:
        raise Http404
    from gandan.petitions.pdf import reception_receipt_pdf_bytes

    return _pdf(reception_receipt_pdf_bytes(record), f"bien-nhan-{record.pk}-mau-02-tcd.pdf")


# --- Notices of conclusions and their tasks -------------------------------------------------------------------------


def _task_rows(data, count: int) -> list[TaskRowForm]:
    return [TaskRowForm(data, prefix=f"task-{i}") for i in range(count)]


@require_http_methods(["GET", "POST"])
@login_required
def conclusion_new(request, pk: int):
    """The notice with up to five task rows. Without JavaScript: "Add a task row" posts the form back with one more
    row, keeping what was typed and saving nothing."""
    require_perm(request.user, MANAGE)
    day = _day_get(request.user, pk)
    if services.day_status(day) != "held":
        messages.error(
            request, _("Mark the reception day as held before issuing the notice of its conclusions.")
        )
        return redirect("petitions:reception_day", pk=day.pk)
    status = 200
    try:
        count = min(max(int(request.POST.get("task_rows", 3)), 1), MAX_TASK_ROWS)
    except ValueError:
        count = 3
    if request.method == "POST" and "add_row" in request.POST:
        count = min(count + 1, MAX_TASK_ROWS)
        form = ConclusionForm(initial=request.POST.dict())
        rows = [
            TaskRowForm(
                initial={
                    k.split("-", 2)[2]: v for k, v in request.POST.items() if k.startswith(f"task-{i}-")
                },
                prefix=f"task-{i}",
            )
            for i in range(count)
        ]
    elif request.method == "POST":
        form, rows = ConclusionForm(request.POST), _task_rows(request.POST, count)
        if all([form.is_valid(), *[r.is_valid() for r in rows]]):
            data = form.cleaned_data
            try:
                notice = services.conclusion_notice_issue(
                    reception_day=day,
                    number=data["number"],
                    issued_on=data["issued_on"],
                    content=data["content"],
                    tasks=[r.cleaned_data for r in rows],
                    by=request.user,
                )
            except DomainError as error:
                _errors_to_form(form, error, rows=rows)
            else:
                messages.success(request, _("Notice %(number)s was issued.") % {"number": notice.number})
                return redirect("petitions:reception_conclusion", pk=notice.pk)
        status = 422
    else:
        form = ConclusionForm(initial={"issued_on": timezone.localdate()})
        rows = [TaskRowForm(prefix=f"task-{i}") for i in range(count)]
    context = {
        "day": day,
        "form": form,
        "rows": rows,
        "task_rows": count,
        "can_add_row": count < MAX_TASK_ROWS,
    }
    return render(request, "petitions/reception/conclusion_form.html", context, status=status)


def _conclusion_get(user, pk) -> ConclusionNotice:
    return get_scoped_or_404(
        ConclusionNotice.objects.select_related(
            "reception_day", "reception_day__leader", "reception_day__unit", "created_by"
        ),
        user,
        path_field="reception_day__unit_path",
        pk=pk,
    )


@require_safe
@login_required
def conclusion_detail(request, pk: int):
    require_perm(request.user, VIEW)
    notice = _conclusion_get(request.user, pk)
    context = {
        "notice": notice,
        "tasks": notice.tasks.all(),
        "today": timezone.localdate(),
        "can_done": request.user.can(HANDLE),
    }
    return render(request, "petitions/reception/conclusion_detail.html", context)


@require_safe
@login_required
def conclusion_pdf(request, pk: int):
    require_perm(request.user, VIEW)
    notice = _conclusion_get(request.user, pk)
    from gandan.petitions.pdf import conclusion_notice_pdf_bytes

    return _pdf(conclusion_notice_pdf_bytes(notice), f"thong-bao-ket-luan-{notice.pk}.pdf")


def _tasks(user):
    return scoped(Task.objects.filter(conclusion__isnull=False), user, path_field="unit_path").select_related(
        "conclusion", "conclusion__reception_day", "conclusion__reception_day__leader"
    )


@require_safe
@login_required
def task_list(request):
    require_perm(request.user, VIEW)
    today = timezone.localdate()
    form = TaskFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    show = data.get("show") or "open"
    rows = _tasks(request.user)
    counts = {
        "open": rows.filter(done_on__isnull=True).count(),
        "overdue": rows.filter(done_on__isnull=True, due__lt=today).count(),
    }
    rows = {
        "open": rows.filter(done_on__isnull=True),
        "overdue": rows.filter(done_on__isnull=True, due__lt=today),
        "done": rows.filter(done_on__isnull=False),
        "all": rows,
    }[show]
    query = "".join(ch for ch in data.get("q", "") if ch.isprintable()).strip()
    if query:
        candidates = rows.values_list("pk", "title", "responsible_body")[:MAX_SEARCHED]
        rows = rows.filter(pk__in=[pk for pk, title, body in candidates if matches(query, f"{title} {body}")])
    orders = {
        "due": ["due", "id"],
        "-due": ["-due", "-id"],
        "-issued": ["-conclusion__issued_on", "due", "id"],
    }
    rows = rows.order_by(*orders.get(data.get("order") or "due", orders["due"]))
    context = {
        "form": form,
        "show": show,
        "counts": counts,
        "today": today,
        "can_done": request.user.can(HANDLE),
        "filtered": bool(query),
        **paginate(request, rows),
    }
    return render(request, "petitions/reception/tasks.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def task_done(request, pk: int):
    require_perm(request.user, HANDLE)
    task = get_scoped_or_404(_tasks(request.user), request.user, path_field="unit_path", pk=pk)
    form = TaskDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        from gandan.petitions.services.handling import petition_task_done

        try:
            petition_task_done(task, by=request.user, result=form.cleaned_data["result"])
        except DomainError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Task “%(title)s” reported as done.") % {"title": task.title})
            return redirect("petitions:reception_tasks")
    status = 422 if request.method == "POST" else 200
    return render(request, "petitions/reception/task_done.html", {"task": task, "form": form}, status=status)


urlpatterns = [
    path("reception/days/", day_list, name="reception_days"),
    path("reception/days/new/", day_new, name="reception_day_new"),
    path("reception/days/<int:pk>/", day_detail, name="reception_day"),
    path("reception/days/<int:pk>/held/", day_held, name="reception_day_held"),
    path("reception/days/<int:pk>/cancel/", day_cancel, name="reception_day_cancel"),
    path("reception/days/<int:pk>/conclusions/new/", conclusion_new, name="reception_conclusion_new"),
    path("reception/compliance/", compliance, name="reception_compliance"),
    path("reception/book/", book, name="reception_book"),
    path("reception/book.xlsx", book_export, name="reception_book_export"),
    path("reception/records/new/", record_new, name="reception_record_new"),
    path("reception/records/<int:pk>/", record_detail, name="reception_record"),
    path("reception/records/<int:pk>/follow-up/", record_follow_up, name="reception_record_follow_up"),
    path("reception/records/<int:pk>/refusal.pdf", record_refusal_pdf, name="reception_refusal_pdf"),
    path("reception/records/<int:pk>/receipt.pdf", record_receipt_pdf, name="reception_receipt_pdf"),
    path("reception/conclusions/<int:pk>/", conclusion_detail, name="reception_conclusion"),
    path("reception/conclusions/<int:pk>/notice.pdf", conclusion_pdf, name="reception_conclusion_pdf"),
    path("reception/tasks/", task_list, name="reception_tasks"),
    path("reception/tasks/<int:pk>/done/", task_done, name="reception_task_done"),
]
