from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "gandan.operations"
    label = "operations"
    verbose_name = "Operations"
