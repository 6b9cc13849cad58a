"""The dialogues module's declaration: menu, home sections, public tiles, the opinion board's links back to a
question, and the audit trail's labels and records. Each hook lives beside the code it speaks for and is gathered
here."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gandan.dialogues.dashboard_figures import dashboard_figures, dashboard_indicators  # noqa: F401
from gandan.dialogues.home import home_sections  # noqa: F401  (the staff home's sections)
from gandan.dialogues.public_blocks import public_blocks as public_blocks  # the citizen home's blocks
from gandan.modules import Module

MODULE = Module(
    key="dialogues",
    name=gettext_lazy("Dialogues"),
    menu_url="dialogues:list",
    permission="dialogues.view",
    has_public=True,
)


def audit_actions() -> dict:
    return {
        "dialogues.dialogue_create": _("Scheduled a dialogue"),
        "dialogues.dialogue_update": _("Changed a dialogue"),
        "dialogues.dialogue_hold": _("Recorded that a dialogue was held"),
        "dialogues.dialogue_close": _("Closed a dialogue with its minutes"),
        "dialogues.dialogue_cancel": _("Cancelled a dialogue"),
        "dialogues.question_enter": _("Entered a citizen's question"),
        "dialogues.question_group": _("Grouped or assigned a question"),
        "dialogues.question_answer": _("Answered a question"),
        "dialogues.question_set_aside": _("Set a question aside"),
        "dialogues.question_contact_read": _("Read a questioner's contacts"),
        "dialogues.commitment_create": _("Recorded a commitment"),
        "dialogues.commitment_progress": _("Recorded progress on a commitment"),
        "dialogues.commitment_done": _("Marked a commitment done"),
        "dialogues.commitment_cancel": _("Cancelled a commitment"),
    }


def audit_statuses() -> dict:
    from gandan.dialogues.models import COMMITMENT_STATES, Dialogue, Question

    # One table for the three records' codes (a dialogue and a commitment are both "cancelled", in the same words).
    return {
        "dialogues": {
            **dict(Dialogue.Status.choices),
            **dict(Question.Status.choices),
            **dict(COMMITMENT_STATES),
        }
    }


_OBJECT_TYPES = ("dialogues.dialogue", "dialogues.question", "dialogues.commitment")


def audit_object_types() -> list[str]:
    return list(_OBJECT_TYPES)


def audit_objects(user, object_type: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    """The dialogues, questions (by their code, never by the asker) and commitments among `ids` that `user` may
    open, with their page."""
    if object_type not in _OBJECT_TYPES or not user.can("dialogues.view"):
        return {}
    numbers = [int(i) for i in ids if i.isdigit() and len(i) <= 10]
    if not numbers:
        return {}
    if object_type == "dialogues.dialogue":
        from gandan.dialogues.selectors.dialogues import dialogues_for_user

        rows = dialogues_for_user(user).filter(pk__in=numbers).select_related(None).only("pk", "title")
        return {str(d.pk): (d.title, reverse("dialogues:detail", args=[d.pk])) for d in rows}
    if object_type == "dialogues.question":
        from gandan.dialogues.selectors.questions import questions_for_user

        found = questions_for_user(user).filter(pk__in=numbers).values_list("pk", "code")
        return {str(pk): (code, reverse("dialogues:question", args=[pk])) for pk, code in found}
    from gandan.dialogues.selectors.commitments import commitments_for_user

    commitments = commitments_for_user(user).filter(pk__in=numbers).select_related(None).only("pk", "due")
    return {
        str(c.pk): (
            _("Commitment due %(day)s") % {"day": f"{c.due:%d/%m/%Y}"},
            reverse("dialogues:commitment", args=[c.pk]),
        )
        for c in commitments
    }


def signal_source_links(user, source_kind: str, ids: list[str]) -> dict[str, str]:
    """The opinion board's way back from a question (gandan.opinion.sources) to its page, for who may open it."""
    from gandan.dialogues.services.questions import QUESTION_SOURCE

    if source_kind != QUESTION_SOURCE:
        return {}
    from gandan.dialogues.selectors.questions import question_links

    return question_links(user, ids)


def public_tiles() -> list[dict]:
    return [
        {
            "title": _("Dialogues with the commune's leaders"),
            "text": _(
                "Send your question before a dialogue, read the answers, and follow each promise made to the people "
                "until it is done."
            ),
            "url": reverse("dialogues_public:list"),
        }
    ]


def audit_details(action: str, details: dict) -> list[tuple] | None:
    from gandan.dialogues.audit_words import details as worded

    return worded(action, details)


def report_sections(*, unit_path: str, paths: list[str], start, end) -> list:
    """Dialogues in the periodic mass-mobilisation report (gandan.kit.reports): held, questions taken and answered,
    commitments falling due in the period and how they stood on its last day."""
    from django.urls import reverse

    from gandan.dialogues.selectors.report_figures import dialogue_figures
    from gandan.kit.reports import Figure, ReportSection, commune_filter, query

    found = dialogue_figures(paths=paths, start=start, end=end)
    unit = commune_filter(unit_path)
    dialogues = reverse("dialogues:list") + query(f"year={end.year}", unit)
    commitments = reverse("dialogues:commitments")
    return [
        ReportSection(
            key="dialogues.dialogues",
            title=_("Dialogues between the leaders and the people"),
            order=45,
            figures=[
                Figure("held", _("Dialogues held"), found.held, dialogues),
                Figure("questions", _("Citizens' questions taken to them"), found.questions, dialogues),
                Figure("answered", _("Questions answered"), found.answered, dialogues),
                Figure(
                    "commitments_due",
                    _("Commitments falling due in the period"),
                    found.commitments_due,
                    commitments,
                    _("Cancelled commitments are not counted."),
                ),
                Figure(
                    "commitments_done",
                    _("Of which done by the period's end"),
                    found.commitments_done,
                    commitments,
                ),
                Figure(
                    "commitments_overdue",
                    _("Of which not done by the period's end"),
                    found.commitments_overdue,
                    commitments + "?state=overdue",
                ),
            ],
        )
    ]
