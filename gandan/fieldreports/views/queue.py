"""The officers' queue of field reports at /staff/fieldreports/: the worklists with their counts (new to triage,
mine, open, overdue, closed, all), the filters, the sort, the pages, and the filtered list as .xlsx."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from gandan.accounts.rules import Perm
from gandan.audit.services import event_record
from gandan.fieldreports.staff_forms import QueueFilterForm
from gandan.fieldreports.staff_selectors import (
    QueueFilter,
    Worklist,
    filter_categories,
    report_queue,
    villages_for_user,
    worklist_counts,
)
from gandan.kit.communes import add_commune_filter, commune_paths
from gandan.kit.downloads import generated_file
from gandan.units.selectors import communes_for_user
from gandan.web import paginate, require_perm

SEARCH_COUNT_CAP = 1_000
EXPORT_MAX = 20_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WORKLIST_LABELS = {
    Worklist.NEW: gettext_lazy("New (to triage)"),
    Worklist.MINE: gettext_lazy("Mine"),
    Worklist.OPEN: gettext_lazy("All open"),
    Worklist.OVERDUE: gettext_lazy("Overdue"),
    Worklist.CLOSED: gettext_lazy("Closed"),
    Worklist.ALL: gettext_lazy("All"),
}


def _filters(request):
    form = QueueFilterForm(
        request.GET or None, categories=filter_categories(), villages=villages_for_user(request.user)
    )
    show_commune = add_commune_filter(form, communes_for_user(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    filters = QueueFilter(
        worklist=data.get("worklist") or Worklist.OPEN,
        category=data.get("category"),
        status=data.get("status") or "",
        village=data.get("village"),
        commune_paths=commune_paths(data.get("unit")),
        received_from=data.get("received_from"),
        received_to=data.get("received_to"),
        q=(data.get("q") or "").strip(),
        order=data.get("order") or "-received",
    )
    return form, filters, show_commune


@require_safe
@login_required
def report_list(request):
    require_perm(request.user, Perm.FIELDREPORTS_VIEW)
    form, filters, show_commune = _filters(request)
    counts = worklist_counts(request.user)
    tabs = [
        {"key": k, "label": WORKLIST_LABELS[k], "count": counts[k], "active": k == filters.worklist}
        for k in Worklist.CHOICES
    ]
    used = any(
        (filters.category, filters.status, filters.village, filters.commune_paths, filters.received_from)
    ) or bool(filters.received_to or filters.q)
    context = {
        "form": form,
        "tabs": tabs,
        "current": filters.worklist,
        "filtered": used,
        "today": timezone.localdate(),
        "show_commune": show_commune,
        "export_query": request.GET.urlencode(),
        **paginate(
            request, report_queue(request.user, filters), count_cap=SEARCH_COUNT_CAP if filters.q else None
        ),
    }
    return render(request, "fieldreports/list.html", context)


@require_safe
@login_required
def report_export(request):
    """The list as it is filtered, as .xlsx: what and where, never the reporter's contacts."""
    from gandan.fieldreports.excel import queue_bytes

    require_perm(request.user, Perm.FIELDREPORTS_VIEW)
    form, filters, _show = _filters(request)
    if request.GET and not form.is_valid():
        return HttpResponse(
            " ".join(str(e) for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    reports = list(report_queue(request.user, filters)[:EXPORT_MAX])
    today = timezone.localdate()
    unit = request.user.unit.name if request.user.unit else ""
    content = queue_bytes(reports, subtitle=f"{unit} — ngày {today:%d/%m/%Y}")
    event_record(
        actor=request.user,
        action="fieldreports.export",
        unit=request.user.unit,
        details={"rows": len(reports), "filters": request.GET.urlencode()[:300]},
    )
    return generated_file(content, filename=f"phan-anh-hien-truong-{today:%Y-%m-%d}.xlsx", content_type=XLSX)


urlpatterns = [
    path("", report_list, name="list"),
    path("export/", report_export, name="export"),
]
