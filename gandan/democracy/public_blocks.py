"""Democracy's blocks on a commune's citizen home (gandan/portal/blocks.py): what is on the commune's notice boards
now, the consultations open for comments, the village votes open to online ballots. Each reads through the public
selectors of its concern: only what a citizen may already read on its own page."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.democracy.selectors import consultations, disclosures, votes
from gandan.portal.blocks import ITEMS_SHOWN, BlockItem, BlockLink, PublicBlock


def public_blocks(unit) -> list[PublicBlock]:
    return [_disclosures(unit), _consultations(unit), _votes(unit)]


def _disclosures(unit) -> PublicBlock:
    rows = disclosures.public_list(unit, today=timezone.localdate())[:ITEMS_SHOWN]
    items = [
        BlockItem(title=d.title, url=reverse("democracy_public:disclosure", args=[d.pk]), when=d.start)
        for d in rows
    ]
    return PublicBlock(
        key="disclosures",
        title=_("Public disclosures"),
        order=40,
        items=items,
        links=[
            BlockLink(
                _("Everything on the notice boards"),
                reverse("democracy_public:disclosures", args=[unit.code]),
            )
        ],
        empty=_("Nothing is on the commune's notice boards now."),
    )


def _consultations(unit) -> PublicBlock:
    rows = consultations.public_consultations(commune=unit, phase="open")[:ITEMS_SHOWN]
    items = [
        BlockItem(
            title=c.title,
            url=reverse("democracy_public:consultation", args=[c.pk]),
            note=_("Open until %(day)s") % {"day": f"{c.closes:%d/%m/%Y}"},
        )
        for c in rows
    ]
    return PublicBlock(
        key="consultations",
        title=_("Consultations open for comments"),
        order=45,
        items=items,
        links=[
            BlockLink(_("All consultations"), reverse("democracy_public:consultations") + f"?xa={unit.code}")
        ],
        empty=_("No consultation is open for comments now."),
    )


def _votes(unit) -> PublicBlock:
    rows = votes.public_open_votes(unit)[:ITEMS_SHOWN]
    items = [
        BlockItem(
            title=v.title,
            url=reverse("democracy_public:vote", args=[v.pk]),
            note=_("%(village)s, voting until %(day)s")
            % {"village": v.village.name, "day": f"{timezone.localtime(v.closes_at):%d/%m/%Y}"},
        )
        for v in rows
    ]
    return PublicBlock(
        key="votes",
        title=_("Village votes open online"),
        order=50,
        items=items,
        empty=_("No village vote is open online now."),
    )
