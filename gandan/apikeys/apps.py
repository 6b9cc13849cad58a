from django.apps import AppConfig


class ApikeysConfig(AppConfig):
    name = "gandan.apikeys"
    label = "apikeys"
    verbose_name = "API keys"
