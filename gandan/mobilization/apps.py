from django.apps import AppConfig


class MobilizationConfig(AppConfig):
    name = "gandan.mobilization"
    label = "mobilization"
    verbose_name = "Mobilization"
