"""The field reports module's declaration: menu, public tiles, the audit trail's labels and records."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gandan.fieldreports.public_blocks import public_blocks as public_blocks  # the citizen home's blocks
from gandan.modules import Module

MODULE = Module(
    key="fieldreports",
    name=gettext_lazy("Field reports"),
    menu_url="fieldreports:list",
    permission="fieldreports.view",
    has_api=False,  # its open interface is Open311 GeoReport v2 at /open311/v2/ (gandan.fieldreports.open311)
    has_public=True,
)


def public_tiles() -> list[dict]:
    return [
        {
            "title": _("Report a problem where you live"),
            "text": _(
                "A broken road, rubbish, flooding, noise: send a photo and the place; follow how it is fixed."
            ),
            "url": reverse("fieldreports_public:new"),
        }
    ]


def audit_actions() -> dict:
    from gandan.core.fieldreports import Action

    words = {
        "receive": _("Received a field report"),
        Action.ACKNOWLEDGE: _("Began checking a field report"),
        Action.START: _("Began fixing a field report"),
        Action.SCHEDULE: _("Scheduled the fix of a field report"),
        Action.FIX: _("Marked a field report fixed"),
        Action.DUPLICATE: _("Marked a field report as a duplicate"),
        Action.NOT_RESPONSIBLE: _("Found a field report not the unit's to handle"),
        Action.NO_FURTHER_ACTION: _("Closed a field report with no further action"),
        Action.TO_PETITION: _("Turned a field report into a petition"),
        Action.REOPEN: _("Reopened a field report"),
    }
    from gandan.fieldreports.services.setup import audit_setup_actions

    return {**{f"fieldreports.{code}": label for code, label in words.items()}, **audit_setup_actions()}


def audit_statuses() -> dict:
    from gandan.fieldreports.models import STATUSES

    return {"fieldreports": dict(STATUSES)}


def audit_object_types() -> list[str]:
    return ["fieldreports.fieldreport"]


def audit_objects(user, object_type: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    """The reports among `ids` that `user` may open: their code (never the reporter) and page."""
    if object_type != "fieldreports.fieldreport" or not user.can("fieldreports.view"):
        return {}
    from gandan.fieldreports.selectors import reports_for_user

    numbers = [int(i) for i in ids if i.isdigit() and len(i) <= 10]
    rows = reports_for_user(user).filter(pk__in=numbers).values_list("pk", "code")
    return {str(pk): (code, reverse("fieldreports:detail", args=[pk])) for pk, code in rows}


def signal_source_links(user, source_kind: str, ids: list[str]) -> dict[str, str]:
    """The opinion board's way back from a report to its page, for who may open it."""
    from gandan.fieldreports.services.intake import SIGNAL_SOURCE

    if source_kind != SIGNAL_SOURCE or not user.can("fieldreports.view"):
        return {}
    from gandan.fieldreports.selectors import reports_for_user

    numbers = [int(i) for i in ids if i.isdigit() and len(i) <= 10]
    found = reports_for_user(user).filter(pk__in=numbers).values_list("pk", flat=True)
    return {str(pk): reverse("fieldreports:detail", args=[pk]) for pk in found}
