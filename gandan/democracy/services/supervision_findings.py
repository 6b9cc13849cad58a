"""The people's supervision boards' findings and recommendations (Law 10/2022 Art. 36–45; DOMAIN.md §6.5–6.6): what
a board found, what it recommends and to whom, with the day by which the government must answer, followed like a
commitment (gandan.core.democracy.commitments): open → in progress → done with the answer's text and date, or
cancelled with a reason; an answered finding may be reopened with a reason. Each function checks everything first,
reports every problem at once and saves nothing on a refusal; every change is audited, needs "democracy.manage" and
stays inside the officer's units. A finding's text goes to the opinion board (`signal_record`)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core.democracy.commitments import CommitmentState, commitment_can_move
from gandan.democracy.models import Board, Finding
from gandan.democracy.selectors.supervision import FINDING_SOURCE
from gandan.democracy.services.supervision import (
    MAX_ADDRESSED,
    MAX_REASON,
    MAX_TEXT,
    MAX_TITLE,
    day_problem,
    day_text,
    lock_board,
    lower_first,
    raise_if,
    require_manage,
    require_scope,
    text_checked,
    today,
)
from gandan.errors import NON_FIELD


def _signal_moment(day: dt.date) -> dt.datetime:
    """When the finding was made: noon of its day (the day is all the officer knows), never later than now."""
    noon = dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())
    return min(noon, timezone.now())


@transaction.atomic
def finding_create(
    *,
    board: Board,
    title: str,
    finding: str,
    recommendation: str,
    addressed_to: str,
    found_on: dt.date | None,
    answer_due: dt.date | None,
    by: User,
) -> Finding:
    """Record what a board found and what it recommends, to whom, and the day by which the government must answer.
    The finding is open until the answer is recorded; its text goes to the opinion board."""
    require_manage(by)
    board = lock_board(board)
    require_scope(by, board.unit_path)
    errors: dict[str, str] = {}
    values = {
        "title": text_checked(
            errors,
            "title",
            title,
            limit=MAX_TITLE,
            missing=_("Enter a short title, e.g. “Đường bê tông mỏng hơn thiết kế”."),
        ),
        "finding": text_checked(
            errors, "finding", finding, limit=MAX_TEXT, missing=_("Write what the board found.")
        ),
        "recommendation": text_checked(
            errors,
            "recommendation",
            recommendation,
            limit=MAX_TEXT,
            missing=_("Write what the board recommends."),
        ),
        "addressed_to": text_checked(
            errors,
            "addressed_to",
            addressed_to,
            limit=MAX_ADDRESSED,
            missing=_("Enter to whom the recommendation is addressed, e.g. “UBND xã”."),
        ),
    }
    on_day = today()
    if problem := day_problem(found_on, required=True):
        errors["found_on"] = problem
    elif found_on and found_on > on_day:
        errors["found_on"] = _("A finding is made on a day that has come: check the date.")
    elif found_on and found_on < board.term_start:
        errors["found_on"] = _("The board was set up on %(day)s: its findings come after.") % {
            "day": day_text(board.term_start)
        }
    elif found_on and board.dissolved_on and found_on > board.dissolved_on:
        errors["found_on"] = _("The board was dissolved on %(day)s: its findings come before.") % {
            "day": day_text(board.dissolved_on)
        }
    if problem := day_problem(answer_due, required=True, example=day_text(on_day + dt.timedelta(days=15))):
        errors["answer_due"] = problem
    elif found_on and answer_due and answer_due < found_on and "found_on" not in errors:
        errors["answer_due"] = _("The answer is due (%(due)s) before the finding was made (%(found)s).") % {
            "due": day_text(answer_due),
            "found": day_text(found_on),
        }
    raise_if("finding_invalid", errors)
    assert found_on is not None and answer_due is not None
    record = Finding.objects.create(
        board=board,
        unit_path=board.unit_path,
        found_on=found_on,
        answer_due=answer_due,
        created_by=by,
        **values,
    )
    from gandan.opinion.services import signal_record

    signal_record(
        text=f"{record.title}. {record.finding}\n{record.recommendation}",
        unit=board.unit,
        source_kind=FINDING_SOURCE,
        source_id=record.pk,
        at=_signal_moment(found_on),
        new_source=True,
    )
    event_record(
        actor=by,
        action="democracy.finding_create",
        obj=record,
        unit=board.unit,
        details={"board": board.pk, "answer_due": answer_due.isoformat()},
    )
    return record


def _lock_finding(finding: Finding) -> Finding:
    return (
        Finding.objects.select_for_update(of=("self",))
        .select_related("board", "board__unit")
        .get(pk=finding.pk)
    )


def state_label(state: str) -> str:
    """A finding's state in an official's words ("Chờ trả lời" …); an unknown code is shown as it is."""
    labels = {
        CommitmentState.OPEN.value: _("Waiting for the answer"),
        CommitmentState.IN_PROGRESS.value: _("Being dealt with"),
        CommitmentState.DONE.value: _("Answered"),
        CommitmentState.CANCELLED.value: _("Cancelled"),
    }
    return str(labels.get(str(state), state))


@transaction.atomic
def finding_answer(*, finding: Finding, answer: str, answered_on: dt.date | None, by: User) -> Finding:
    """Record the government's answer to a recommendation (its text and date): the finding is done."""
    require_manage(by)
    finding = _lock_finding(finding)
    require_scope(by, finding.unit_path)
    errors: dict[str, str] = {}
    answer = text_checked(
        errors, "answer", answer, limit=MAX_TEXT, missing=_("Write the government's answer.")
    )
    if not commitment_can_move(finding.state, CommitmentState.DONE):
        errors[NON_FIELD] = _("This finding is %(state)s: it takes no answer.") % {
            "state": lower_first(state_label(finding.state))
        }
    if problem := day_problem(answered_on, required=True):
        errors["answered_on"] = problem
    elif answered_on and answered_on > today():
        errors["answered_on"] = _("An answer is given on a day that has come: check the date.")
    elif answered_on and answered_on < finding.found_on:
        errors["answered_on"] = _("The finding was made on %(day)s: its answer comes after.") % {
            "day": day_text(finding.found_on)
        }
    raise_if("finding_answer_invalid", errors)
    assert answered_on is not None
    before = finding.state
    finding.answer, finding.answered_on, finding.state = answer, answered_on, CommitmentState.DONE.value
    finding.save(update_fields=["answer", "answered_on", "state"])
    event_record(
        actor=by,
        action="democracy.finding_answer",
        obj=finding,
        unit=finding.board.unit,
        details={"from": before, "to": finding.state, "late": answered_on > finding.answer_due},
    )
    return finding


