"""The working-day calculator for citizens: the same rules as the API, as a page that works without scripts."""

from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_safe

from gandan.workcalendar.forms import DueForm
from gandan.workcalendar.selectors import compute_due


@require_safe
def due_page(request):
    form = DueForm(request.GET or None, initial={"rule": "working_days", "number": 5})
    result = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        received = (
            timezone.localtime(data["received"]) if timezone.is_aware(data["received"]) else data["received"]
        )
        result = compute_due(received, rule=data["rule"], number=data["number"])
    return render(request, "workcalendar/due.html", {"form": form, "result": result})


app_name = "calendar_public"
urlpatterns = [path("lich-lam-viec/", due_page, name="due")]
