"""The audit trail's words for the officials' corrections of public opinion (to be wired into module.py's
`audit_actions` / `audit_object_types`)."""

from django.utils.translation import gettext_lazy

ACTIONS = {
    "opinion.issue_rename": gettext_lazy("Renamed an issue of public opinion"),
    "opinion.issue_topic_set": gettext_lazy("Set the topic of an issue of public opinion"),
    "opinion.signal_topic_set": gettext_lazy("Corrected the topic of a signal"),
    "opinion.issue_dismiss": gettext_lazy("Dismissed an issue of public opinion"),
    "opinion.issue_reopen": gettext_lazy("Reopened an issue of public opinion"),
    "opinion.issue_merge": gettext_lazy("Merged an issue into another"),
    "opinion.issue_split": gettext_lazy("Split signals off an issue into a new one"),
    "opinion.topic_create": gettext_lazy("Added a topic of public opinion"),
    "opinion.topic_update": gettext_lazy("Changed a topic of public opinion"),
    "opinion.board_export": gettext_lazy("Exported the board of public opinion"),
    "opinion.issue_export": gettext_lazy("Exported the signals of an issue"),
}

OBJECT_TYPES = ["opinion.issue", "opinion.signal", "opinion.topic"]


def audit_actions() -> dict:
    return dict(ACTIONS)


def audit_object_types() -> list[str]:
    return list(OBJECT_TYPES)
