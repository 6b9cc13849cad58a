from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gandan.modules import Module
from gandan.petitions.selectors import worklist_counts

MODULE = Module(
    key="petitions",
    name=_("Petitions"),
    menu_url="petitions:worklist",
    permission="petitions.view",
    has_public=True,
)


def home_widgets(user) -> list[dict]:
    if not user.can("petitions.view"):
        return []
    counts = worklist_counts(user)
    url = reverse("petitions:worklist")
    return [
        {
            "title": _("Petitions overdue"),
            "value": counts["overdue"],
            "note": _("Past the statutory deadline"),
            "url": f"{url}?worklist=overdue",
        },
        {
            "title": _("Petitions to process"),
            "value": counts["new"],
            "note": _("Received, not yet classified"),
            "url": f"{url}?worklist=new",
        },
    ]


def public_tiles() -> list[dict]:
    return [
        {
            "title": _("Send a petition"),
            "text": _("A complaint, denunciation, recommendation or reflection, online."),
            "url": reverse("petitions_public:submit"),
        },
        {
            "title": _("Follow your petition"),
            "text": _("See where your petition is, with its code and your phone."),
            "url": reverse("petitions_public:lookup"),
        },
    ]
