"""The board: rising issues first (with the communes side by side for a province viewer), its Excel export, the
trends by topic over the weeks, and the villages with their open issues."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_safe

from gandan.audit.services import event_record
from gandan.kit.communes import add_commune_filter
from gandan.kit.downloads import generated_file
from gandan.opinion import board_queries as q
from gandan.opinion.forms import BoardFilterForm, PlaceFilterForm
from gandan.opinion.selectors.board import board_villages
from gandan.units.models import Unit
from gandan.units.selectors import communes_for_user
from gandan.web import paginate, require_perm

VIEW, MANAGE = "opinion.view", "opinion.manage"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_MAX = 5000


def _board_form(request):
    form = BoardFilterForm(request.GET or None)
    communes = communes_for_user(request.user)
    show_commune = add_commune_filter(form, communes)
    chosen = None
    if show_commune and request.GET.get("unit", "").isdigit():
        chosen = communes.filter(pk=int(request.GET["unit"])).first()
    villages = Unit.objects.none()
    if chosen is not None or not show_commune:
        villages = board_villages(request.user, chosen)
    form.set_villages(villages)
    data = form.cleaned_data if form.is_valid() else {}
    return form, data, show_commune, communes


@require_safe
@login_required
def board(request):
    require_perm(request.user, VIEW)
    form, data, show_commune, communes = _board_form(request)
    rows = q.board_rows(request.user, data)
    context = {
        "form": form,
        "filtered": any(data.get(k) for k in ("q", "topic", "village", "alert", "period", "unit"))
        or data.get("status") not in (None, "", "open"),
        "show_commune": show_commune,
        "can_edit_topics": request.user.can("topics.edit"),
        "export_query": request.GET.urlencode(),
        **paginate(request, rows),
    }
    q.places_named(context["page_obj"].object_list)
    if show_commune:
        table = q.communes_side_by_side(request.user, communes)
        context["communes"] = [r for r in table if r["open"] or r["signals"]]
        context["communes_quiet"] = len(table) - len(context["communes"])
    return render(request, "opinion/board.html", context)


@require_safe
@login_required
def board_export(request):
    """The board's list as it is filtered, as .xlsx (titles and counts; no signal's text)."""
    from gandan.opinion.excel import board_bytes

    require_perm(request.user, VIEW)
    form, data, _show, _communes = _board_form(request)
    if request.GET and not form.is_valid():
        return HttpResponse(
            " ".join(str(e) for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    issues = list(q.board_rows(request.user, data)[:EXPORT_MAX])
    q.places_named(issues)
    today = timezone.localdate()
    content = board_bytes(issues, subtitle=f"{request.user.unit.name} — ngày {today:%d/%m/%Y}")
    event_record(
        actor=request.user,
        action="opinion.board_export",
        unit=request.user.unit,
        details={"rows": len(issues), "filters": request.GET.urlencode()[:300]},
    )
    return generated_file(content, filename=f"van-de-du-luan-{today:%Y-%m-%d}.xlsx", content_type=XLSX)


@require_safe
@login_required
def trends(request):
    require_perm(request.user, VIEW)
    form = PlaceFilterForm(request.GET or None)
    del form.fields["q"]
    show_commune = add_commune_filter(form, communes_for_user(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    context = {
        "form": form,
        "show_commune": show_commune,
        "can_edit_topics": request.user.can("topics.edit"),
        **q.topic_trends(request.user, commune=data.get("unit")),
    }
    return render(request, "opinion/trends.html", context)


@require_safe
@login_required
def villages(request):
    require_perm(request.user, VIEW)
    form = PlaceFilterForm(request.GET or None)
    show_commune = add_commune_filter(form, communes_for_user(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    rows = q.villages_for_user(request.user, commune=data.get("unit"), query=data.get("q", ""))
    context = {
        "form": form,
        "show_commune": show_commune,
        "filtered": bool(data.get("q") or data.get("unit")),
        "can_edit_topics": request.user.can("topics.edit"),
    }
    context.update(paginate(request, rows))
    q.village_issues(request.user, context["page_obj"].object_list)
    return render(request, "opinion/villages.html", context)


urlpatterns = [
    path("", board, name="board"),
    path("export/", board_export, name="board_export"),
    path("trends/", trends, name="trends"),
    path("villages/", villages, name="villages"),
]
