from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gandan.modules import Module
from gandan.workcalendar.selectors import calendar_days

MODULE = Module(
    key="calendar",
    name=_("Calendar"),
    menu_url="workcalendar:list",
    permission="calendar.view",
    has_public=True,
)


def home_widgets(user) -> list[dict]:
    today = timezone.localdate()
    upcoming = calendar_days().filter(day__gte=today, kind="day_off").first()
    return [
        {
            "title": _("Next day off"),
            "value": upcoming.day.strftime("%d/%m/%Y") if upcoming else "—",
            "note": upcoming.name if upcoming else _("None entered yet"),
            "url": reverse("workcalendar:list"),
        }
    ]


def public_tiles() -> list[dict]:
    return [
        {
            "title": _("Working-day calculator"),
            "text": _("When is my appointment? Count working days, skipping weekends and public holidays."),
            "url": reverse("calendar_public:due"),
        }
    ]


def audit_actions() -> dict:
    return {
        "workcalendar.day_set": _("Set a day of the working calendar"),
        "workcalendar.day_remove": _("Removed a day from the working calendar"),
        "workcalendar.seed": _("Loaded the public holidays"),
    }
