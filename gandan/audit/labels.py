"""What makes the audit trail readable: each module names its own actions, statuses and records, and the audit page
looks them up here. A module's `module.py` may offer

- `audit_actions() -> dict[str, str]`: action code ("dossiers.accept") → what a person did, translated;
- `audit_statuses() -> dict[str, dict[str, str]]`: action prefix ("dossiers") → status code (as text) → its name,
  used for the "from"/"to" of the event's details;
- `audit_details(action, details) -> list[tuple[str, str]] | None`: the details of its own actions in words (None
  for an action it does not word);
- `audit_objects(user, object_type, ids) -> dict[str, tuple[str, str]]`: for the records of `object_type`
  ("petitions.petition") among `ids` that `user` may open, their name and address. A record outside the user's
  units is simply absent, and a protected denunciator's name is never a record's name (modules name records by
  their code).

An unknown action code is shown as it is; an event whose record the owning module does not resolve for this user
shows the kind of record only, never the name stored with the event.
"""

from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from importlib import import_module
from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy

from gandan.audit.models import Event
from gandan.modules import registered


def _hooks(name: str) -> list:
    found = []
    for package, _module in registered():
        hook = getattr(import_module(f"{package}.module"), name, None)
        if hook is not None:
            found.append(hook)
    return found


@cache
def _action_hooks() -> tuple:
    return tuple(_hooks("audit_actions"))


# The foundation apps (accounts, notify) are no modules: their few actions are named here.
_FOUNDATION_ACTIONS = {
    "accounts.user_create": gettext_lazy("Created an account"),
    "notify.sent": gettext_lazy("Message sent to the citizen"),
    "notify.failed": gettext_lazy("Message to the citizen failed"),
    "notify.requeued": gettext_lazy("Message to the citizen queued again"),
    "notify.needs_check": gettext_lazy("Message to the citizen left half-sent: to be checked"),
    "notify.resent": gettext_lazy("Message to the citizen sent again after a check"),
}


def action_labels() -> dict[str, str]:
    """Every declared action code → its label in the active language."""
    labels: dict[str, str] = {code: str(label) for code, label in _FOUNDATION_ACTIONS.items()}
    for hook in _action_hooks():
        labels.update({code: str(label) for code, label in hook().items()})
    return labels


def status_labels() -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for hook in _hooks("audit_statuses"):
        for prefix, labels in hook().items():
            found[prefix] = {str(code): str(label) for code, label in labels.items()}
    return found


