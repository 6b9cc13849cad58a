"""Staff pages of the mobilisation activities: the list (filters, search without diacritics, sort, pages) and its
Excel export, recording an activity of any kind on one form, its page, and correcting it. Reading needs
"mobilization.view", recording "mobilization.manage"; everything stays inside the officer's units (404 outside)."""

from collections.abc import Iterator
from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from gandan.audit.services import event_record
from gandan.errors import DomainError
from gandan.kit.communes import add_commune_filter, commune_paths
from gandan.kit.downloads import generated_file
from gandan.kit.idempotency import create_once, once_per_token
from gandan.mobilization.forms_activities import CONTENT_LABELS, KIND_HELP, ActivityFilterForm, ActivityForm
from gandan.mobilization.models import Activity
from gandan.mobilization.selectors.activities import (
    EXPORT_MAX,
    ActivityCounts,
    ActivityFilter,
    activity_export_rows,
    activity_get_for_user,
    activity_list,
    activity_summary,
    activity_villages,
    teams_for_user,
    villages_for_user,
)
from gandan.mobilization.services.activities import activity_record, activity_update
from gandan.units.selectors import communes_for_user
from gandan.web import form_add_domain_error, paginate, require_perm

VIEW, MANAGE = "mobilization.view", "mobilization.manage"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILTERED = ("q", "kind", "team", "village", "unit", "date_from", "date_to")


def _filter_form(request) -> tuple[ActivityFilterForm, bool]:
    user = request.user
    form = ActivityFilterForm(
        request.GET or None, teams=teams_for_user(user), villages=villages_for_user(user)
    )
    show_commune = add_commune_filter(form, communes_for_user(user))
    return form, show_commune


TAB_LABELS = {
    "": gettext_lazy("All"),
    Activity.Kind.MEETING: gettext_lazy("Monthly meetings"),
    Activity.Kind.CAMPAIGN: gettext_lazy("Campaigns"),
    Activity.Kind.MEDIATION: gettext_lazy("Mediation cases"),
    Activity.Kind.NOTE: gettext_lazy("What people are saying"),
}


def _kind_tabs(request, summary: ActivityCounts, current: str) -> list[dict]:
    """A tab per kind with its count, keeping the other filters (and leaving the page)."""
    tabs = []
    for kind, label in TAB_LABELS.items():
        params = request.GET.copy()
        params.pop("page", None)
        params.pop("kind", None)
        if kind:
            params["kind"] = kind
        value = summary.by_kind.get(kind, 0) if kind else summary.total
        tabs.append({"label": label, "value": value, "query": params.urlencode(), "current": kind == current})
    return tabs


def _filters(data: dict) -> ActivityFilter:
    return ActivityFilter(
        kind=data.get("kind") or "",
        team=data.get("team"),
        village=data.get("village"),
        commune_paths=commune_paths(data.get("unit")),
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        q=data.get("q") or "",
        order=data.get("order") or "-held_on",
    )


@require_safe
@login_required
def activity_list_page(request):
    require_perm(request.user, VIEW)
    form, show_commune = _filter_form(request)
    data = form.cleaned_data if form.is_valid() else {}
    filters = _filters(data)
    rows = activity_list(request.user, filters)
    # The tabs count every kind within the other filters; the table shows the chosen kind.
    summary = activity_summary(activity_list(request.user, replace(filters, kind="")))
    context = {
        "form": form,
        "filtered": filters.used,
        "can_manage": request.user.can(MANAGE),
        "export_query": request.GET.urlencode(),
        "show_commune": show_commune,
        "summary": summary,
        "kind_tabs": _kind_tabs(request, summary, filters.kind),
        **paginate(request, rows),
    }
    return render(request, "mobilization/activities_list.html", context)


