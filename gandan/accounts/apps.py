from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "gandan.accounts"
    verbose_name = _("Staff and roles")
