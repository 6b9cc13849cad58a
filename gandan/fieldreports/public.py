"""Citizen pages of the field reports (placeholders replaced by the full pages): report a problem, the commune's
list of reports, a report's page. Never the reporter, never the exact place."""

from django.http import Http404
from django.shortcuts import render
from django.urls import path

from gandan.fieldreports.selectors import public_reports


def report_new(request):
    return render(request, "fieldreports/public_new.html", {})


def report_list(request):
    return render(request, "fieldreports/public_list.html", {"reports": public_reports()[:50]})


def report_page(request, code: str):
    report = public_reports().filter(code=code.upper()).first()
    if report is None:
        raise Http404
    return render(request, "fieldreports/public_detail.html", {"report": report})


app_name = "fieldreports_public"
urlpatterns = [
    path("phan-anh/", report_list, name="list"),
    path("phan-anh/gui/", report_new, name="new"),
    path("phan-anh/<str:code>/", report_page, name="detail"),
]
