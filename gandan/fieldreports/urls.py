"""Staff pages of the field reports, mounted at /staff/fieldreports/. Each concern declares its own addresses in
its views module and is listed here."""

from gandan.fieldreports.views import queue, report, setup

app_name = "fieldreports"

urlpatterns = [*queue.urlpatterns, *report.urlpatterns, *setup.urlpatterns]
