"""Reception's block on a commune's citizen home (gandan/portal/blocks.py): the leaders' next reception days, as
the public schedule page shows them (the same selector: no ad-hoc day, never why a day was cancelled)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.portal.blocks import ITEMS_SHOWN, BlockItem, BlockLink, PublicBlock
from gandan.reception.selectors import public_reception_calendar

DAYS_AHEAD = 28  # the schedule page's four weeks


def public_blocks(unit) -> list[PublicBlock]:
    today = timezone.localdate()
    days = public_reception_calendar(unit, start=today, end=today + dt.timedelta(days=DAYS_AHEAD - 1))
    url = reverse("reception_public:schedule")
    items = []
    for day in days[:ITEMS_SHOWN]:
        hours = (
            f"{day.start_time:%H:%M}–{day.end_time:%H:%M}" if day.start_time and day.end_time else day.session
        )
        note = _("Cancelled") if day.cancelled else ", ".join(p for p in (hours, day.place) if p)
        items.append(
            BlockItem(title=f"{day.leader_title} {day.leader_name}", url=url, when=day.day, note=note)
        )
    return [
        PublicBlock(
            key="reception_schedule",
            title=_("Citizen reception schedule"),
            order=30,
            items=items,
            links=[BlockLink(_("The whole schedule"), url)],
            empty=_("No reception day is scheduled in the next four weeks."),
        )
    ]
