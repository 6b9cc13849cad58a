"""Commitments: an answer that promises action, followed to done in public (DOMAIN.md §5.3; the issue's "every
commitment tracked"). What was promised, the office or post that answers for it (and the officer, when one is
named), the due date; progress notes, each shown on the public page in order; done only with evidence of what was done
(a text, and optionally a photo or PDF checked by its content); cancelled only with a reason. Overdue is not a state:
not finished and past its due date (`gandan.core.democracy.commitments.is_overdue`).

The states move by `gandan.core.democracy.commitments.COMMITMENT_MOVES`; every step is audited and leaves a
`CommitmentUpdate` the public reads."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core.democracy.commitments import CommitmentState, commitment_can_move
from gandan.core.vntext import normalize
from gandan.dialogues.models import Commitment, CommitmentUpdate, Dialogue, Question
from gandan.dialogues.rules import DialogueAction, dialogue_allows
from gandan.dialogues.services.dialogues import (
    MANAGE,
    check_in_scope,
    is_commune_officer,
    lock,
    require_manage,
)
from gandan.errors import Conflict, DomainError, NotAllowed, too_long
from gandan.kit.uploads import upload_checked

TEXT_MAX = 5_000
OWNER_MAX = 200
NOTE_MAX = 5_000
EVIDENCE_MAX = 10_000
REASON_MAX = 300
DUE_YEARS = 5  # a promise further off than this is not one a dialogue can follow

State = CommitmentState

__all__ = [
    "CommitmentFacts",
    "commitment_add",
    "commitment_cancel",
    "commitment_create",
    "commitment_done",
    "commitment_progress",
    "may_report",
]


@dataclass(frozen=True)
class CommitmentFacts:
    text: str
    owner: str
    due: dt.date | None
    owner_user: User | None = None


def may_report(user: User | None, commitment: Commitment) -> bool:
    """The module's managers follow every commitment of their units; the officer named as its owner reports on his."""
    if user is None or not user.is_authenticated:
        return False
    return user.can(MANAGE) or (commitment.owner_user_id is not None and commitment.owner_user_id == user.pk)


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _check(facts: CommitmentFacts, dialogue: Dialogue) -> CommitmentFacts:
    errors: dict[str, str] = {}
    text = normalize(facts.text or "", multiline=True)
    owner = normalize(facts.owner or "")
    if not text:
        errors["commitment_text"] = _("Write what was promised: what will be done, where.")
    elif problem := too_long(text, max_length=TEXT_MAX):
        errors["commitment_text"] = problem
    if not owner:
        errors["owner"] = _(
            "Enter the office or post that answers for it, e.g. “Công chức Địa chính - Xây dựng”."
        )
    elif problem := too_long(owner, max_length=OWNER_MAX):
        errors["owner"] = problem
    if facts.owner_user is not None and not is_commune_officer(facts.owner_user, dialogue.unit_path):
        errors["owner_user"] = _("Choose an officer of %(commune)s.") % {"commune": dialogue.unit.name}
    day = timezone.localdate(dialogue.starts_at)
    due = facts.due
    if due is None:
        errors["due"] = _("Enter the date by which it will be done, as dd/mm/yyyy.")
    elif due < day:
        errors["due"] = _("The due date cannot be before the dialogue (%(day)s).") % {"day": _day(day)}
    elif due.year > day.year + DUE_YEARS:
        errors["due"] = _("The due date is more than %(n)s years after the dialogue: check the year.") % {
            "n": DUE_YEARS
        }
    if errors:
        raise DomainError("commitment_invalid", errors=errors)
    return CommitmentFacts(text=text, owner=owner, due=due, owner_user=facts.owner_user)


def commitment_add(
    *, dialogue: Dialogue, question: Question | None, facts: CommitmentFacts, by: User
) -> Commitment:
    """Record a commitment once the caller has checked who may (`commitment_create`, or `question_answer` for the
    officer answering his question). Inside the caller's transaction."""
    if not dialogue_allows(dialogue.status, DialogueAction.ADD_COMMITMENT):
        raise Conflict(
            "dialogue_state",
            _("A commitment cannot be recorded for a dialogue that is “%(status)s”.")
            % {"status": dialogue.get_status_display()},
        )
    if question is not None and question.dialogue_id != dialogue.pk:
        raise DomainError("commitment_invalid", _("Choose a question of this dialogue."), field="question")
    clean = _check(facts, dialogue)
    assert clean.due is not None  # checked
    commitment = Commitment(
        dialogue=dialogue,
        question=question,
        unit_path=dialogue.unit_path,
        text=clean.text,
        owner=clean.owner,
        owner_user=clean.owner_user,
        due=clean.due,
        state=State.OPEN,
        created_by=by,
    )
    commitment.save(force_insert=True)
    event_record(
        actor=by,
        action="dialogues.commitment_create",
        obj=commitment,
        unit=dialogue.unit,
        details={
            "to": State.OPEN.value,
            "due": clean.due.isoformat(),
            "question": question.number if question else "",
        },
    )
    return commitment


@transaction.atomic
def commitment_create(
    *, dialogue: Dialogue, facts: CommitmentFacts, question: Question | None = None, by: User
) -> Commitment:
    """Record what a dialogue promised: from the answer to `question`, or directly on the dialogue (a promise of the
    chair's closing words). The organisers may; the officer a question is assigned to may for that question."""
    check_in_scope(by, dialogue.unit_path)
    if not by.can(MANAGE) and not (question is not None and question.assigned_to_id == by.pk):
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))
    dialogue = lock(dialogue)
    return commitment_add(dialogue=dialogue, question=question, facts=facts, by=by)


