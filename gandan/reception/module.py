from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gandan.modules import Module

# The key keeps the addresses reception had while it lived inside the petitions app: the staff pages under
# /staff/petitions/reception/ and the API under /api/v1/petitions/reception/ (bookmarks, printed links, API clients).
MODULE = Module(
    key="petitions/reception",
    name=_("Citizen reception"),
    menu_url="reception:days",
    permission="petitions.view",
    has_public=True,
)


def public_tiles() -> list[dict]:
    return [
        {
            "title": _("Citizen reception schedule"),
            "text": _(
                "When and where the chairman and the party secretary receive citizens, the next four weeks."
            ),
            "url": reverse("reception_public:schedule"),
        }
    ]
