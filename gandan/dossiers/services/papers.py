"""The application and the checklist of papers, as the desk and the citizen fill them in: the answers checked
against the procedure's fields (gandan.core.application_forms), the officer's ticks applied to the dossier's
checklist, and the refusal that names the papers still missing."""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gandan.core.application_forms import Paper, clean_answers, missing_papers
from gandan.dossiers.models import CopyKind, Procedure, SubmittedComponent
from gandan.errors import DomainError

ANSWER_PROBLEMS = {
    "required": lambda: _("Fill in this field."),
    "date_format": lambda: _("Write the date as dd/mm/yyyy, e.g. 05/03/2026."),
    "date_year": lambda: _("The year must be after 1900."),
    "date_future": lambda: _("This date cannot be after today."),
    "number": lambda: _("Write a whole number, digits only."),
    "idnumber": lambda: _("A citizen ID number has exactly 12 digits, e.g. 025190012345."),
    "choice": lambda: _("Choose one of the options given."),
    "too_long": lambda: _("This answer is too long; shorten it."),
}
# Form and API field names of the answers: "app_<key>", so they never clash with the applicant's own fields.
ANSWER_PREFIX = "app_"


@dataclass(frozen=True)
class PaperTick:
    """What the officer ticked for one paper of the procedure: received or not, in which form, how many (blank
    form and 0 mean "as the procedure asks"), and for a conditional paper whether its case applies."""

    component_id: int
    received: bool = False
    kind: str = ""
    count: int = 0
    applies: bool = False


def application_clean(
    procedure: Procedure, raw: Mapping[str, object] | None, *, today: dt.date
) -> list[dict[str, str]]:
    """The answers to `procedure`'s fields, ready to store, or a DomainError naming each field's problem (the
    fields are named "app_<key>" as on the forms)."""
    cleaned = clean_answers(procedure.fields_schema, raw or {}, today=today)
    if not cleaned.ok:
        raise DomainError(
            "application_invalid",
            errors={
                ANSWER_PREFIX + key: str(ANSWER_PROBLEMS[code]()) for key, code in cleaned.problems.items()
            },
        )
    return [a.as_dict() for a in cleaned.answers]


def ticks_from_ids(component_ids: Iterable[int]) -> list[PaperTick]:
    """The older "papers brought" list of ids: each received as the procedure asks it."""
    return [PaperTick(component_id=i, received=True) for i in component_ids]


def checklist_new(procedure: Procedure) -> list[SubmittedComponent]:
    """A dossier's checklist (unsaved): each paper of the procedure as it asks it, nothing received yet."""
    return [
        SubmittedComponent(
            component=c,
            name=c.name,
            copy_kind=c.copy_kind,
            count=c.count,
            required=c.required,
            condition=c.condition,
        )
        for c in procedure.components.all()
    ]


def checklist_tick(rows: Sequence[SubmittedComponent], ticks: Sequence[PaperTick]) -> list[str]:
    """Apply the officer's ticks to the checklist rows in memory (a row not ticked is not received); returns the
    fields the rows changed. An unknown paper, form or count is refused."""
    by_component = {row.component_id: row for row in rows if row.component_id}
    unknown = [t.component_id for t in ticks if t.component_id not in by_component]
    if unknown:
        raise DomainError(
            "paper_unknown", _("A ticked paper is not on this dossier's checklist."), field="papers"
        )
    if any(t.kind and t.kind not in CopyKind.values for t in ticks):
        raise DomainError("paper_kind_invalid", _("Choose original or copy for each paper."), field="papers")
    if any(not 0 <= t.count <= 99 for t in ticks):
        raise DomainError(
            "paper_count_invalid", _("The count of a paper is between 1 and 99."), field="papers"
        )
    given = {t.component_id: t for t in ticks}
    for row in rows:
        tick = given.get(row.component_id) if row.component_id else None
        row.present = bool(tick and tick.received)
        row.applies = bool(tick and tick.applies) if row.condition else False
        row.received_kind = (tick.kind or row.copy_kind) if row.present and tick else ""
        row.received_count = (tick.count or row.count) if row.present and tick else 0
    return ["present", "applies", "received_kind", "received_count"]


def checklist_missing(rows: Iterable[SubmittedComponent]) -> list[str]:
    """The papers still needed and not received (required of everyone, or conditional and ticked as applying)."""
    return missing_papers(
        Paper(name=r.name, required=r.required, condition=r.condition, applies=r.applies, received=r.present)
        for r in rows
    )


def refuse_if_missing(rows: Iterable[SubmittedComponent]) -> None:
    """Acceptance waits for every needed paper: the refusal names them, so the officer can request them (Form 02)."""
    missing = checklist_missing(rows)
    if missing:
        raise DomainError(
            "papers_missing",
            _(
                "The dossier cannot be accepted while papers are missing: %(papers)s. Tick them when they are "
                "received, or request them (Form 02)."
            )
            % {"papers": "; ".join(missing)},
            field="papers",
        )