def _lock(commitment: Commitment) -> Commitment:
    return (
        Commitment.objects.select_for_update(of=("self",))
        .select_related("dialogue", "dialogue__unit", "question")
        .get(pk=commitment.pk)
    )


def _step(
    commitment: Commitment, *, to: State, note: str, by: User, action: str, fields: list[str]
) -> Commitment:
    before = commitment.state
    commitment.state = to.value
    commitment.save(update_fields=["state", *fields])
    CommitmentUpdate.objects.create(commitment=commitment, state=to.value, note=note, by=by)
    event_record(
        actor=by,
        action=action,
        obj=commitment,
        unit=commitment.dialogue.unit,
        details={"from": before, "to": to.value},
    )
    return commitment


def _refuse_move(commitment: Commitment, to: State) -> None:
    if not commitment_can_move(commitment.state, to):
        raise Conflict(
            "commitment_state",
            _("This is not possible for a commitment that is “%(state)s”.")
            % {"state": commitment.get_state_display()},
        )


def _text(value: str, *, field: str, limit: int, missing: str) -> str:
    value = normalize(value or "", multiline=True)
    if not value:
        raise DomainError("commitment_invalid", missing, field=field)
    if problem := too_long(value, max_length=limit):
        raise DomainError("commitment_invalid", problem, field=field)
    return value


@transaction.atomic
def commitment_progress(*, commitment: Commitment, note: str, by: User) -> Commitment:
    """A note of progress, shown on the public page (the organisers, or the officer named as owner). A commitment
    not started moves to "in progress"; a done one is reopened (its evidence did not hold) — by the organisers only."""
    check_in_scope(by, commitment.unit_path)
    commitment = _lock(commitment)
    if not may_report(by, commitment):
        raise NotAllowed(
            "not_allowed", _("Only the organisers or the officer answering for it report its progress.")
        )
    if commitment.state == State.DONE:
        require_manage(by)
    if commitment.state != State.IN_PROGRESS:
        _refuse_move(commitment, State.IN_PROGRESS)
    text = _text(note, field="note", limit=NOTE_MAX, missing=_("Write what has been done so far."))
    fields = []
    if commitment.state == State.DONE:  # reopened: its day and evidence no longer stand
        commitment.done_on = None
        fields.append("done_on")
    return _step(
        commitment,
        to=State.IN_PROGRESS,
        note=text,
        by=by,
        action="dialogues.commitment_progress",
        fields=fields,
    )


@transaction.atomic
def commitment_done(
    *, commitment: Commitment, evidence: str, done_on: dt.date | None, upload: object = None, by: User
) -> Commitment:
    """Done, with the evidence the public reads (what was done, where, with what result) and optionally a photo or
    PDF (checked by its content: a real JPEG, PNG or PDF, images without their EXIF). The day is not in the future
    nor before the dialogue."""
    check_in_scope(by, commitment.unit_path)
    commitment = _lock(commitment)
    if not may_report(by, commitment):
        raise NotAllowed(
            "not_allowed", _("Only the organisers or the officer answering for it report its progress.")
        )
    _refuse_move(commitment, State.DONE)
    errors: dict[str, str] = {}
    text = normalize(evidence or "", multiline=True)
    if not text:
        errors["evidence"] = _("Write the evidence: what was done, where, and the result people can check.")
    elif problem := too_long(text, max_length=EVIDENCE_MAX):
        errors["evidence"] = problem
    today = timezone.localdate()
    start = timezone.localdate(commitment.dialogue.starts_at)
    if done_on is None:
        errors["done_on"] = _("Enter the day it was done, as dd/mm/yyyy.")
    elif done_on > today:
        errors["done_on"] = _("The day cannot be after today (%(today)s).") % {"today": _day(today)}
    elif done_on < start:
        errors["done_on"] = _("The day cannot be before the dialogue (%(day)s).") % {"day": _day(start)}
    checked = None
    if upload is not None:
        try:
            checked = upload_checked(upload, field="evidence_file")
        except DomainError as refused:
            errors.update({k: v[0] for k, v in refused.errors.items()})
    if errors:
        raise DomainError("commitment_invalid", errors=errors)
    assert done_on is not None
    old = commitment.evidence_file.name if commitment.evidence_file else ""
    commitment.evidence = text
    commitment.done_on = done_on
    fields = ["evidence", "done_on"]
    if checked is not None:
        # The stored name's extension follows the detected type (kit.uploads.RandomName reads it from the record).
        commitment.content_type = checked.content_type  # type: ignore[attr-defined]
        stored = checked.as_file()
        commitment.evidence_file.save(stored.name or "upload", stored, save=False)
        fields.append("evidence_file")
        if old:
            storage = commitment.evidence_file.storage
            transaction.on_commit(lambda: storage.delete(old), robust=True)
    return _step(
        commitment, to=State.DONE, note=text, by=by, action="dialogues.commitment_done", fields=fields
    )


@transaction.atomic
def commitment_cancel(*, commitment: Commitment, reason: str, by: User) -> Commitment:
    """Cancel a commitment that will not be carried out, saying why (the organisers only): the public reads it."""
    require_manage(by)
    check_in_scope(by, commitment.unit_path)
    commitment = _lock(commitment)
    _refuse_move(commitment, State.CANCELLED)
    text = _text(reason, field="reason", limit=REASON_MAX, missing=_("Say why the commitment is cancelled."))
    commitment.cancel_reason = text
    return _step(
        commitment,
        to=State.CANCELLED,
        note=text,
        by=by,
        action="dialogues.commitment_cancel",
        fields=["cancel_reason"],
    )
