"""Staff pages of the dashboard, mounted at /staff/dashboard/."""

from gandan.dashboard.views import overview

app_name = "dashboard"

urlpatterns = [*overview.urlpatterns]
