"""Staff pages of the periodic mass-mobilisation report: the list, starting a report, and its page — the figures
section by section (each opens the records behind it), the narrative the officer writes, the actions its state
allows the reader (recompute, submit; approve or return), and the Word report with its Excel annex."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gandan.accounts.rules import Perm
from gandan.errors import DomainError
from gandan.kit.downloads import generated_file
from gandan.mobilization.forms_reports import NarrativeForm, ReportFilterForm, ReportNewForm, ReturnForm
from gandan.mobilization.selectors.reports import (
    report_get_for_user,
    report_history,
    report_list,
    report_narrative,
    report_sections_shown,
    report_units_for_user,
    report_years,
)
from gandan.mobilization.services import reports as services
from gandan.web import form_add_domain_error, paginate, require_perm

VIEW, MANAGE, APPROVE = Perm.MOBILIZATION_VIEW, Perm.MOBILIZATION_MANAGE, Perm.REPORTS_APPROVE


@require_safe
@login_required
def report_list_page(request):
    require_perm(request.user, VIEW)
    form = ReportFilterForm(request.GET or None, years=report_years(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    rows = report_list(
        request.user,
        query=data.get("q") or "",
        period_kind=data.get("period_kind") or "",
        state=data.get("state") or "",
        year=data.get("year"),
    )
    context = {
        "form": form,
        "filtered": any(data.get(k) for k in ("q", "period_kind", "state", "year")),
        "can_create": request.user.can(MANAGE),
        **paginate(request, rows),
    }
    for row in context["page_obj"].object_list:
        row.title = services.report_title(row)
    return render(request, "mobilization/reports_list.html", context)


def _last_month() -> tuple[int, int]:
    first = timezone.localdate().replace(day=1)
    previous = (
        first.replace(year=first.year - 1, month=12)
        if first.month == 1
        else first.replace(month=first.month - 1)
    )
    return previous.year, previous.month


@require_http_methods(["GET", "POST"])
@login_required
def report_new(request):
    require_perm(request.user, MANAGE)
    units = report_units_for_user(request.user)
    year, month = _last_month()
    initial = {"unit": request.user.unit_id, "period_kind": "month", "year": year, "month": month}
    form = ReportNewForm(request.POST or None, units=units, initial=initial)
    existing = None
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(**form.service_arguments(), by=request.user)
        except services.ReportExists as error:
            existing = error.report
            form.add_error(None, str(error.message))
        except DomainError as error:
            form_add_domain_error(form, error, rename=form.error_field)
        else:
            messages.success(
                request, _("The report was started and its figures computed. Write its sections next.")
            )
            return redirect("mobilization:report", pk=report.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request, "mobilization/reports_new.html", {"form": form, "existing": existing}, status=status
    )


def _detail(request, report, *, narrative_form=None, return_form=None, status: int = 200):
    user = request.user
    draft, submitted = report.state == report.State.DRAFT, report.state == report.State.SUBMITTED
    can_manage, can_approve = user.can(MANAGE), user.can(APPROVE)
    if narrative_form is None and draft and can_manage:
        narrative_form = NarrativeForm(initial={"number": report.number, **(report.narrative or {})})
    if return_form is None and submitted and can_approve:
        return_form = ReturnForm()
    context = {
        "report": report,
        "title": services.report_title(report),
        "sections": report_sections_shown(report),
        "narrative": report_narrative(report),
        "narrative_form": narrative_form if draft and can_manage else None,
        "return_form": return_form if submitted and can_approve else None,
        "can_refresh": draft and can_manage,
        "can_submit": draft and can_manage,
        "can_approve": submitted and can_approve,
        "history": report_history(report),
        "is_province": any("communes" in f for s in report.figures or [] for f in s["figures"]),
    }
    return render(request, "mobilization/reports_detail.html", context, status=status)


@require_safe
@login_required
def report_detail(request, pk: int):
    require_perm(request.user, VIEW)
    return _detail(request, report_get_for_user(request.user, pk))


@require_POST
@login_required
def report_write(request, pk: int):
    report = report_get_for_user(request.user, pk)
    require_perm(request.user, MANAGE)
    form = NarrativeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.report_write(
                report=report,
                narrative={key: data.get(key) or "" for key in NarrativeForm.SECTIONS},
                number=data.get("number") or "",
                by=request.user,
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The report's sections were saved."))
            return redirect("mobilization:report", pk=report.pk)
    return _detail(request, report, narrative_form=form, status=422)


def _act(request, pk: int, act, done: str):
    report = report_get_for_user(request.user, pk)
    try:
        act(report=report, by=request.user)
    except DomainError as error:
        messages.error(request, " ".join(m for messages_ in error.errors.values() for m in messages_))
    else:
        messages.success(request, done)
    return redirect("mobilization:report", pk=report.pk)


@require_POST
@login_required
def report_refresh(request, pk: int):
    return _act(request, pk, services.report_refresh, _("The figures were computed again from today's data."))


@require_POST
@login_required
def report_submit(request, pk: int):
    return _act(
        request, pk, services.report_submit, _("The report was submitted to the leader for approval.")
    )


@require_POST
@login_required
def report_approve(request, pk: int):
    return _act(
        request, pk, services.report_approve, _("The report was approved; its figures are now frozen.")
    )


@require_POST
@login_required
def report_return(request, pk: int):
    report = report_get_for_user(request.user, pk)
    require_perm(request.user, APPROVE)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.report_return(report=report, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The report was returned to its drafter."))
            return redirect("mobilization:report", pk=report.pk)
    return _detail(request, report, return_form=form, status=422)


def _export(request, pk: int, kind: str):
    require_perm(request.user, VIEW)
    report = report_get_for_user(request.user, pk)
    content, filename, content_type = services.report_export(report=report, kind=kind, by=request.user)
    return generated_file(content, filename=filename, content_type=content_type)


@require_safe
@login_required
def report_docx(request, pk: int):
    return _export(request, pk, "docx")


@require_safe
@login_required
def report_xlsx(request, pk: int):
    return _export(request, pk, "xlsx")


urlpatterns: list = [
    path("reports/", report_list_page, name="reports"),
    path("reports/new/", report_new, name="report_new"),
    path("reports/<int:pk>/", report_detail, name="report"),
    path("reports/<int:pk>/write/", report_write, name="report_write"),
    path("reports/<int:pk>/refresh/", report_refresh, name="report_refresh"),
    path("reports/<int:pk>/submit/", report_submit, name="report_submit"),
    path("reports/<int:pk>/approve/", report_approve, name="report_approve"),
    path("reports/<int:pk>/return/", report_return, name="report_return"),
    path("reports/<int:pk>/report.docx", report_docx, name="report_docx"),
    path("reports/<int:pk>/annex.xlsx", report_xlsx, name="report_xlsx"),
]
