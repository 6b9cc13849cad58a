from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceptionConfig(AppConfig):
    name = "gandan.reception"
    verbose_name = _("Citizen reception")
