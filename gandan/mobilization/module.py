"""The mass-mobilisation module's declaration: menu, home sections, public tiles, report sections, audit labels.
Each hook lives beside the code it speaks for (teams, initiatives, reports) and is gathered here."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gandan.mobilization.dashboard_figures import dashboard_figures, dashboard_indicators  # noqa: F401
from gandan.mobilization.home import home_sections  # noqa: F401  (the staff home's section)
from gandan.mobilization.public_blocks import public_blocks as public_blocks  # the citizen home's blocks
from gandan.mobilization.selectors.report_figures import report_sections  # noqa: F401  (the periodic report's hook)
from gandan.modules import Module

MODULE = Module(
    key="mobilization",
    name=gettext_lazy("Mass mobilisation"),
    menu_url="mobilization:teams",
    permission="mobilization.view",
    has_public=True,
)


def audit_actions() -> dict:
    return {
        "mobilization.team_create": _("Set up a mobilisation team"),
        "mobilization.team_update": _("Changed a mobilisation team"),
        "mobilization.team_dissolve": _("Dissolved a mobilisation team"),
        "mobilization.member_add": _("Added a member to a mobilisation team"),
        "mobilization.member_update": _("Changed a team member"),
        "mobilization.member_end": _("Ended a team member's term"),
        "mobilization.teams_import": _("Imported mobilisation teams from a spreadsheet"),
        "mobilization.activity_record": _("Recorded a mobilisation activity"),
        "mobilization.activity_update": _("Changed a mobilisation activity"),
        "mobilization.activities_export": _("Exported the list of mobilisation activities"),
        "mobilization.initiative_register": _("Registered a “dân vận khéo” model"),
        "mobilization.initiative_update": _("Changed a “dân vận khéo” model"),
        "mobilization.initiative_start": _("Started implementing a model"),
        "mobilization.initiative_review": _("Reviewed and scored a model"),
        "mobilization.initiative_recognise": _("Recognised a model"),
        "mobilization.initiative_decline": _("Sent a model back after review"),
        "mobilization.initiative_withdraw": _("Withdrew a model"),
        "mobilization.initiative_replicate": _("Replicated a model"),
        "mobilization.evidence_add": _("Added evidence to a model"),
        "mobilization.evidence_read": _("Opened a model's evidence file"),
        "mobilization.evidence_remove": _("Removed evidence from a model"),
        "mobilization.report_create": _("Started a mobilisation report"),
        "mobilization.report_refresh": _("Recomputed a report's figures"),
        "mobilization.report_write": _("Wrote a report's sections"),
        "mobilization.report_submit": _("Submitted a report for approval"),
        "mobilization.report_approve": _("Approved a report"),
        "mobilization.report_return": _("Returned a report to its drafter"),
        "mobilization.report_export": _("Exported a report"),
    }


def signal_source_links(user, source_kind: str, ids: list[str]) -> dict[str, str]:
    """The opinion board's way back from a team's note (gandan.opinion.sources) to its page, for who may open it."""
    from gandan.mobilization.services.activities import NOTE_SOURCE

    if source_kind != NOTE_SOURCE:
        return {}
    from gandan.mobilization.selectors.activities import note_links

    return note_links(user, ids)


# --- "Dân vận khéo" models (gandan/mobilization/initiatives_module.py) ------------------------------------------------


def public_tiles() -> list[dict]:
    from gandan.mobilization.initiatives_module import showcase_tiles

    return showcase_tiles()


def audit_object_types() -> list[str]:
    from gandan.mobilization import initiatives_module

    return initiatives_module.object_types()


def audit_objects(user, object_type: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    from gandan.mobilization import initiatives_module

    return initiatives_module.objects(user, object_type, ids)


def audit_details(action: str, details: dict) -> list[tuple] | None:
    from gandan.mobilization import initiatives_module

    return initiatives_module.details(action, details)
