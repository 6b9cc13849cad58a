"""The staff's queue of field reports and a report's page (placeholders replaced by the full queue)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from gandan.fieldreports.selectors import report_get_for_user, reports_for_user
from gandan.web import require_perm


@login_required
def report_list(request):
    require_perm(request.user, "fieldreports.view")
    reports = reports_for_user(request.user)[:50]
    return render(request, "fieldreports/list.html", {"reports": reports})


@login_required
def report_detail(request, pk: int):
    require_perm(request.user, "fieldreports.view")
    report = report_get_for_user(request.user, pk)
    return render(request, "fieldreports/detail.html", {"report": report})


urlpatterns = [
    path("", report_list, name="list"),
    path("<int:pk>/", report_detail, name="detail"),
]