@require_safe
@login_required
def activities_export(request):
    """The list as filtered, as .xlsx (a mediation case: its title and result only)."""
    from gandan.mobilization.excel_activities import activities_bytes

    require_perm(request.user, VIEW)
    form, _show = _filter_form(request)
    if request.GET and not form.is_valid():
        return HttpResponse(
            " ".join(str(e) for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    data = form.cleaned_data if request.GET else {}
    filters = _filters(data)
    rows = activity_list(request.user, filters)
    if rows.order_by()[: EXPORT_MAX + 1].count() > EXPORT_MAX:
        return HttpResponse(
            _("More than %(n)s activities: narrow the dates or choose a commune.") % {"n": EXPORT_MAX},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    count = 0

    def counted() -> Iterator:
        nonlocal count
        for row in activity_export_rows(rows):
            count += 1
            yield row

    unit = data.get("unit") or request.user.unit
    content = activities_bytes(
        counted(), unit_name=unit.display_name if unit else "", start=filters.date_from, end=filters.date_to
    )
    event_record(
        actor=request.user,
        action="mobilization.activities_export",
        unit=request.user.unit,
        details={"kind": filters.kind, "rows": count},
    )
    today = timezone.localdate()
    return generated_file(content, filename=f"hoat-dong-dan-van-{today:%Y-%m-%d}.xlsx", content_type=XLSX)


def _form_context(form: ActivityForm, **extra) -> dict:
    return {
        "form": form,
        "sections": {name: " ".join(kinds) for name, kinds in ActivityForm.SECTIONS.items()},
        "content_labels": {str(kind): str(label) for kind, label in CONTENT_LABELS.items()},
        "kind_help": {str(kind): str(text) for kind, text in KIND_HELP.items()},
        **extra,
    }


def _service_args(data: dict) -> dict:
    return {
        "held_on": data["held_on"],
        "title": data.get("title") or "",
        "content": data.get("content") or "",
        "team": data.get("team"),
        "villages": list(data.get("villages") or []),
        "people_reached": data.get("people_reached"),
        "attendees": data.get("attendees"),
        "outcome": data.get("outcome") or "",
        "mediation_result": data.get("mediation_result") or "",
    }


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def activity_new(request):
    require_perm(request.user, MANAGE)
    user = request.user
    initial = {"held_on": timezone.localdate(), "kind": request.GET.get("kind") or Activity.Kind.MEETING}
    if initial["kind"] not in Activity.Kind.values:
        initial["kind"] = Activity.Kind.MEETING
    form = ActivityForm(
        request.POST or None,
        initial=initial,
        teams=teams_for_user(user, current=True),
        villages=villages_for_user(user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            activity = create_once(
                request,
                lambda: activity_record(commune=user.unit, kind=data["kind"], by=user, **_service_args(data)),
                url=lambda a: reverse("mobilization:activity", args=[a.pk]),
            )
        except DomainError as error:
            form_add_domain_error(form, error, rename={"commune": None})
        else:
            messages.success(request, _("The activity was recorded."))
            return redirect("mobilization:activity", pk=activity.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "mobilization/activities_form.html", _form_context(form), status=status)


@require_safe
@login_required
def activity_detail(request, pk: int):
    require_perm(request.user, VIEW)
    activity = activity_get_for_user(request.user, pk)
    context = {
        "activity": activity,
        "villages": activity_villages(activity),
        "can_manage": request.user.can(MANAGE),
        "content_label": CONTENT_LABELS.get(activity.kind) or _("Content"),
    }
    return render(request, "mobilization/activities_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def activity_edit(request, pk: int):
    require_perm(request.user, MANAGE)
    user = request.user
    activity = activity_get_for_user(user, pk)
    initial = {
        "kind": activity.kind,
        "held_on": activity.held_on,
        "team": activity.team,
        "title": activity.title,
        "content": activity.content,
        "attendees": activity.attendees,
        "villages": activity_villages(activity),
        "people_reached": activity.people_reached,
        "mediation_result": activity.mediation_result,
        "outcome": activity.outcome,
    }
    teams = teams_for_user(user)  # the activity's own team stays choosable after the team was dissolved
    form = ActivityForm(
        request.POST or None, initial=initial, teams=teams, villages=villages_for_user(user), kind_fixed=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity_update(activity=activity, by=user, **_service_args(form.cleaned_data))
        except DomainError as error:
            form_add_domain_error(form, error, rename={"commune": None})
        else:
            messages.success(request, _("The activity was corrected."))
            return redirect("mobilization:activity", pk=activity.pk)
    status = 422 if request.method == "POST" else 200
    context = _form_context(form, activity=activity)
    return render(request, "mobilization/activities_form.html", context, status=status)


urlpatterns = [
    path("activities/", activity_list_page, name="activities"),
    path("activities/new/", activity_new, name="activity_new"),
    path("activities/export/", activities_export, name="activities_export"),
    path("activities/<int:pk>/", activity_detail, name="activity"),
    path("activities/<int:pk>/edit/", activity_edit, name="activity_edit"),
]
