"""Staff pages of citizen reception, the leaders' recurring schedules: the list with each schedule's next dates,
recording a schedule, changing it and ending it. Reading needs "petitions.view", changing "reception.manage"."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gandan.errors import DomainError
from gandan.kit.idempotency import create_once, once_per_token
from gandan.reception import rules
from gandan.reception import services as services
from gandan.reception.forms import ScheduleEndForm, ScheduleForm
from gandan.reception.selectors import (
    reception_leaders_of,
    reception_schedule_get_for_user,
    reception_schedules_for_user,
)
from gandan.reception.views.helpers import MANAGE, VIEW, _errors_to_form
from gandan.web import paginate, require_perm
from gandan.workcalendar.selectors import work_calendar

NEXT_DATES = 3


def _list_url() -> str:
    return reverse("reception:schedules")


@require_safe
@login_required
def schedule_list(request):
    require_perm(request.user, VIEW)
    today = timezone.localdate()
    show = request.GET.get("show") if request.GET.get("show") in ("current", "ended") else "current"
    rows = reception_schedules_for_user(request.user)
    current = rows.exclude(valid_to__lt=today)
    ended = rows.filter(valid_to__lt=today)
    tabs = [
        {"key": "current", "label": _("In force"), "count": current.count(), "active": show == "current"},
        {"key": "ended", "label": _("Ended"), "count": ended.count(), "active": show == "ended"},
    ]
    chosen = (current if show == "current" else ended).order_by("unit__name_search", "leader_kind", "id")
    page = paginate(request, chosen)
    calendar = work_calendar()
    for s in page["page_obj"]:
        s.next_dates = rules.next_occurrences(
            services.schedule_recurrence(s), after=today, count=NEXT_DATES, calendar=calendar
        )
    context = {"tabs": tabs, "show": show, "today": today, "can_manage": request.user.can(MANAGE), **page}
    return render(request, "reception/schedules.html", context)


def _spec(data) -> services.ScheduleSpec:
    return services.ScheduleSpec(
        leader=data.get("leader"),
        leader_kind=data.get("leader_kind") or "",
        frequency=data.get("frequency") or "",
        weekday=data.get("weekday"),
        nth=data.get("nth"),
        month_day=data.get("month_day"),
        session=data.get("session") or "",
        start_time=data.get("start_time"),
        end_time=data.get("end_time"),
        place=data.get("place") or "",
        valid_from=data.get("valid_from"),
        valid_to=data.get("valid_to"),
        note=data.get("note") or "",
    )


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def schedule_new(request):
    require_perm(request.user, MANAGE)
    unit = request.user.unit
    form = ScheduleForm(
        request.POST or None,
        leaders=reception_leaders_of(unit),
        initial={"valid_from": timezone.localdate(), "place": ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            schedule = create_once(  # a form sent twice records one schedule
                request,
                lambda: services.reception_schedule_create(
                    unit=unit, spec=_spec(form.cleaned_data), by=request.user
                ),
                url=lambda s: f"{_list_url()}#schedule-{s.pk}",
            )
        except DomainError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The reception schedule was recorded and its coming days scheduled."))
            return redirect(f"{_list_url()}#schedule-{schedule.pk}")
    status = 422 if request.method == "POST" else 200
    return render(request, "reception/schedule_form.html", {"form": form, "schedule": None}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def schedule_edit(request, pk: int):
    require_perm(request.user, MANAGE)
    schedule = reception_schedule_get_for_user(request.user, pk)
    initial = {
        name: getattr(schedule, name)
        for name in ScheduleForm.base_fields
        if name != "leader" and hasattr(schedule, name)
    }
    initial["leader"] = schedule.leader_id
    form = ScheduleForm(request.POST or None, leaders=reception_leaders_of(schedule.unit), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.reception_schedule_update(
                schedule=schedule, spec=_spec(form.cleaned_data), by=request.user
            )
        except DomainError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request, _("The reception schedule was changed; its coming days follow the change.")
            )
            return redirect(f"{_list_url()}#schedule-{schedule.pk}")
    status = 422 if request.method == "POST" else 200
    return render(
        request, "reception/schedule_form.html", {"form": form, "schedule": schedule}, status=status
    )


@require_http_methods(["GET", "POST"])
@login_required
def schedule_end(request, pk: int):
    require_perm(request.user, MANAGE)
    schedule = reception_schedule_get_for_user(request.user, pk)
    today = timezone.localdate()
    form = ScheduleEndForm(request.POST or None, initial={"last_day": max(today, schedule.valid_from)})
    if request.method == "POST" and form.is_valid():
        try:
            services.reception_schedule_end(
                schedule=schedule, last_day=form.cleaned_data["last_day"], by=request.user
            )
        except DomainError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("The schedule ends on %(day)s.")
                % {"day": form.cleaned_data["last_day"].strftime("%d/%m/%Y")},
            )
            return redirect(
                _list_url() + "?show=" + ("ended" if form.cleaned_data["last_day"] < today else "current")
            )
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "reception/schedule_end.html",
        {"form": form, "schedule": schedule, "today": today, "yesterday": today - dt.timedelta(days=1)},
        status=status,
    )
