"""Counting a household vote and the community decision's journey (Law 10/2022 Art. 20–21).

- `vote_count` freezes the result against every household registered (not left) in the village at counting time:
  a meeting's count is entered by its counting board (present, agree, disagree, no opinion); a household ballot is
  counted from the slips entered one by one, or, when none were, from the board's own count; an online vote from its
  ballots, once the window has closed. The threshold of the matter (≥ 2/3 or > 1/2 of ALL households) decides.
- `vote_send` records that the community decision went to the commune (due 5 working days after the count).
- `vote_answer` records the commune's recognition or written refusal with its reason (due 5 working days after the
  sending; "democracy.recognise").

Each function checks everything first and reports every problem at once, then writes in one transaction with its
audit event; the clocks are counted in working days on the working calendar (gandan.workcalendar)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.rules import Perm
from gandan.audit.services import event_record
from gandan.core.democracy.vote_procedure import answer_by, board_names, board_problem, send_by
from gandan.core.democracy.votes import Form, TallyProblem, rule_for, tally, tally_problems
from gandan.core.vntext import normalize
from gandan.democracy.models import Vote
from gandan.democracy.selectors.households import register_figures
from gandan.democracy.selectors.votes import ballot_counts, has_ballots
from gandan.democracy.services.households import day_text, require_manage
from gandan.democracy.services.votes import board_message, locked_in_scope, status_error
from gandan.errors import NON_FIELD, DomainError, NotAllowed, too_long
from gandan.kit.params import day_in_range
from gandan.workcalendar.selectors import work_calendar

MAX_NAME, MAX_REASON = 120, 300


def _tally_messages(problems: list[TallyProblem], *, households: int) -> dict[str, str]:
    errors: dict[str, str] = {}
    for problem in problems:
        if problem is TallyProblem.NEGATIVE:
            errors.setdefault(NON_FIELD, _("The figures are numbers of households: none may be negative."))
        elif problem is TallyProblem.PRESENT_OVER_TOTAL:
            errors["present"] = _(
                "More households took part than the %(households)s registered in the village: check the figure or "
                "the register."
            ) % {"households": households}
        elif problem is TallyProblem.VOTES_OVER_PRESENT:
            errors["yes"] = _(
                "Agree, disagree and no opinion together are more than the households that took part."
            )
    return errors


def _raise(code: str, errors: dict[str, str]) -> None:
    if errors:
        raise DomainError(code, errors=errors)


@transaction.atomic
def vote_count(
    *,
    vote: Vote,
    counting_board: str,
    witness_1: str = "",
    witness_2: str = "",
    present: int | None = None,
    yes: int | None = None,
    no: int | None = None,
    blank: int | None = None,
    by: User,
) -> Vote:
    """Count an open vote and freeze its result (see the module's docstring). The figures are given for a meeting,
    and for a household ballot whose slips were not entered one by one; otherwise they come from the ballots."""
    require_manage(by)
    vote = locked_in_scope(vote, by)
    now, today = timezone.now(), timezone.localdate()
    errors = status_error(vote, Vote.Status.OPEN)
    if not errors and now < vote.opens_at:
        errors[NON_FIELD] = _("The vote opens at %(at)s: it is counted after.") % {
            "at": timezone.localtime(vote.opens_at).strftime("%d/%m/%Y %H:%M")
        }
    elif not errors and vote.form == Form.ONLINE and now <= vote.closes_at:
        errors[NON_FIELD] = _("The online vote closes at %(at)s: it is counted after.") % {
            "at": timezone.localtime(vote.closes_at).strftime("%d/%m/%Y %H:%M")
        }
    board = board_names(counting_board or "")
    if (problem := board_problem(board)) is not None:
        errors["counting_board"] = board_message(problem)
    witnesses = [normalize(witness_1 or ""), normalize(witness_2 or "")]
    for key, name in zip(("witness_1", "witness_2"), witnesses, strict=True):
        if problem_text := too_long(name, max_length=MAX_NAME):
            errors[key] = problem_text
    households, _online = register_figures(vote.village, on=today)
    if households < 1:
        errors[NON_FIELD] = _(
            "The register of %(village)s has no household: a vote is counted against them."
        ) % {"village": vote.village.name}
    from_ballots = vote.form == Form.ONLINE or (vote.form == Form.BALLOT and has_ballots(vote))
    if from_ballots:
        counts = ballot_counts(vote, on=today)
        figures: dict[str, int | None] = {
            "present": counts.present,
            "yes": counts.yes,
            "no": counts.no,
            "blank": counts.blank,
        }
    else:
        figures = {"present": present, "yes": yes, "no": no, "blank": blank}
        for key, value in figures.items():
            if value is None:
                errors[key] = _("Enter the number of households (0 if none).")
        if figures["present"] is not None and all(v is not None for v in figures.values()):
            given = {k: int(v) for k, v in figures.items() if v is not None}
            for key, message in _tally_messages(
                tally_problems(households=max(households, 1), **given), households=households
            ).items():
                errors.setdefault(key, message)
    _raise("vote_count_invalid", errors)
    counted = {k: int(v) for k, v in figures.items() if v is not None}
    rule = rule_for(vote.matter, timezone.localtime(vote.opens_at).date())
    result = tally(rule, households=households, **counted)
    vote.households, vote.present, vote.yes, vote.no, vote.blank = (
        result.households,
        result.present,
        result.yes,
        result.no,
        result.blank,
    )
    vote.needed, vote.passed, vote.counted_at = result.needed, result.passed, now
    vote.counting_board = "\n".join(board)
    vote.witness_1, vote.witness_2 = witnesses
    vote.status = Vote.Status.COUNTED
    vote.send_by = send_by(today, calendar=work_calendar()) if result.passed else None
    vote.save()
    event_record(
        actor=by,
        action="democracy.vote_count",
        obj=vote,
        unit=vote.village,
        details={
            "from": Vote.Status.OPEN,
            "to": Vote.Status.COUNTED,
            "households": result.households,
            "present": result.present,
            "yes": result.yes,
            "needed": result.needed,
            "passed": result.passed,
            "from_ballots": from_ballots,
        },
    )
    return vote


def _day_error(on: dt.date | None, *, after: dt.date, after_text: str) -> str | None:
    today = timezone.localdate()
    if on is None or not day_in_range(on):
        return _("Enter the date, e.g. %(day)s.") % {"day": day_text(today)}
    if on > today:
        return _("The day is still to come: check the date.")
    if on < after:
        return after_text % {"day": day_text(after)}
    return None


@transaction.atomic
def vote_send(*, vote: Vote, on: dt.date | None, by: User) -> Vote:
    """Record that the community decision of a passed vote was sent to the commune on `on` (Art. 20)."""
    require_manage(by)
    vote = locked_in_scope(vote, by)
    errors = status_error(vote, Vote.Status.COUNTED)
    if not errors and not vote.passed:
        errors[NON_FIELD] = _("The vote did not pass: there is no decision to recognise.")
    counted_on = timezone.localtime(vote.counted_at).date() if vote.counted_at else timezone.localdate()
    if problem := _day_error(
        on, after=counted_on, after_text=_("The vote was counted on %(day)s: it is sent after.")
    ):
        errors["on"] = problem
    _raise("vote_send_invalid", errors)
    assert on is not None
    vote.sent_on = on
    vote.answer_by = answer_by(on, calendar=work_calendar())
    vote.status = Vote.Status.SENT
    vote.save(update_fields=["sent_on", "answer_by", "status"])
    event_record(
        actor=by,
        action="democracy.vote_send",
        obj=vote,
        unit=vote.village,
        details={
            "from": Vote.Status.COUNTED,
            "to": Vote.Status.SENT,
            "on": on.isoformat(),
            "late": bool(vote.send_by and on > vote.send_by),
        },
    )
    return vote


@transaction.atomic
def vote_answer(*, vote: Vote, recognise: bool, on: dt.date | None, reason: str = "", by: User) -> Vote:
    """Record the commune's answer to a community decision sent to it: recognised, or refused with the reason in
    writing (Art. 21). Needs "democracy.recognise"."""
    if by is None or not by.can(Perm.DEMOCRACY_RECOGNISE):
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))
    vote = locked_in_scope(vote, by)
    reason = normalize(reason or "")
    errors = status_error(vote, Vote.Status.SENT)
    sent_on = vote.sent_on or timezone.localdate()
    if problem := _day_error(
        on, after=sent_on, after_text=_("The decision was sent on %(day)s: it is answered after.")
    ):
        errors["on"] = problem
    if not recognise and not reason:
        errors["reason"] = _("A refusal is given in writing with its reason: write the reason.")
    elif problem_text := too_long(reason, max_length=MAX_REASON):
        errors["reason"] = problem_text
    _raise("vote_answer_invalid", errors)
    assert on is not None
    vote.answered_on = on
    vote.status = Vote.Status.RECOGNISED if recognise else Vote.Status.REFUSED
    vote.refusal_reason = "" if recognise else reason
    vote.save(update_fields=["answered_on", "status", "refusal_reason"])
    event_record(
        actor=by,
        action="democracy.vote_recognise" if recognise else "democracy.vote_refuse",
        obj=vote,
        unit=vote.village,
        details={
            "from": Vote.Status.SENT,
            "to": vote.status,
            "on": on.isoformat(),
            "late": bool(vote.answer_by and on > vote.answer_by),
            **({} if recognise else {"reason": reason}),
        },
    )
    return vote
