"""The audit trail's words for the officials' corrections of public opinion (to be wired into module.py's
`audit_actions`, `audit_object_types` and `audit_objects`)."""

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


def audit_objects(user, object_type: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    """The issues, signals and topics among `ids` that `user` may open, named by an issue's title (already masked),
    a signal's number, a topic's name."""
    from django.urls import reverse

    from gandan.accounts.scope import scoped
    from gandan.opinion.models import Issue, Signal, Topic

    if object_type not in OBJECT_TYPES or not user.can("opinion.view"):
        return {}
    numbers = [int(i) for i in ids if i.isdigit()]
    found: dict[str, tuple[str, str]] = {}
    if object_type == "opinion.issue":
        for issue in scoped(Issue.objects.filter(pk__in=numbers), user, path_field="unit_path"):
            found[str(issue.pk)] = (issue.title, reverse("opinion:issue", args=[issue.pk]))
    elif object_type == "opinion.signal":
        for signal in scoped(Signal.objects.filter(pk__in=numbers), user, path_field="unit_path"):
            url = reverse("opinion:issue", args=[signal.issue_id]) if signal.issue_id else ""
            found[str(signal.pk)] = (f"#{signal.pk}", url)
    else:
        editable = user.can("topics.edit")
        for topic in Topic.objects.filter(pk__in=numbers):
            found[str(topic.pk)] = (
                topic.name,
                reverse("opinion:topic_edit", args=[topic.pk]) if editable else "",
            )
    return found
