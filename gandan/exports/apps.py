from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "gandan.exports"
    label = "exports"
    verbose_name = "Exports"
