"""Where a signal came from, in words an official reads (the codes stay as stored: they are the import's and the
modules' own)."""

from django.utils.translation import gettext as _


def source_label(source_kind: str, channel: str = "") -> str:
    """ "Online dossier", "Petition", "Imported — hotline"…; an unknown code is shown as it is."""
    kinds = {
        "dossiers.dossier": _("Online dossier"),
        "dossiers.rating": _("Rating of a dossier"),
        "petition": _("Petition"),
        "reception": _("Citizen reception book"),
        "ingest": _("Imported file"),
        "demo": _("Demo data"),
    }
    channels = {
        "petition": _("petition"),
        "reception": _("citizen reception"),
        "hotline": _("hotline"),
        "rating": _("rating"),
        "comment": _("comment"),
        "team_note": _("mobilisation team's note"),
        "field_report": _("field report"),
        "field": _("field report"),
    }
    label = kinds.get(source_kind, source_kind)
    if channel:
        label = f"{label} — {channels.get(channel, channel)}"
    return label
