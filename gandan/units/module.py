from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gandan.modules import Module
from gandan.units.selectors import unit_list_for_user

MODULE = Module(key="units", name=_("Units"), menu_url="units:list", permission="units.view")


def home_widgets(user) -> list[dict]:
    count = unit_list_for_user(user).count()
    return [
        {
            "title": _("Units in my area"),
            "value": count,
            "note": user.unit.display_name if user.unit else "",
            "url": reverse("units:list"),
        }
    ]


def audit_actions() -> dict:
    return {
        "units.unit_create": _("Created a unit"),
        "units.unit_update": _("Changed a unit"),
        "units.unit_merge": _("Merged units"),
        "units.national_list_load": _("Loaded the national list of units"),
    }
