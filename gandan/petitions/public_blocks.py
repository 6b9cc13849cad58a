"""The petitions' block on a commune's citizen home (gandan/portal/blocks.py): send one, follow one."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gandan.portal.blocks import BlockLink, PublicBlock


def public_blocks(unit) -> list[PublicBlock]:
    return [
        PublicBlock(
            key="petitions",
            title=_("Petitions"),
            order=22,
            text=_("A complaint, denunciation, recommendation or reflection, online."),
            links=[
                BlockLink(_("Send a petition"), reverse("petitions_public:submit"), primary=True),
                BlockLink(_("Follow your petition"), reverse("petitions_public:lookup")),
            ],
        )
    ]