def object_type_label(object_type: str) -> str:
    """ "petitions.petition" → the model's verbose name ("đơn"), or the code when no model has it."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return str(model._meta.verbose_name)


def _resolve(user, events: Iterable[Event]) -> dict[tuple[str, str], tuple[str, str]]:
    wanted: dict[str, set[str]] = defaultdict(set)
    for e in events:
        if e.object_type and e.object_id:
            wanted[e.object_type].add(e.object_id)
        about = _about(e)
        if about is not None:
            wanted[about[0]].add(about[1])
    found: dict[tuple[str, str], tuple[str, str]] = {}
    hooks = _hooks("audit_objects")
    for object_type, ids in wanted.items():
        for hook in hooks:
            for object_id, named in hook(user, object_type, sorted(ids)).items():
                found[(object_type, str(object_id))] = named
    return found


def _claimed_types() -> set[str]:
    """The object types some module resolves: for those, an unresolved record shows its kind only."""
    found: set[str] = set()
    for hook in _hooks("audit_object_types"):
        found.update(hook())
    return found


_DETAIL_KEYS = {
    "from": gettext_lazy("From status"),
    "to": gettext_lazy("To status"),
    "note": gettext_lazy("Note"),
    "reason": gettext_lazy("Reason"),
    "form": gettext_lazy("Form no."),
    "attachment": gettext_lazy("Attachment"),
    "file": gettext_lazy("File"),
    "roles": gettext_lazy("Roles"),
    "channel": gettext_lazy("Sent by"),
    "attempts": gettext_lazy("Attempts"),
    "error": gettext_lazy("Error"),
    "day": gettext_lazy("Day"),
    "days": gettext_lazy("Days"),
    "kind": gettext_lazy("Kind"),
    "created": gettext_lazy("Created"),
    "rows": gettext_lazy("Rows"),
    "name": gettext_lazy("Name"),
    "code": gettext_lazy("Code"),
    "number": gettext_lazy("Number"),
    "fields": gettext_lazy("Fields"),
    "changes": gettext_lazy("Changes"),
    "unit": gettext_lazy("Unit"),
    "leader": gettext_lazy("Leader"),
    "outcome": gettext_lazy("Outcome"),
    "source": gettext_lazy("Source"),
    "valid_from": gettext_lazy("Valid from"),
    "effective": gettext_lazy("Effective"),
    "duplicate": gettext_lazy("Duplicate"),
    "task": gettext_lazy("Task"),
    "tasks": gettext_lazy("Tasks"),
    "people": gettext_lazy("People"),
    "papers": gettext_lazy("Papers"),
    "record": gettext_lazy("Record"),
    "follow_up": gettext_lazy("Follow-up"),
    "former": gettext_lazy("Former"),
    "former_path": gettext_lazy("Former place in the tree"),
    "failures_cleared": gettext_lazy("Failures cleared"),
}
# Technical details kept in the trail but not shown: a message's key and what it was about (its record's name says it).
_HIDDEN_DETAILS = {"key", "about"}


def _details(event: Event, statuses: dict[str, dict[str, str]], formatters: list) -> list[tuple[str, str]]:
    for formatter in formatters:  # a module that words the details of its own actions
        worded = formatter(event.action, event.details or {})
        if worded is not None:
            return [(str(k), str(v)) for k, v in worded]
    prefix = event.action.split(".", 1)[0]
    names = statuses.get(prefix, {})
    shown: list[tuple[str, str]] = []
    for key, value in (event.details or {}).items():
        if value in (None, "", [], {}) or key in _HIDDEN_DETAILS:
            continue
        label = str(_DETAIL_KEYS[key]) if key in _DETAIL_KEYS else key
        if key in ("from", "to") and names:
            shown.append((label, names.get(str(value), str(value))))
        elif key == "channel":
            shown.append((label, _channel_name(str(value))))
        elif isinstance(value, list):
            shown.append((label, ", ".join(str(v) for v in value)))
        else:
            shown.append((label, str(value)))
    return shown


def _channel_name(code: str) -> str:
    from gandan.notify.models import ChannelKind

    return str(dict(ChannelKind.choices).get(code, code))


def _about(event: Event) -> tuple[str, str] | None:
    """A message's event is about a record ("dossiers.dossier#1049" in its details): that record's (type, id)."""
    if event.object_type != "notify.notification":
        return None
    about = str((event.details or {}).get("about") or "")
    object_type, _sep, object_id = about.partition("#")
    return (object_type, object_id) if object_type and object_id else None


def actor_label(event: Event) -> str:
    """Who did it, in words: the system (a task, the worker) is "Hệ thống", not the code stored with the event."""
    if event.actor_id is None and event.actor_name == "system":
        return str(gettext_lazy("System"))
    return event.actor_name


def readable_events(user, events: list[Event]) -> list[dict[str, Any]]:
    """The events of one page as a person reads them: the action's name, the record's name and link (only when the
    owning module lets this user open it), and the details with status names."""
    actions = action_labels()
    statuses = status_labels()
    resolved = _resolve(user, events)
    claimed = _claimed_types()
    formatters = _hooks("audit_details")
    rows = []
    for e in events:
        named = resolved.get((e.object_type, e.object_id))
        about = _about(e)
        if e.object_type == "notify.notification":
            # "Tin nhắn — hồ sơ 08848-…": the message, and the record it was about when this user may open it.
            message = str(gettext_lazy("Message"))
            about_named = resolved.get(about) if about else None
            if about is None:
                name, url = message, ""
            elif about_named is not None:
                name, url = f"{message} — {object_type_label(about[0])} {about_named[0]}", about_named[1]
            else:
                name, url = f"{message} — {object_type_label(about[0])}", ""
        elif named is not None:
            name, url = named
        elif e.object_type in claimed:
            name, url = object_type_label(e.object_type), ""
        else:
            name, url = e.object_repr, ""
        rows.append(
            {
                "event": e,
                "action_label": actions.get(e.action, e.action),
                "actor_label": actor_label(e),
                "object_name": name,
                "object_url": url,
                "details": _details(e, statuses, formatters),
            }
        )
    return rows
