"""Preparing, changing, opening and cancelling a household vote of a village (Law 10/2022 Art. 15–19; Decree 59/2023
Art. 3–5). A vote names its Art. 15 matter, its form (allowed by the rule of the matter: online only for other
matters once more than half of the households opted in; a household ballot on a covenant or an election only after a
meeting without quorum), its question, the day the notice went out (at least 2 days before), its window and its
counting board (3 to 5 people).

Each function checks everything first and reports every problem at once in one DomainError, then writes in one
transaction with its audit event. Every change needs "democracy.manage" and a village inside the officer's units."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.scope import in_user_scope
from gandan.audit.services import event_record
from gandan.core.democracy.vote_procedure import (
    BOARD_MAX,
    BOARD_MIN,
    BoardProblem,
    board_names,
    board_problem,
    form_problem,
    latest_notice,
    notice_in_time,
)
from gandan.core.democracy.votes import Form, Matter, VoteRule, rule_for
from gandan.core.vntext import normalize
from gandan.democracy.models import Vote
from gandan.democracy.selectors.households import register_figures
from gandan.democracy.selectors.votes import lock_vote, meeting_lacked_quorum
from gandan.democracy.services.households import commune_of, day_text, require_manage, today, village_problem
from gandan.democracy.vote_texts import form_problem_message
from gandan.errors import NON_FIELD, DomainError, NotAllowed, too_long
from gandan.kit.params import day_in_range
from gandan.units.models import Unit

MAX_TITLE, MAX_QUESTION, MAX_NAME = 300, 5000, 120
EDITABLE = (
    "matter",
    "form",
    "title",
    "question",
    "notice_on",
    "opens_at",
    "closes_at",
    "counting_board",
    "village_head",
    "front_head",
)


def board_message(problem: BoardProblem) -> str:
    if problem is BoardProblem.TWICE:
        return _("A name is given twice on the counting board.")
    return _("The counting board has %(min)s to %(max)s people: write one name per line.") % {
        "min": BOARD_MIN,
        "max": BOARD_MAX,
    }


def _local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def _rule(matter: int | None, opens_at: dt.datetime | None, errors: dict[str, str]) -> VoteRule | None:
    if matter is None or matter not in {m.value for m in Matter}:
        errors["matter"] = _("Choose the matter the households decide (items 1 to 6 of Art. 15).")
        return None
    try:
        return rule_for(matter, _local_day(opens_at) if opens_at else today())
    except LookupError:
        errors["opens_at"] = _("No rule of the law covers this matter on that day: check the opening date.")
        return None


def _check(
    *,
    village: Unit,
    values: dict[str, object],
    errors: dict[str, str],
    strict_notice: bool = False,
) -> VoteRule | None:
    """The checks of a vote's content (create, update, open), added to `errors`; the rule of its matter."""
    opens_at, closes_at = values.get("opens_at"), values.get("closes_at")
    assert opens_at is None or isinstance(opens_at, dt.datetime)
    assert closes_at is None or isinstance(closes_at, dt.datetime)
    matter = values.get("matter")
    rule = _rule(matter if isinstance(matter, int) else None, opens_at, errors)
    form = str(values.get("form") or "")
    if form not in {f.value for f in Form}:
        errors["form"] = _(
            "Choose how the households decide: a meeting, a household ballot or an online vote."
        )
    elif rule is not None:
        households, opted_in = register_figures(village, on=today())
        if households < 1:
            errors["village"] = _(
                "The register of %(village)s has no household yet: a vote is counted against every household, "
                "so register the households first."
            ) % {"village": village.name}
        else:
            problem = form_problem(
                rule,
                Form(form),
                households=households,
                opted_in=opted_in,
                meeting_lacked_quorum=meeting_lacked_quorum(village, rule.matter),
            )
            if problem is not None:
                errors["form"] = form_problem_message(problem, rule, households=households, opted_in=opted_in)
    title, question = str(values.get("title") or ""), str(values.get("question") or "")
    if not title:
        errors["title"] = _("Enter a title, e.g. “Đóng góp làm đường bê tông liên xóm”.")
    elif problem_text := too_long(title, max_length=MAX_TITLE):
        errors["title"] = problem_text
    if not question:
        errors["question"] = _("Write what the households decide, e.g. the contribution of each household.")
    elif problem_text := too_long(question, max_length=MAX_QUESTION):
        errors["question"] = problem_text
    if opens_at is None:
        errors["opens_at"] = _("Enter when the vote opens, e.g. 05/07/2026 08:00.")
    elif not day_in_range(opens_at.date()):
        errors["opens_at"] = _("Enter a real date, e.g. 01/07/2025.")
    if closes_at is None:
        errors["closes_at"] = _("Enter when the vote closes, e.g. 05/07/2026 11:00.")
    elif not day_in_range(closes_at.date()):
        errors["closes_at"] = _("Enter a real date, e.g. 01/07/2025.")
    elif opens_at is not None and closes_at <= opens_at:
        errors["closes_at"] = _("The vote closes after it opens: check the times.")
    notice_on = values.get("notice_on")
    assert notice_on is None or isinstance(notice_on, dt.date)
    if notice_on is not None and not day_in_range(notice_on):
        errors["notice_on"] = _("Enter a real date, e.g. 01/07/2025.")
    elif (
        notice_on is not None and opens_at is not None and not notice_in_time(notice_on, _local_day(opens_at))
    ):
        errors["notice_on"] = _(
            "The notice must reach the households at least 2 days before the vote (Art. 18): send it on "
            "%(day)s at the latest, or open the vote later."
        ) % {"day": day_text(latest_notice(_local_day(opens_at)))}
    elif notice_on is None and strict_notice:
        errors["notice_on"] = _(
            "Record the day the notice reached the households (at least 2 days before the vote) before opening it."
        )
    board = board_names(str(values.get("counting_board") or ""))
    if board and (problem_board := board_problem(board)) is not None:
        errors["counting_board"] = board_message(problem_board)
    values["counting_board"] = "\n".join(board)
    for key in ("village_head", "front_head"):
        if problem_text := too_long(str(values.get(key) or ""), max_length=MAX_NAME):
            errors[key] = problem_text
    return rule


