"""The grassroots democracy module's declaration: menu, audit labels, and (as they are built) home sections, public
tiles and report sections. Each hook lives beside the code it speaks for and is gathered here."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gandan.democracy.dashboard_figures import dashboard_figures, dashboard_indicators  # noqa: F401
from gandan.democracy.public_blocks import public_blocks as public_blocks  # the citizen home's blocks
from gandan.modules import Module

MODULE = Module(
    key="democracy",
    name=gettext_lazy("Grassroots democracy"),
    menu_url="democracy:disclosures",
    permission="democracy.view",
    has_public=True,
)


def audit_actions() -> dict:
    return {
        "democracy.disclosure_create": _("Recorded a public disclosure"),
        "democracy.disclosure_update": _("Changed a public disclosure"),
        "democracy.disclosure_withdraw": _("Withdrew a public disclosure"),
        "democracy.document_add": _("Added a document to a disclosure"),
        "democracy.consultation_create": _("Prepared a consultation"),
        "democracy.consultation_update": _("Changed a consultation"),
        "democracy.consultation_open": _("Opened a consultation for comments"),
        "democracy.comment_enter": _("Entered an opinion on a consultation"),
        "democracy.comment_submit": _("An opinion was sent on the portal"),
        "democracy.comment_consider": _("Considered an opinion"),
        "democracy.consultation_summary": _("Wrote a consultation's summary of opinions"),
        "democracy.consultation_publish": _("Published a consultation's summary"),
        "democracy.comments_export": _("Exported a consultation's opinions"),
        "democracy.household_add": _("Added a household to the register"),
        "democracy.household_update": _("Changed a household"),
        "democracy.household_leave": _("Marked a household as having left the village"),
        "democracy.households_import": _("Imported households from a spreadsheet"),
        "democracy.vote_create": _("Prepared a household vote"),
        "democracy.vote_update": _("Changed a household vote being prepared"),
        "democracy.vote_open": _("Opened a household vote"),
        "democracy.vote_cancel": _("Cancelled a household vote"),
        "democracy.codes_issue": _("Printed the online ballot codes of a vote"),
        "democracy.ballot_cast": _("A household voted online"),
        "democracy.vote_count": _("Counted a household vote"),
        "democracy.ballot_enter": _("Entered a household's ballot"),
        "democracy.vote_send": _("Sent a community decision for recognition"),
        "democracy.vote_recognise": _("Recognised a community decision"),
        "democracy.vote_refuse": _("Refused to recognise a community decision"),
        "democracy.covenant_create": _("Drafted a village covenant"),
        "democracy.covenant_move": _("Moved a village covenant to its next step"),
        "democracy.covenant_revise": _("Revised a village covenant's text"),
        "democracy.board_create": _("Set up a supervision board"),
        "democracy.board_member": _("Changed a supervision board's members"),
        "democracy.finding_create": _("Recorded a supervision finding"),
        "democracy.finding_answer": _("Answered a supervision finding"),
        "democracy.board_update": _("Changed a supervision board"),
        "democracy.board_dissolve": _("Dissolved a supervision board"),
        "democracy.finding_move": _("Changed the state of a supervision finding"),
    }


def home_sections(user) -> list:
    """The module's sections on the staff home, each concern's gathered here."""
    from gandan.democracy.home_supervision import supervision_home_sections
    from gandan.democracy.home_votes import votes_home_sections

    return [*votes_home_sections(user), *supervision_home_sections(user)]


def signal_source_links(user, source_kind: str, ids: list[str]) -> dict[str, str]:
    """The opinion board's way back from a signal of the module's own source kinds to its record, for who may open
    it (gandan.opinion.sources)."""
    from gandan.democracy.consultations_module import comment_links
    from gandan.democracy.selectors.supervision import FINDING_SOURCE, finding_links

    if source_kind == FINDING_SOURCE:
        return finding_links(user, ids)
    return comment_links(user, source_kind, ids)


def public_tiles() -> list[dict]:
    """What a citizen can do on the portal home, one function per concern."""
    from gandan.democracy import consultations_module, disclosures_module

    return [
        *disclosures_module.tiles(),
        *consultations_module.consultation_tiles(),
        *consultations_module.covenant_tiles(),
    ]


def audit_object_types() -> list[str]:
    from gandan.democracy import consultations_module, disclosures_module

    return [*disclosures_module.object_types(), *consultations_module.object_types()]


def audit_objects(user, object_type: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    from gandan.democracy import consultations_module, disclosures_module

    if object_type in disclosures_module.object_types():
        return disclosures_module.objects(user, object_type, ids)
    return consultations_module.objects(user, object_type, ids)


def audit_details(action: str, details: dict) -> list[tuple] | None:
    from gandan.democracy import disclosures_module

    return disclosures_module.details(action, details)


def report_sections(*, unit_path: str, paths: list[str], start, end) -> list:
    """Grassroots democracy in the periodic mass-mobilisation report (gandan.kit.reports): disclosures decided in the
    period and whether they went up on time, consultations and their published summaries, household votes."""
    from django.urls import reverse

    from gandan.democracy.selectors.report_figures import democracy_figures
    from gandan.kit.reports import Figure, ReportSection, commune_filter, query

    found = democracy_figures(paths=paths, start=start, end=end)
    unit = commune_filter(unit_path)
    disclosures = reverse("democracy:disclosures")
    return [
        ReportSection(
            key="democracy.democracy",
            title=_("Grassroots democracy"),
            order=50,
            figures=[
                Figure(
                    "disclosures",
                    _("Disclosures decided in the period"),
                    found.disclosures,
                    disclosures + query(f"year={end.year}", unit),
                    _("Counted by the date of the decision; withdrawn ones are not counted."),
                ),
                Figure(
                    "disclosed_late",
                    _("Of which posted after the 5-working-day deadline"),
                    found.disclosed_late,
                    disclosures + query("late_start=on", unit),
                ),
                Figure(
                    "not_yet_disclosed",
                    _("Of which not yet posted, deadline passed"),
                    found.not_yet_disclosed,
                    disclosures + query("show=late", unit),
                ),
                Figure(
                    "consultations",
                    _("Consultations opened"),
                    found.consultations,
                    reverse("democracy:consultations"),
                ),
                Figure(
                    "summaries_published",
                    _("Of which with the summary of opinions published"),
                    found.summaries_published,
                    reverse("democracy:consultations"),
                ),
                Figure(
                    "votes_counted",
                    _("Household votes counted"),
                    found.votes_counted,
                    reverse("democracy:votes"),
                ),
                Figure(
                    "votes_passed",
                    _("Of which passed (share of all households)"),
                    found.votes_passed,
                    reverse("democracy:votes"),
                ),
            ],
        )
    ]
