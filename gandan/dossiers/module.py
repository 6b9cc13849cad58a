from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gandan.dossiers.selectors import worklist_counts
from gandan.modules import Module

MODULE = Module(
    key="dossiers",
    name=_("One-stop desk"),
    menu_url="dossiers:worklist",
    permission="dossiers.view",
    has_public=True,
)


def home_widgets(user) -> list[dict]:
    counts = worklist_counts(user)
    url = reverse("dossiers:worklist")
    return [
        {
            "title": _("Dossiers overdue"),
            "value": counts["overdue"],
            "note": _("Need an apology and a new date"),
            "url": f"{url}?worklist=overdue",
        },
        {
            "title": _("Dossiers due soon"),
            "value": counts["due_soon"],
            "note": _("Within two working days"),
            "url": f"{url}?worklist=due_soon",
        },
        {
            "title": _("New dossiers to check"),
            "value": counts["new"],
            "note": _("Submitted online"),
            "url": f"{url}?worklist=new",
        },
    ]


def public_tiles() -> list[dict]:
    return [
        {
            "title": _("Look up a dossier"),
            "text": _("See where your dossier is, with its code and your phone number."),
            "url": reverse("dossiers_public:lookup"),
        },
        {
            "title": _("Submit a dossier online"),
            "text": _("Birth, marriage and residence papers and more, without queuing."),
            "url": reverse("dossiers_public:submit_choose"),
        },
    ]