def _values(
    *,
    matter: int | None,
    form: str,
    title: str,
    question: str,
    notice_on: dt.date | None,
    opens_at: dt.datetime | None,
    closes_at: dt.datetime | None,
    counting_board: str,
    village_head: str,
    front_head: str,
) -> dict[str, object]:
    return {
        "matter": matter,
        "form": str(form or ""),
        "title": normalize(title or ""),
        "question": normalize(question or "", multiline=True),
        "notice_on": notice_on,
        "opens_at": opens_at,
        "closes_at": closes_at,
        "counting_board": counting_board or "",
        "village_head": normalize(village_head or ""),
        "front_head": normalize(front_head or ""),
    }


def _raise(code: str, errors: dict[str, str]) -> None:
    if errors:
        raise DomainError(code, errors=errors)


@transaction.atomic
def vote_create(
    *,
    village: Unit,
    matter: int | None,
    form: str,
    title: str,
    question: str,
    opens_at: dt.datetime | None,
    closes_at: dt.datetime | None,
    notice_on: dt.date | None = None,
    counting_board: str = "",
    village_head: str = "",
    front_head: str = "",
    by: User,
) -> Vote:
    """Prepare a vote of a village of the officer's units (it opens with `vote_open`)."""
    require_manage(by)
    values = _values(
        matter=matter,
        form=form,
        title=title,
        question=question,
        notice_on=notice_on,
        opens_at=opens_at,
        closes_at=closes_at,
        counting_board=counting_board,
        village_head=village_head,
        front_head=front_head,
    )
    errors: dict[str, str] = {}
    rule = None
    if problem := village_problem(by, village):
        errors["village"] = problem
    else:
        rule = _check(village=village, values=values, errors=errors)
    _raise("vote_invalid", errors)
    assert rule is not None
    commune = commune_of(village)
    assert commune is not None
    vote = Vote.objects.create(
        village=village,
        unit_path=village.path,
        commune_path=commune.path,
        legal_basis=rule.legal_basis[:300],
        created_by=by,
        **values,
    )
    event_record(
        actor=by,
        action="democracy.vote_create",
        obj=vote,
        unit=village,
        details={"village": village.pk, "matter": vote.matter, "form": vote.form},
    )
    return vote


