"""Dialogues' blocks on a commune's citizen home (gandan/portal/blocks.py): the coming dialogues with the leaders,
and the promises made at past ones that are not kept yet."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.dialogues.selectors.published import public_commitments_pending, public_upcoming_dialogues
from gandan.portal.blocks import ITEMS_SHOWN, BlockItem, BlockLink, PublicBlock


def public_blocks(unit) -> list[PublicBlock]:
    url = reverse("dialogues_public:list")
    coming = [
        BlockItem(
            title=d.title,
            url=reverse("dialogues_public:detail", args=[d.pk]),
            when=timezone.localdate(d.starts_at),
            note=d.place,
        )
        for d in public_upcoming_dialogues(unit)[:ITEMS_SHOWN]
    ]
    pending = [
        BlockItem(
            title=c.text,
            url=reverse("dialogues_public:detail", args=[c.dialogue.pk]),
            note=_("Due %(day)s — %(owner)s") % {"day": f"{c.due:%d/%m/%Y}", "owner": c.owner},
        )
        for c in public_commitments_pending(unit)[:ITEMS_SHOWN]
    ]
    return [
        PublicBlock(
            key="dialogues",
            title=_("Dialogues with the commune's leaders"),
            order=60,
            items=coming,
            links=[BlockLink(_("All dialogues"), url)],
            empty=_("No dialogue is planned yet."),
        ),
        PublicBlock(
            key="commitments",
            title=_("Promises being kept"),
            order=65,
            items=pending,
            links=[BlockLink(_("All dialogues"), url)],
            empty=_("No promise made at a dialogue is pending."),
        ),
    ]
