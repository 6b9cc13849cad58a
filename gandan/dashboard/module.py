"""The leaders' dashboard: every indicator the modules provide, for a commune and for the province over its
communes (docs/dashboard.md)."""

from django.utils.translation import gettext_lazy

from gandan.modules import Module

MODULE = Module(
    key="dashboard",
    name=gettext_lazy("Dashboard"),
    menu_url="dashboard:home",
    permission="dashboard.view",
    has_api=False,
    has_public=True,
)


def public_blocks(unit) -> list:
    """The commune's transparency block on its citizen home: this month's on-time rates and satisfaction, and the
    link to the month-by-month page."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from gandan.dashboard.selectors import transparency_for_unit
    from gandan.portal.blocks import BlockItem, BlockLink, PublicBlock

    if unit is None:
        return []
    data = transparency_for_unit(unit)
    url = reverse("dashboard_public:transparency")
    items = [
        BlockItem(title=f"{indicator.label}: {data.this_month[indicator.key].text}", url=url)
        for indicator in data.indicators
        if indicator.key in data.this_month
    ]
    return [
        PublicBlock(
            key="transparency",
            title=_("Service transparency"),
            order=60,
            items=items,
            links=[BlockLink(_("Month by month"), url)],
            empty=_("The commune's figures are not published yet."),
        )
    ]
