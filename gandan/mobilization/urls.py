"""Staff pages of mass mobilisation, mounted at /staff/mobilization/: teams and coverage, activities, the
"dân vận khéo" models, the periodic reports. Each concern declares its own addresses in its views module."""

from gandan.mobilization.views import activities, initiatives, reports, teams

app_name = "mobilization"

urlpatterns = [*teams.urlpatterns, *activities.urlpatterns, *initiatives.urlpatterns, *reports.urlpatterns]
