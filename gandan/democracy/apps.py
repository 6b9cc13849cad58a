from django.apps import AppConfig


class DemocracyConfig(AppConfig):
    name = "gandan.democracy"
    label = "democracy"
    verbose_name = "Grassroots democracy"
