"""The administrator's operations page: health at a glance, the schedule with each job's last run, the backups."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from gandan.accounts.rules import Perm
from gandan.operations.selectors.health import installation_health, notifications_needing_check
from gandan.web import require_perm


@require_safe
@login_required
def home(request):
    require_perm(request.user, Perm.OPERATIONS_VIEW)
    # The same reading as /api/v1/health (operations/selectors/health.py), worded for the administrator.
    context = {"health": installation_health(), "needing_check": notifications_needing_check()}
    return render(request, "operations/home.html", context)


urlpatterns = [path("", home, name="home")]
