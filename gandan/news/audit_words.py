"""The details of the articles' audit events in words, for the article's history and the audit page (the comments'
events are worded by the audit page's common keys)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gandan.news.models import Article

_KEYS = {
    "title": _("Title"),
    "changed": _("Changed"),
    "publish_at": _("Publication time"),
    "photo": _("Photo"),
    "caption": _("Caption"),
    "credit": _("Photo by"),
    "size": _("Size in pixels"),
    "position": _("Position"),
    "name": _("Name"),
    "old_name": _("Former name"),
    "note": _("Note"),
    "reason": _("Reason"),
    "from": _("From status"),
    "to": _("To status"),
}


def _field_names() -> dict[str, str]:
    return {
        "title": str(_("title")),
        "summary": str(_("summary")),
        "body": str(_("body")),
        "category": str(_("category")),
        "tags": str(_("tags")),
        "author_name": str(_("byline")),
        "comments_open": str(pgettext_lazy("an article's field", "readers' opinions")),
    }


def details(action: str, values: dict) -> list[tuple[str, str]] | None:
    if not (action.startswith("news.article_") or action.startswith(("news.photo_", "news.category_"))):
        return None
    statuses = dict(Article.Status.choices)
    fields = _field_names()
    shown: list[tuple[str, str]] = []
    for key, value in values.items():
        if value in (None, "", [], {}):
            continue
        label = str(_KEYS.get(key, key))
        if key in ("from", "to"):
            shown.append((label, str(statuses.get(str(value), value))))
        elif key == "changed":
            shown.append((label, ", ".join(fields.get(str(v), str(v)) for v in value)))
        elif key == "photo":
            shown.append((label, f"#{value}"))
        else:
            shown.append((label, str(value)))
    return shown
