from gandan.operations.views import backups, home, notifications, schedule

app_name = "operations"

# Each concern's views module declares its own `urlpatterns` (home; schedule, backups, notifications).
urlpatterns = [*home.urlpatterns, *schedule.urlpatterns, *backups.urlpatterns, *notifications.urlpatterns]
