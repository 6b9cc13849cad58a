from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gandan.accounts.rules import Perm
from gandan.errors import DomainError
from gandan.kit.params import parse_year
from gandan.web import form_add_domain_error, require_perm
from gandan.workcalendar.forms import CalendarDayForm
from gandan.workcalendar.models import CalendarDay, DayKind
from gandan.workcalendar.selectors import calendar_days, calendar_years
from gandan.workcalendar.services import calendar_day_remove, calendar_day_set


@require_safe
@login_required
def day_list(request):
    require_perm(request.user, Perm.CALENDAR_VIEW)
    years = calendar_years()
    year = parse_year(request.GET.get("year"), name="year", default=timezone.localdate().year)
    kind = request.GET.get("kind", "")
    kind = kind if kind in DayKind.values else ""
    context = {
        "year": year,
        "years": years,
        "kind": kind,
        "kinds": DayKind.choices,
        "days": calendar_days(year=year, kind=kind),
        "can_edit": request.user.can(Perm.CALENDAR_EDIT),
        "form": CalendarDayForm(),
    }
    return render(request, "workcalendar/list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def day_add(request):
    require_perm(request.user, Perm.CALENDAR_EDIT)
    form = CalendarDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = calendar_day_set(by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(day)s was saved. Deadlines already computed do not change by themselves.")
                % {"day": entry.day.strftime("%d/%m/%Y")},
            )
            return redirect(f"{reverse('workcalendar:list')}?year={entry.day.year}")
    return render(request, "workcalendar/form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def day_remove(request, pk: int):
    require_perm(request.user, Perm.CALENDAR_EDIT)
    # The calendar is national, not scoped to a unit: every editor may correct any date.
    entry = get_object_or_404(CalendarDay, pk=pk)
    if request.method == "POST":
        year = entry.day.year
        calendar_day_remove(entry=entry, by=request.user)
        messages.success(request, _("The date now follows the ordinary Monday–Friday rule."))
        return redirect(f"{reverse('workcalendar:list')}?year={year}")
    return render(request, "workcalendar/confirm_remove.html", {"entry": entry})
