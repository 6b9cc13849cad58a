from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gandan.dossiers.selectors import worklist_counts
from gandan.modules import Module

MODULE = Module(
    key="dossiers",
    name=_("One-stop desk"),
    menu_url="dossiers:worklist",
    permission="dossiers.view",
    has_public=True,
)


def home_widgets(user) -> list[dict]:
    counts = worklist_counts(user)
    url = reverse("dossiers:worklist")
    return [
        {
            "title": _("Dossiers overdue"),
            "value": counts["overdue"],
            "note": _("Need an apology and a new date"),
            "url": f"{url}?worklist=overdue",
        },
        {
            "title": _("Dossiers due soon"),
            "value": counts["due_soon"],
            "note": _("Within two working days"),
            "url": f"{url}?worklist=due_soon",
        },
        {
            "title": _("New dossiers to check"),
            "value": counts["new"],
            "note": _("Submitted online"),
            "url": f"{url}?worklist=new",
        },
    ]


def public_tiles() -> list[dict]:
    return [
        {
            "title": _("Look up a dossier"),
            "text": _("See where your dossier is, with its code and your phone number."),
            "url": reverse("dossiers_public:lookup"),
        },
        {
            "title": _("Submit a dossier online"),
            "text": _("Birth, marriage and residence papers and more, without queuing."),
            "url": reverse("dossiers_public:submit_choose"),
        },
    ]


# --- The audit trail (gandan/audit/labels.py) ----------------------------------------------------------------------


def audit_actions() -> dict:
    steps = {
        "submit": _("Submitted"),
        "accept": _("Received, appointment given"),
        "request_supplement": _("More papers requested"),
        "refuse": _("Refused"),
        "transfer": _("Handed to a handler"),
        "receive_supplement": _("Papers received"),
        "request_payment": _("Payment requested"),
        "record_payment": _("Payment received"),
        "withdraw": _("Withdrawn"),
        "stop": _("Processing stopped"),
        "complete": _("Result ready"),
        "return_result": _("Result returned to the citizen"),
        "apologize": _("Apology, new appointment"),
        "rate": _("Citizen rated the service"),
        "attachment_read": _("Opened a dossier's attachment"),
        "export_book": _("Exported the dossier book"),
        "lookup_unlock": _("Unlocked the citizen's lookup"),
        "procedures_import": _("Imported procedures"),
    }
    return {f"dossiers.{code}": label for code, label in steps.items()}


def audit_statuses() -> dict:
    from gandan.dossiers.models import Status

    return {"dossiers": dict(Status.choices)}


def audit_object_types() -> list[str]:
    return ["dossiers.dossier"]


def audit_objects(user, object_type: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    """The dossiers among `ids` that `user` may open: their code and page."""
    if object_type != "dossiers.dossier" or not user.can("dossiers.view"):
        return {}
    from gandan.accounts.scope import scoped
    from gandan.dossiers.models import Dossier

    numbers = [int(i) for i in ids if i.isdigit()]
    rows = scoped(Dossier.objects.filter(pk__in=numbers), user, path_field="unit_path").values_list(
        "pk", "code"
    )
    return {str(pk): (code, reverse("dossiers:detail", args=[pk])) for pk, code in rows}
