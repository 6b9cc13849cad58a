from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gandan.modules import Module
from gandan.petitions.selectors import worklist_counts

MODULE = Module(
    key="petitions",
    name=_("Petitions"),
    menu_url="petitions:worklist",
    permission="petitions.view",
    has_public=True,
)


def home_widgets(user) -> list[dict]:
    if not user.can("petitions.view"):
        return []
    counts = worklist_counts(user)
    url = reverse("petitions:worklist")
    return [
        {
            "title": _("Petitions overdue"),
            "value": counts["overdue"],
            "note": _("Past the statutory deadline"),
            "url": f"{url}?worklist=overdue",
        },
        {
            "title": _("Petitions to process"),
            "value": counts["new"],
            "note": _("Received, not yet classified"),
            "url": f"{url}?worklist=new",
        },
    ]


def public_tiles() -> list[dict]:
    return [
        {
            "title": _("Send a petition"),
            "text": _("A complaint, denunciation, recommendation or reflection, online."),
            "url": reverse("petitions_public:submit"),
        },
        {
            "title": _("Follow your petition"),
            "text": _("See where your petition is, with its code and your phone."),
            "url": reverse("petitions_public:lookup"),
        },
    ]


# --- The audit trail (gandan/audit/labels.py) ----------------------------------------------------------------------


def audit_actions() -> dict:
    actions = {
        "receive": _("Received"),
        "accept": _("Accepted for resolution"),
        "not_accept": _("Not accepted (a notice with the reasons is sent)"),
        "guide": _("Guided to the competent body"),
        "forward": _("Forwarded to the competent body"),
        "file": _("Filed without action"),
        "merge": _("Joined to an earlier case on the same matter"),
        "extend_classify": _("Time to classify extended"),
        "assign": _("Assigned to a handler"),
        "transfer": _("Handed to another handler"),
        "add_task": _("Verification task added"),
        "task_done": _("Verification task done"),
        "dialogue": _("Dialogue with the petitioner"),
        "extend": _("Time to resolve extended"),
        "suspend": _("Resolution suspended"),
        "resume": _("Resolution resumed"),
        "decide": _("Resolved"),
        "terminate": _("Resolution terminated"),
        "withdraw": _("Withdrawn"),
        "escalate": _("Escalated"),
        "grant": _("Access to the denunciator's identity granted"),
        "revoke": _("Access to the denunciator's identity revoked"),
        "waive": _("The denunciator waived protection"),
        "identity_waived": _("The denunciator waived protection"),
        "redact": _("Personal data redacted"),
        "attachment_read": _("Opened a petition's attachment"),
        "lookup_unlock": _("Unlocked the citizen's lookup"),
        "duplicate_linked": _("Linked to a duplicate"),
        "clock_rule_correct": _("Corrected a statutory time limit"),
    }
    return {f"petitions.{code}": label for code, label in actions.items()}


def audit_statuses() -> dict:
    from gandan.petitions.models import Status

    return {"petitions": dict(Status.choices)}


def audit_object_types() -> list[str]:
    return ["petitions.petition"]


def audit_objects(user, object_type: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    """The petitions among `ids` that `user` may open: their code (never a person's name) and page."""
    if object_type != "petitions.petition" or not user.can("petitions.view"):
        return {}
    from gandan.accounts.scope import scoped
    from gandan.petitions.models import Petition

    numbers = [int(i) for i in ids if i.isdigit()]
    rows = scoped(Petition.objects.filter(pk__in=numbers), user, path_field="unit_path").values_list(
        "pk", "code"
    )
    return {str(pk): (code, reverse("petitions:detail", args=[pk])) for pk, code in rows}
