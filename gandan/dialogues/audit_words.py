"""The dialogues' events in the audit trail, in words (module.py's `audit_details`): the statuses, how a question
came, its number and group, the officer assigned, a commitment's due date, the fields corrected, the reason."""

import datetime as dt

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gandan.dialogues.models import COMMITMENT_STATES, Dialogue, Question


def _day(value) -> str:
    try:
        return dt.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
    except ValueError:
        return str(value or "")


def _field_name(key: str) -> str:
    try:
        return str(getattr(Dialogue._meta.get_field(key), "verbose_name", key))
    except FieldDoesNotExist:  # a field renamed since the event was written: its code, as stored
        return key


def details(action: str, found: dict) -> list[tuple] | None:
    if not action.startswith("dialogues."):
        return None
    statuses = {**dict(Dialogue.Status.choices), **dict(Question.Status.choices), **dict(COMMITMENT_STATES)}
    worded: list[tuple] = []
    if found.get("to"):
        before = found.get("from")
        after = statuses.get(found["to"], found["to"])
        worded.append(
            (
                _("Status"),
                f"{statuses.get(before, before)} → {after}" if before and before != found["to"] else after,
            )
        )
    if found.get("kind"):
        worded.append((_("Kind"), dict(Dialogue.Kind.choices).get(found["kind"], found["kind"])))
    if found.get("channel"):
        worded.append(
            (_("How it came"), dict(Question.Channel.choices).get(found["channel"], found["channel"]))
        )
    if found.get("number") or found.get("question"):
        worded.append((_("Question"), str(found.get("number") or found.get("question"))))
    if "theme" in found:
        worded.append((_("Group"), found["theme"] or "—"))
    if "assignee" in found:
        worded.append((_("Officer"), found["assignee"] or _("not assigned")))
    if found.get("due"):
        worded.append((pgettext("commitment", "Due"), _day(found["due"])))
    if found.get("corrected"):
        worded.append((_("Correct the answer"), _("yes")))
    if found.get("fields"):
        names = [_field_name(key) for key in str(found["fields"]).split(", ") if key]
        worded.append((_("Changed"), ", ".join(names)))
    if found.get("reason"):
        worded.append((_("Reason"), found["reason"]))
    return worded
