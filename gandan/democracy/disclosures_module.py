"""The hooks of public disclosures for the module's declaration (module.py): the tile on the citizen home, and the
disclosures' names in the audit trail."""

import datetime as dt

from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse
from django.utils.translation import gettext as _

from gandan.democracy.selectors.disclosures import OBJECT_TYPE

VIEW = "democracy.view"


def tiles() -> list[dict]:
    from gandan.portal.selectors import portal_unit

    unit = portal_unit()
    url = (
        reverse("democracy_public:disclosures", args=[unit.code])
        if unit is not None and unit.code
        else reverse("democracy_public:disclosure_communes")
    )
    return [
        {
            "title": _("Public disclosures"),
            "text": _(
                "What the commune has on its notice boards: budgets, plans, support lists, procedures…"
            ),
            "url": url,
        }
    ]


def object_types() -> list[str]:
    return [OBJECT_TYPE]


def objects(user, object_type: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    """The disclosures among `ids` that `user` may open, by title, with their page."""
    if object_type != OBJECT_TYPE or not user.can(VIEW):
        return {}
    from gandan.democracy.selectors.disclosures import objects_named

    return {
        key: (title, reverse("democracy:disclosure", args=[pk]))
        for key, (title, pk) in objects_named(user, ids).items()
    }


def _day(value) -> str:
    try:
        return dt.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
    except ValueError:
        return str(value or "")


def _field_name(key: str) -> str:
    from gandan.democracy.models import Disclosure

    try:
        return str(getattr(Disclosure._meta.get_field(key), "verbose_name", key))
    except FieldDoesNotExist:  # a field renamed since the event was written: its code, as stored
        return key


def details(action: str, found: dict) -> list[tuple] | None:
    """A disclosure's event in words: its item, deadline and posting, what was changed, the reason, the file."""
    if not action.startswith(("democracy.disclosure_", "democracy.document_")):
        return None
    worded: list[tuple] = []
    if found.get("item"):
        worded.append((_("Item of Art. 11"), found["item"]))
    if found.get("deadline"):
        worded.append((_("Disclose by"), _day(found["deadline"])))
    if found.get("start"):
        worded.append((_("Posted from"), _day(found["start"])))
    if found.get("end"):
        worded.append((_("Posted until"), _day(found["end"])))
    if found.get("documents"):
        worded.append((_("Attached documents"), found["documents"]))
    if found.get("fields"):
        worded.append(
            (_("Changed"), ", ".join(_field_name(k) for k in str(found["fields"]).split(", ") if k))
        )
    if found.get("reason"):
        worded.append((_("Reason"), found["reason"]))
    if found.get("file"):
        worded.append((_("File"), found["file"]))
    return worded