def locked_in_scope(vote: Vote, by: User) -> Vote:
    vote = lock_vote(vote)
    if not in_user_scope(by, vote.unit_path):
        raise NotAllowed("not_allowed", _("You can only work on the villages of your own unit."))
    return vote


def status_error(vote: Vote, *allowed: str) -> dict[str, str]:
    if vote.status in allowed:
        return {}
    return {
        NON_FIELD: _("This vote is “%(status)s”: this step is not possible now.")
        % {"status": vote.get_status_display()}
    }


@transaction.atomic
def vote_update(
    *,
    vote: Vote,
    matter: int | None,
    form: str,
    title: str,
    question: str,
    opens_at: dt.datetime | None,
    closes_at: dt.datetime | None,
    notice_on: dt.date | None = None,
    counting_board: str = "",
    village_head: str = "",
    front_head: str = "",
    by: User,
) -> Vote:
    """Change a vote while it is being prepared (its village stays)."""
    require_manage(by)
    vote = locked_in_scope(vote, by)
    values = _values(
        matter=matter,
        form=form,
        title=title,
        question=question,
        notice_on=notice_on,
        opens_at=opens_at,
        closes_at=closes_at,
        counting_board=counting_board,
        village_head=village_head,
        front_head=front_head,
    )
    errors = status_error(vote, Vote.Status.DRAFT)
    rule = _check(village=vote.village, values=values, errors=errors)
    _raise("vote_invalid", errors)
    assert rule is not None
    values["legal_basis"] = rule.legal_basis[:300]
    changed = {k: v for k, v in values.items() if getattr(vote, k) != v}
    for key, value in changed.items():
        setattr(vote, key, value)
    if changed:
        vote.save(update_fields=list(changed))
        event_record(
            actor=by,
            action="democracy.vote_update",
            obj=vote,
            unit=vote.village,
            details={"changed": sorted(changed)},
        )
    return vote


@transaction.atomic
def vote_open(*, vote: Vote, by: User) -> Vote:
    """Open a prepared vote: its form is checked again against the register of today, and its notice must have gone
    out at least 2 days before. An online vote whose window has already closed cannot be opened."""
    require_manage(by)
    vote = locked_in_scope(vote, by)
    errors = status_error(vote, Vote.Status.DRAFT)
    values = {k: getattr(vote, k) for k in EDITABLE}
    _check(village=vote.village, values=values, errors=errors, strict_notice=True)
    if vote.form == Form.ONLINE and vote.closes_at <= timezone.now():
        errors.setdefault(
            "closes_at",
            _("The voting window closed on %(day)s: change the times before opening the vote.")
            % {"day": timezone.localtime(vote.closes_at).strftime("%d/%m/%Y %H:%M")},
        )
    if errors:
        raise DomainError("vote_open_invalid", errors=errors)
    vote.status = Vote.Status.OPEN
    vote.save(update_fields=["status"])
    event_record(
        actor=by,
        action="democracy.vote_open",
        obj=vote,
        unit=vote.village,
        details={"from": Vote.Status.DRAFT, "to": Vote.Status.OPEN},
    )
    return vote


@transaction.atomic
def vote_cancel(*, vote: Vote, reason: str, by: User) -> Vote:
    """Cancel a vote that was not counted (its ballots stay, uncounted), with the reason."""
    require_manage(by)
    vote = locked_in_scope(vote, by)
    reason = normalize(reason or "")
    errors = status_error(vote, Vote.Status.DRAFT, Vote.Status.OPEN)
    if not reason:
        errors["reason"] = _("Say why the vote is cancelled.")
    elif problem := too_long(reason, max_length=300):
        errors["reason"] = problem
    _raise("vote_cancel_invalid", errors)
    before = vote.status
    vote.status = Vote.Status.CANCELLED
    vote.refusal_reason = reason
    vote.save(update_fields=["status", "refusal_reason"])
    event_record(
        actor=by,
        action="democracy.vote_cancel",
        obj=vote,
        unit=vote.village,
        details={"from": before, "to": Vote.Status.CANCELLED, "reason": reason},
    )
    return vote
