"""The hooks of the "dân vận khéo" models for the module's declaration (module.py): the showcase's tile on the citizen
home, and the models' names and details in the audit trail."""

import datetime as dt

from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse
from django.utils.translation import gettext as _

from gandan.mobilization.models import Initiative

OBJECT_TYPE = "mobilization.initiative"


def showcase_tiles() -> list[dict]:
    return [
        {
            "title": _("“Dân vận khéo” models"),
            "text": _(
                "Good ways of working with the people recognised in the communes, to learn from and copy."
            ),
            "url": reverse("mobilization_public:showcase"),
        }
    ]


def object_types() -> list[str]:
    return [OBJECT_TYPE]


def objects(user, object_type: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    """The models among `ids` that `user` may open, by name, with their page."""
    if object_type != OBJECT_TYPE or not user.can("mobilization.view"):
        return {}
    from gandan.mobilization.selectors.initiatives import initiatives_for_user

    numbers = [int(i) for i in ids if i.isdigit()]
    rows = initiatives_for_user(user).filter(pk__in=numbers).select_related(None).only("pk", "name")
    return {str(m.pk): (m.name, reverse("mobilization:initiative", args=[m.pk])) for m in rows}


def _day(value) -> str:
    try:
        return dt.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
    except ValueError:
        return str(value or "")


def _field_name(key: str) -> str:
    try:
        return str(getattr(Initiative._meta.get_field(key), "verbose_name", key))
    except FieldDoesNotExist:  # a field renamed since the event was written: its code, as stored
        return key


def details(action: str, found: dict) -> list[tuple] | None:
    """A model's event in words: the statuses, the score, the level and decision, the reason, the source."""
    if not action.startswith(("mobilization.initiative_", "mobilization.evidence_")):
        return None
    statuses = dict(Initiative.STATUS_CHOICES)
    levels = dict(Initiative.LEVEL_CHOICES)
    fields = dict(Initiative.FIELD_CHOICES)
    worded: list[tuple] = []
    if found.get("from") and found.get("to") and found["from"] != found["to"]:
        worded.append(
            (
                _("Status"),
                f"{statuses.get(found['from'], found['from'])} → {statuses.get(found['to'], found['to'])}",
            )
        )
    if found.get("field"):
        worded.append((_("Field"), fields.get(found["field"], found["field"])))
    if found.get("village"):
        worded.append((_("Village"), found["village"]))
    if "total" in found:
        worded.append((_("Score"), f"{found['total']}/100"))
        worded.append((_("Recommends recognition"), _("yes") if found.get("recommend") else _("no")))
    if found.get("level"):
        worded.append((_("Recognised at"), levels.get(found["level"], found["level"])))
    if found.get("number"):
        worded.append((_("Recognition decision"), f"{found['number']} ({_day(found.get('day'))})"))
    if found.get("reason"):
        worded.append((_("Reason"), found["reason"]))
    if found.get("fields"):
        names = [_field_name(key) for key in str(found["fields"]).split(", ") if key]
        worded.append((_("Changed"), ", ".join(names)))
    if action == "mobilization.initiative_replicate" and found.get("name"):
        worded.append((_("Replicated from"), f"{found['name']} ({found.get('unit', '')})"))
    if found.get("file"):
        worded.append((_("File"), found["file"]))
    return worded
