import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gandan.accounts.rules import Role
from gandan.modules import Module
from gandan.portal.sections import ROWS_SHOWN, Count, Row, Section
from gandan.reception.selectors import reception_days_between

# The key keeps the addresses reception had while it lived inside the petitions app: the staff pages under
# /staff/petitions/reception/ and the API under /api/v1/petitions/reception/ (bookmarks, printed links, API clients).
MODULE = Module(
    key="petitions/reception",
    name=gettext_lazy("Citizen reception"),
    menu_url="reception:days",
    permission="petitions.view",
)


def home_sections(user) -> list:
    """The leaders' reception days of this week (Monday to Sunday), on the chairman's and secretary's home."""
    if not ({Role.UNIT_LEADER, Role.PARTY_SECRETARY} & user.role_set):
        return []
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    sunday = monday + dt.timedelta(days=6)
    days = reception_days_between(user, start=monday, end=sunday)
    rows = [
        Row(
            code=f"{d.day:%d/%m/%Y}",
            name=f"{d.leader} — {d.place}",
            url=reverse("reception:day", args=[d.pk]),
            note=_("reception held") if d.held else (_("reception cancelled") if d.cancelled_reason else ""),
        )
        for d in days[:ROWS_SHOWN]
    ]
    return [
        Section(
            key="reception.week",
            title=_("Reception days this week"),
            note=_("From %(start)s to %(end)s")
            % {"start": f"{monday:%d/%m/%Y}", "end": f"{sunday:%d/%m/%Y}"},
            counts=[Count(_("Days"), len(days), reverse("reception:days"))],
            rows=rows,
            see_all=reverse("reception:days"),
            empty=_("No reception day is scheduled this week."),
        )
    ]
