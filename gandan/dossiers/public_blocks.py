"""The dossiers' block on a commune's citizen home (gandan/portal/blocks.py): submit online, look one up."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gandan.portal.blocks import BlockLink, PublicBlock


def public_blocks(unit) -> list[PublicBlock]:
    return [
        PublicBlock(
            key="dossiers",
            title=_("Administrative procedures"),
            order=20,
            text=_(
                "Birth, marriage and residence papers and more, without queuing; then follow your dossier with its code."
            ),
            links=[
                BlockLink(
                    _("Submit a dossier online"), reverse("dossiers_public:submit_choose"), primary=True
                ),
                BlockLink(_("Look up a dossier"), reverse("dossiers_public:lookup")),
            ],
        )
    ]
