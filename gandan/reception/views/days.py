"""Staff pages of citizen reception, the leaders' reception days: the list of days, scheduling a day, its page,
marking it as held or cancelling it, and the compliance of a unit's leaders with the statutory minimums.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gandan.errors import DomainError
from gandan.kit.communes import add_commune_filter, commune_paths
from gandan.kit.idempotency import create_once, once_per_token
from gandan.kit.params import month_bounds
from gandan.reception import services as services
from gandan.reception.forms import (
    CancelForm,
    ComplianceForm,
    DayFilterForm,
    DayScheduleForm,
)
from gandan.reception.selectors import (
    reception_day_get_for_user,
    reception_day_leaders,
    reception_days_exist,
    reception_days_for_user,
    reception_leaders_of,
    reception_records_for_user,
    reception_units_for_user,
    unit_ids_with_reception,
)
from gandan.reception.views.helpers import (
    MANAGE,
    VIEW,
    _errors_to_form,
)
from gandan.units.selectors import communes_for_user
from gandan.web import paginate, require_perm

# --- Reception days ------------------------------------------------------------------------------------------------


@require_safe
@login_required
def day_list(request):
    require_perm(request.user, VIEW)
    today = timezone.localdate()
    rows = reception_days_for_user(request.user)
    leaders = reception_day_leaders(rows)
    form = DayFilterForm(request.GET or None, leaders=leaders)
    show_commune = add_commune_filter(form, communes_for_user(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    show = data.get("show") or "upcoming"
    if data.get("unit"):
        rows = rows.filter(unit_path__in=commune_paths(data["unit"]))
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
        "filtered": bool(data.get("leader") or data.get("month") or data.get("unit")),
        "show_commune": show_commune,
        **paginate(request, rows),
    }
    return render(request, "reception/days.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def day_new(request):
    require_perm(request.user, MANAGE)
    unit = request.user.unit
    form = DayScheduleForm(request.POST or None, leaders=reception_leaders_of(unit))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            day = create_once(
                request,
                lambda: services.reception_day_schedule(
                    unit=unit,
                    leader=data["leader"],
                    leader_kind=data["leader_kind"],
                    day=data["day"],
                    place=data["place"],
                    ad_hoc=data["ad_hoc"],
                    ad_hoc_reason=data["ad_hoc_reason"],
                    by=request.user,
                ),
                url=lambda d: reverse("reception:day", kwargs={"pk": d.pk}),
            )
        except DomainError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("Reception day of %(who)s on %(day)s scheduled.")
                % {"who": day.leader, "day": day.day.strftime("%d/%m/%Y")},
            )
            return redirect("reception:day", pk=day.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "reception/day_form.html",
        {"form": form, "minimums": services.MINIMUMS},
        status=status,
    )


@require_safe
@login_required
def day_detail(request, pk: int):
    require_perm(request.user, VIEW)
    day = reception_day_get_for_user(request.user, pk)
    today = timezone.localdate()
    status = services.day_status(day)
    can_manage = request.user.can(MANAGE)
    context = {
        "day": day,
        "status": status,
        "today": today,
        "can_manage": can_manage,
        "records": reception_records_for_user(request.user).filter(reception_day=day).order_by("at", "id"),
        "conclusions": day.conclusions.prefetch_related("tasks"),
        "can_hold": can_manage and status == "scheduled" and day.day <= today,
        "can_cancel": can_manage and status == "scheduled",
        "can_conclude": can_manage and status == "held",
        "can_record": can_manage and status != "cancelled" and day.day <= today,
    }
    return render(request, "reception/day_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def day_held(request, pk: int):
    """Confirm, then mark the day as held."""
    require_perm(request.user, MANAGE)
    day = reception_day_get_for_user(request.user, pk)
    if request.method == "POST":
        try:
            services.reception_day_held(day_obj=day, by=request.user)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The reception day was marked as held."))
        return redirect("reception:day", pk=day.pk)
    return render(request, "reception/day_confirm.html", {"day": day, "action": "held"})


@require_http_methods(["GET", "POST"])
@login_required
def day_cancel(request, pk: int):
    require_perm(request.user, MANAGE)
    day = reception_day_get_for_user(request.user, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reception_day_cancel(day_obj=day, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The reception day was cancelled."))
            return redirect("reception:day", pk=day.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "reception/day_confirm.html",
        {"day": day, "action": "cancel", "form": form},
        status=status,
    )


# --- Compliance with the minimums ---------------------------------------------------------------------------------


@require_safe
@login_required
def compliance(request):
    require_perm(request.user, VIEW)
    today = timezone.localdate()
    units = reception_units_for_user(request.user)
    form = ComplianceForm(request.GET or None, units=units, initial={"year": today.year})
    data = form.cleaned_data if form.is_valid() else {}
    year = data.get("year") or today.year
    unit = data.get("unit") or request.user.unit
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = services.compliance_for_unit(unit, start=start, end=end, today=today)
    has_days = reception_days_exist(unit, start=start, end=end)
    # A supervisor of several communes first sees them all in one table, month by month.
    communes = list(communes_for_user(request.user))
    by_commune, idle = [], []
    if len(communes) > 1 and not data.get("unit"):
        # The communes with a schedule or a reception day come first; the others (most of a province before the
        # roll-out) are folded under their count, not 52 red weeks each.
        active = unit_ids_with_reception(communes, start=start, end=end)
        by_commune = services.compliance_by_commune(
            [c for c in communes if c.pk in active], year=year, today=today
        )
        idle = [c for c in communes if c.pk not in active]
    context = {
        "form": form,
        "unit": unit,
        "year": year,
        "rows": rows,
        "has_days": has_days,
        "today": today,
        "minimums": services.MINIMUMS,
        "can_manage": request.user.can(MANAGE),
        "by_commune": by_commune,
        "idle_communes": idle,
        "months": range(1, 13),
    }
    return render(request, "reception/compliance.html", context)