@transaction.atomic
def finding_move(*, finding: Finding, to: str, reason: str = "", by: User) -> Finding:
    """Move a finding: in progress (the government is dealing with it), cancelled (with a reason: withdrawn by the
    board, overtaken by events), or back in progress from done (with a reason: the answer did not settle it)."""
    require_manage(by)
    finding = _lock_finding(finding)
    require_scope(by, finding.unit_path)
    errors: dict[str, str] = {}
    reason = text_checked(errors, "reason", reason, limit=MAX_REASON)
    if to not in (CommitmentState.IN_PROGRESS, CommitmentState.CANCELLED) or not commitment_can_move(
        finding.state, to
    ):
        errors["to"] = _("A finding that is %(state)s cannot be moved there.") % {
            "state": lower_first(state_label(finding.state))
        }
    elif not reason and (to == CommitmentState.CANCELLED or finding.state == CommitmentState.DONE):
        errors["reason"] = _("Say why, e.g. “Ban đã rút kiến nghị” or “Câu trả lời chưa giải quyết được”.")
    raise_if("finding_move_invalid", errors)
    before = finding.state
    finding.state = str(CommitmentState(to).value)
    finding.save(update_fields=["state"])
    event_record(
        actor=by,
        action="democracy.finding_move",
        obj=finding,
        unit=finding.board.unit,
        details={"from": before, "to": finding.state, **({"reason": reason} if reason else {})},
    )
    return finding
