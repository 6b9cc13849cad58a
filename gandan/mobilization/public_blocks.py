"""Mobilisation's block on a commune's citizen home (gandan/portal/blocks.py): the commune's recognised
"dân vận khéo" models, the newest first (the showcase's own selector: only recognised models are public)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gandan.mobilization.selectors.initiatives import showcase_list
from gandan.portal.blocks import ITEMS_SHOWN, BlockItem, BlockLink, PublicBlock


def public_blocks(unit) -> list[PublicBlock]:
    rows = showcase_list(commune=unit)[:ITEMS_SHOWN]
    items = [
        BlockItem(
            title=m.name,
            url=reverse("mobilization_public:model", args=[m.pk]),
            when=m.recognised_on,
            note=m.get_field_display(),
        )
        for m in rows
    ]
    return [
        PublicBlock(
            key="models",
            title=_("“Dân vận khéo” models"),
            order=70,
            items=items,
            links=[BlockLink(_("All models of the province"), reverse("mobilization_public:showcase"))],
            empty=_("No model of the commune has been recognised yet."),
        )
    ]
