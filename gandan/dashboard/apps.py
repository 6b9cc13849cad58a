from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "gandan.dashboard"
    label = "dashboard"
    verbose_name = "Dashboard"
