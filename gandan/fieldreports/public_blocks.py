"""Field reports' blocks on a commune's citizen home (gandan/portal/blocks.py): what was reported lately, and what
was fixed lately. Category, village and day only: never the reporter, never the exact place."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.fieldreports.selectors import public_recent_reports, public_recently_fixed
from gandan.portal.blocks import ITEMS_SHOWN, BlockItem, BlockLink, PublicBlock


def _item(report, when) -> BlockItem:
    return BlockItem(
        title=report.category.name,
        url=reverse("fieldreports_public:detail", args=[report.code]),
        when=timezone.localdate(when) if when is not None else None,
        note=report.village.name if report.village_id else report.get_status_display(),
    )


def public_blocks(unit) -> list[PublicBlock]:
    url = reverse("fieldreports_public:list")
    new = reverse("fieldreports_public:new")
    reported = [_item(r, r.received_at) for r in public_recent_reports(unit, limit=ITEMS_SHOWN)]
    fixed = [_item(r, r.closed_at) for r in public_recently_fixed(unit, limit=ITEMS_SHOWN)]
    return [
        PublicBlock(
            key="fieldreports_recent",
            title=_("Recently reported"),
            order=35,
            items=reported,
            links=[BlockLink(_("Report a problem"), new, primary=True), BlockLink(_("All reports"), url)],
            empty=_("Nothing has been reported yet. Seen a broken road, rubbish or flooding? Report it."),
        ),
        PublicBlock(
            key="fieldreports_fixed",
            title=_("Recently fixed"),
            order=36,
            items=fixed,
            links=[BlockLink(_("All reports"), url + "?tinh-trang=fixed")],
            empty=_("No report has been fixed yet."),
        ),
    ]
