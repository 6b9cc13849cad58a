"""The ballots of a household vote: one per household, a database constraint (`dem_ballot_one_per_household`), so two
ballots racing for one household — on two connections, SQLite or PostgreSQL — leave exactly one.

- A household ballot (Art. 19): the counting board enters each returned slip (the household, its choice) from the
  opening until the count.
- An online vote (Decree 59/2023 Art. 5): households have no accounts. The vote team prints, for every household of
  the village, a one-time ballot code on a slip the village head hands out (`codes_issue`); only a keyed digest of
  each code is stored. The representative opens the vote's page on the portal, types the code and chooses
  (`ballot_cast_online`), inside the voting window. A code printed again replaces the one before; a household that
  voted gets no new code. Wrong codes are counted per client address and refused for a while after too many.

A refused ballot saves nothing and says why, in Vietnamese: outside the window, a second ballot of a household, a
household not of the village (or that left it), a wrong code."""

import datetime as dt
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core.democracy.vote_procedure import WindowProblem, window_problem
from gandan.core.democracy.votes import Form
from gandan.democracy.models import Ballot, BallotCode, Household, Vote
from gandan.democracy.selectors.households import households_of
from gandan.democracy.selectors.votes import lock_vote
from gandan.democracy.services.households import require_manage
from gandan.democracy.services.votes import locked_in_scope, status_error
from gandan.errors import NON_FIELD, Conflict, DomainError, Throttled
from gandan.kit.throttle import lookup_limits, throttle_blocked, throttle_fail, throttle_wait_minutes

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1: read aloud and typed on a phone
CODE_LENGTH = 10  # 50 bits: guessing one among a village's codes takes far longer than any vote lasts
CODE_SALT = "gandan.democracy.ballot_code"
THROTTLE_SCOPE = "ballot_code"
CHOICES = {c.value for c in Ballot.Choice}


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def window_message(vote: Vote, problem: WindowProblem) -> str:
    if problem is WindowProblem.NOT_YET:
        return _("The vote opens at %(at)s: no ballot is taken before.") % {"at": _local(vote.opens_at)}
    return _("The vote closed at %(at)s: no ballot is taken after.") % {"at": _local(vote.closes_at)}


def already_message(household: Household) -> str:
    return _("Household %(code)s (%(name)s) has already voted: a household has one ballot.") % {
        "code": household.code,
        "name": household.representative,
    }


def household_problem(vote: Vote, household: Household, *, on: dt.date) -> str | None:
    if household.village_id != vote.village_id:
        return _("Household %(code)s is not in the register of %(village)s: it does not vote here.") % {
            "code": household.code,
            "village": vote.village.name,
        }
    if household.left_on is not None and household.left_on <= on:
        return _("Household %(code)s left the village on %(day)s: it no longer votes.") % {
            "code": household.code,
            "day": household.left_on.strftime("%d/%m/%Y"),
        }
    return None


def _insert(vote: Vote, household: Household, choice: str, channel: str, by: User | None) -> Ballot:
    try:
        with transaction.atomic():
            return Ballot.objects.create(
                vote=vote, household=household, choice=choice, channel=channel, entered_by=by
            )
    except IntegrityError:  # the household's ballot arrived first on another connection
        raise Conflict("ballot_exists", already_message(household)) from None


# --- Slips (household ballot) --------------------------------------------------------------------------------------


@transaction.atomic
def slip_enter(*, vote: Vote, household: Household | None, choice: str, by: User) -> Ballot:
    """Enter one returned slip of a household ballot: the household (of the village, still in it) and its choice."""
    require_manage(by)
    vote = locked_in_scope(vote, by)
    errors = status_error(vote, Vote.Status.OPEN)
    if vote.form != Form.BALLOT and not errors:
        errors[NON_FIELD] = _("Slips are entered for a household ballot only; this vote is not one.")
    if not errors and timezone.now() < vote.opens_at:
        errors[NON_FIELD] = window_message(vote, WindowProblem.NOT_YET)
    if choice not in CHOICES:
        errors["choice"] = _("Choose what the slip says: agree, disagree or no opinion.")
    if household is None:
        errors["household"] = _("Choose the household whose slip this is.")
    elif problem := household_problem(vote, household, on=timezone.localdate()):
        errors["household"] = problem
    elif Ballot.objects.filter(vote=vote, household=household).exists():
        errors["household"] = already_message(household)
    if errors:
        raise DomainError("ballot_invalid", errors=errors)
    assert household is not None
    ballot = _insert(vote, household, choice, Ballot.Channel.SLIP, by)
    event_record(
        actor=by,
        action="democracy.ballot_enter",
        obj=vote,
        unit=vote.village,
        details={"household": household.pk, "code": household.code, "channel": Ballot.Channel.SLIP},
    )
    return ballot


# --- Online ballot codes ---------------------------------------------------------------------------------------------


def clean_ballot_code(text: str) -> str:
    """The code as typed: letters and digits only, upper case ("k7m4q-9txp2" → "K7M4Q9TXP2")."""
    return "".join(ch for ch in str(text or "").upper() if ch.isascii() and ch.isalnum())[:40]


def code_digest(vote_id: int, code: str) -> str:
    """The keyed digest stored for a code (the site's secret key is the key: the database alone cannot test codes)."""
    return salted_hmac(CODE_SALT, f"{vote_id}:{clean_ballot_code(code)}", algorithm="sha256").hexdigest()


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _n in range(CODE_LENGTH))


def shown_code(code: str) -> str:
    """ "K7M4Q9TXP2" → "K7M4Q-9TXP2", as printed."""
    return f"{code[:5]}-{code[5:]}"


