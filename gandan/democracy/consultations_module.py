"""The hooks of consultations and village covenants for the module's declaration (module.py): their tiles on the
citizen home, the opinion board's way back from a comment, and their records' names in the audit trail."""

from django.urls import reverse
from django.utils.translation import gettext as _

CONSULTATION = "democracy.consultation"
COVENANT = "democracy.covenant"


def consultation_tiles() -> list[dict]:
    return [
        {
            "title": _("Give your opinion on the commune's drafts"),
            "text": _(
                "Plans, village covenants and projects open for the people's comments, and the answers."
            ),
            "url": reverse("democracy_public:consultations"),
        }
    ]


def covenant_tiles() -> list[dict]:
    return [
        {
            "title": _("Village covenants"),
            "text": _("The covenant in force of each village, with its whole text."),
            "url": reverse("democracy_public:covenants"),
        }
    ]


def comment_links(user, source_kind: str, ids: list[str]) -> dict[str, str]:
    from gandan.democracy.services.consultations import COMMENT_SOURCE

    if source_kind != COMMENT_SOURCE:
        return {}
    from gandan.democracy.selectors.consultations import comment_links as links

    return links(user, ids)


def object_types() -> list[str]:
    return [CONSULTATION, COVENANT]


def objects(user, object_type: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    """The consultations or covenants among `ids` that `user` may open, by title, with their page."""
    if object_type not in (CONSULTATION, COVENANT) or not user.can("democracy.view"):
        return {}
    numbers = [int(i) for i in ids if i.isdigit() and len(i) <= 10]
    if object_type == CONSULTATION:
        from gandan.democracy.selectors.consultations import consultations_for_user

        rows = consultations_for_user(user).select_related(None).filter(pk__in=numbers).only("pk", "title")
        return {str(c.pk): (c.title, reverse("democracy:consultation", args=[c.pk])) for c in rows}
    from gandan.democracy.selectors.covenants import covenants_for_user

    found = covenants_for_user(user).filter(pk__in=numbers)
    return {str(c.pk): (c.title, reverse("democracy:covenant", args=[c.pk])) for c in found}
