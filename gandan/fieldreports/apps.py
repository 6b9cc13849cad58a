from django.apps import AppConfig


class FieldReportsConfig(AppConfig):
    name = "gandan.fieldreports"
    label = "fieldreports"
    verbose_name = "Field reports"