@dataclass(frozen=True)
class IssuedCode:
    household: Household
    code: str  # as printed (shown once, never stored)


@transaction.atomic
def codes_issue(*, vote: Vote, by: User, household: Household | None = None) -> list[IssuedCode]:
    """Print the ballot codes of an online vote: one new code for every household of the village that has not voted
    (or only for `household`, whose slip was lost). A code printed before for the same household stops working."""
    require_manage(by)
    vote = locked_in_scope(vote, by)
    errors = status_error(vote, Vote.Status.DRAFT, Vote.Status.OPEN)
    if vote.form != Form.ONLINE and not errors:
        errors[NON_FIELD] = _("Ballot codes are printed for an online vote only.")
    if not errors and vote.closes_at <= timezone.now():
        errors[NON_FIELD] = window_message(vote, WindowProblem.CLOSED)
    today = timezone.localdate()
    voted = set(Ballot.objects.filter(vote=vote).values_list("household_id", flat=True))
    if household is not None:
        if problem := household_problem(vote, household, on=today):
            errors["household"] = problem
        elif household.pk in voted:
            errors["household"] = already_message(household)
        targets = [household]
    else:
        targets = [h for h in households_of(vote.village, on=today) if h.pk not in voted]
        if not targets and not errors:
            errors[NON_FIELD] = _("Every household of the village has voted: no code to print.")
    if errors:
        raise DomainError("codes_invalid", errors=errors)
    now = timezone.now()
    issued: list[IssuedCode] = []
    existing = {c.household_id: c for c in BallotCode.objects.filter(vote=vote, household__in=targets)}
    fresh: list[BallotCode] = []
    for target in targets:
        code = new_code()
        issued.append(IssuedCode(target, shown_code(code)))
        row = existing.get(target.pk)
        if row is None:
            fresh.append(
                BallotCode(
                    vote=vote,
                    household=target,
                    digest=code_digest(vote.pk, code),
                    issued_at=now,
                    issued_by=by,
                )
            )
        else:
            row.digest, row.issued_at, row.issued_by, row.used_at = code_digest(vote.pk, code), now, by, None
    BallotCode.objects.bulk_update(list(existing.values()), ["digest", "issued_at", "issued_by", "used_at"])
    BallotCode.objects.bulk_create(fresh)
    event_record(
        actor=by,
        action="democracy.codes_issue",
        obj=vote,
        unit=vote.village,
        details={
            "codes": len(issued),
            "replaced": len(existing),
            **({"household": household.pk} if household else {}),
        },
    )
    return issued


# --- The online ballot ---------------------------------------------------------------------------------------------


def _refused_for(client: str) -> str | None:
    limits = lookup_limits()
    if throttle_blocked(client, limit=limits.per_address, window=limits.address_window):
        minutes = throttle_wait_minutes(client, limit=limits.per_address, window=limits.address_window)
        return _("Too many wrong codes from this device. Please wait %(minutes)d minutes and try again.") % {
            "minutes": minutes
        }
    return None


def ballot_cast_online(*, vote: Vote, code: str, choice: str, client: str) -> Ballot:
    """A household's representative votes online with the household's ballot code (`client`: the throttle key of the
    sender's address, gandan.kit.throttle.client_key). A wrong code is counted against the address."""
    client = f"{THROTTLE_SCOPE}:{client}"
    if refusal := _refused_for(client):
        raise Throttled("too_many_attempts", refusal)
    try:
        return _cast(vote=vote, code=code, choice=choice)
    except _WrongCode:
        throttle_fail(client, window=lookup_limits().address_window)
        raise DomainError(
            "ballot_code_wrong",
            _(
                "This ballot code is not one of this vote. Check the code on the slip the village head gave you."
            ),
            field="code",
        ) from None


class _WrongCode(Exception):
    pass


@transaction.atomic
def _cast(*, vote: Vote, code: str, choice: str) -> Ballot:
    vote = lock_vote(vote)
    errors: dict[str, str] = {}
    if vote.status != Vote.Status.OPEN or vote.form != Form.ONLINE:
        errors[NON_FIELD] = _("This vote does not take online ballots now.")
    elif problem := window_problem(timezone.now(), opens_at=vote.opens_at, closes_at=vote.closes_at):
        errors[NON_FIELD] = window_message(vote, problem)
    if choice not in CHOICES:
        errors["choice"] = _("Choose agree, disagree or no opinion.")
    if not clean_ballot_code(code):
        errors["code"] = _("Type the ballot code printed on your household's slip, e.g. K7M4Q-9TXP2.")
    if errors:
        raise DomainError("ballot_invalid", errors=errors)
    row = (
        BallotCode.objects.select_for_update(of=("self",))
        .select_related("household")
        .filter(vote=vote, digest=code_digest(vote.pk, code))
        .first()
    )
    if row is None:
        raise _WrongCode
    household = row.household
    if elsewhere := household_problem(vote, household, on=timezone.localdate()):
        raise DomainError("ballot_invalid", elsewhere, field="code")
    if row.used_at is not None or Ballot.objects.filter(vote=vote, household=household).exists():
        raise Conflict("ballot_exists", already_message(household), field="code")
    ballot = _insert(vote, household, choice, Ballot.Channel.ONLINE, None)
    row.used_at = timezone.now()
    row.save(update_fields=["used_at"])
    event_record(
        actor=AnonymousUser(),  # the household's representative, on the portal
        action="democracy.ballot_cast",
        obj=vote,
        unit=vote.village,
        details={"household": household.pk, "channel": Ballot.Channel.ONLINE},
    )
    return ballot
