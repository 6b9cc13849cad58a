"""The citizen page of reception: when and where the commune's leaders receive citizens over the next four weeks,
commune by commune. It shows the leader's office and name, the time and the place, and nothing else about anyone
(no reason of a cancelled day, no ad-hoc day, which concerns particular citizens)."""

import datetime as dt

from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_safe

from gandan.portal.selectors import portal_unit
from gandan.reception.selectors import public_reception_calendar, public_reception_units

WEEKS_SHOWN = 4


@require_safe
def schedule_page(request):
    today = timezone.localdate()
    units = list(public_reception_units())
    home = portal_unit()
    if home is not None and home not in units:
        units.insert(0, home)
    code = (request.GET.get("xa") or "").strip()
    unit = next((u for u in units if u.code == code), None) if code else home
    if unit is None and not code and units:
        unit = units[0]
    end = today + dt.timedelta(days=WEEKS_SHOWN * 7 - 1)
    days = public_reception_calendar(unit, start=today, end=end) if unit is not None else []
    context = {
        "units": units,
        "unit": unit,
        "unknown": bool(code) and unit is None,
        "days": days,
        "today": today,
        "end": end,
        "weeks": WEEKS_SHOWN,
    }
    return render(
        request, "reception/public_schedule.html", context, status=404 if context["unknown"] else 200
    )


app_name = "reception_public"
urlpatterns = [path("tiep-cong-dan/lich/", schedule_page, name="schedule")]
