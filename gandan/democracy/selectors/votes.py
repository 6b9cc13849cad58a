"""Reads of the household votes: a user's votes (inside their units, 404 outside), one vote with its progress (the
register's figures, the ballots received), the live tally a count freezes, the clocks of the community decision, and
the public reads (a vote that was counted, no login).

`live_tally` is what `vote_count` stores and what `gandan bench` measures (democracy.tally): two aggregate queries
whatever the number of households, then the pure `tally`."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.core.democracy.vote_procedure import DeadlineState, deadline_state, meeting_without_quorum
from gandan.core.democracy.votes import Form, Tally, rule_for, tally
from gandan.democracy.models import Ballot, BallotCode, Household, Vote
from gandan.democracy.selectors.households import current_q, register_figures
from gandan.kit.params import ID_MAX
from gandan.units.models import Unit

PUBLIC_STATUSES = (Vote.Status.COUNTED, Vote.Status.SENT, Vote.Status.RECOGNISED, Vote.Status.REFUSED)
COUNTED_STATUSES = PUBLIC_STATUSES


def votes_for_user(
    user, *, village: Unit | None = None, status: str = "", matter: int | None = None
) -> QuerySet[Vote]:
    """The votes of the user's units, newest first."""
    rows = scoped(Vote.objects.all(), user, path_field="unit_path")
    if village is not None:
        rows = rows.filter(village=village)
    if status:
        rows = rows.filter(status=status)
    if matter:
        rows = rows.filter(matter=matter)
    return rows.select_related("village", "village__parent").order_by("-opens_at", "-id")


def vote_get_for_user(user, pk) -> Vote:
    """One vote of the user's units; 404 outside them."""
    return get_scoped_or_404(
        Vote.objects.select_related("village", "village__parent", "created_by"),
        user,
        path_field="unit_path",
        pk=pk,
    )


def public_votes(*, commune: Unit | None = None) -> QuerySet[Vote]:
    """The counted votes of every commune (their result is the community's decision, public by law)."""
    rows = Vote.objects.filter(status__in=PUBLIC_STATUSES)
    if commune is not None:
        rows = rows.filter(commune_path=commune.path)
    return rows.select_related("village", "village__parent").order_by("-counted_at", "-id")


def public_open_votes(commune: Unit) -> QuerySet[Vote]:
    """The votes of a commune's villages open to online ballots now, closing soonest first (the citizen home)."""
    now = timezone.now()
    rows = Vote.objects.filter(
        commune_path=commune.path,
        status=Vote.Status.OPEN,
        form=Form.ONLINE,
        opens_at__lte=now,
        closes_at__gt=now,
    )
    return rows.select_related("village").order_by("closes_at", "id")


def public_vote_get(pk: int) -> Vote:
    """A vote a citizen may read: counted, or open to online ballots (its question and window); 404 otherwise."""
    if not 0 < pk <= ID_MAX:
        raise Http404
    found = (
        Vote.objects.filter(
            Q(status__in=PUBLIC_STATUSES) | Q(status=Vote.Status.OPEN, form=Form.ONLINE), pk=pk
        )
        .select_related("village", "village__parent")
        .first()
    )
    if found is None:
        raise Http404
    return found


@dataclass
class BallotCounts:
    present: int = 0
    yes: int = 0
    no: int = 0
    blank: int = 0


def ballot_counts(vote: Vote, *, on: dt.date) -> BallotCounts:
    """The ballots received from households still in the village on `on`, by choice (one aggregate query)."""
    row = Ballot.objects.filter(current_q(on, "household__"), vote=vote).aggregate(
        present=Count("pk"),
        yes=Count("pk", filter=Q(choice=Ballot.Choice.YES)),
        no=Count("pk", filter=Q(choice=Ballot.Choice.NO)),
        blank=Count("pk", filter=Q(choice=Ballot.Choice.BLANK)),
    )
    return BallotCounts(**row)


def live_tally(vote: Vote, *, on: dt.date | None = None) -> Tally | None:
    """The result of a ballot or online vote counted now from its ballots, against every household registered in the
    village on `on` (None when the register is empty)."""
    on = on or timezone.localdate()
    households, _online = register_figures(vote.village, on=on)
    if households < 1:
        return None
    counts = ballot_counts(vote, on=on)
    rule = rule_for(vote.matter, timezone.localtime(vote.opens_at).date())
    return tally(
        rule, households=households, present=counts.present, yes=counts.yes, no=counts.no, blank=counts.blank
    )


def has_ballots(vote: Vote) -> bool:
    return Ballot.objects.filter(vote=vote).exists()


def meeting_lacked_quorum(village: Unit, matter: int) -> bool:
    """A counted meeting of the village on the matter did not gather more than half of its households."""
    rows = Vote.objects.filter(
        village=village, matter=matter, form=Form.MEETING, status__in=COUNTED_STATUSES
    ).values_list("households", "present")
    return any(h and p is not None and meeting_without_quorum(households=h, present=p) for h, p in rows)


@dataclass
class Progress:
    """What the vote's page shows while it runs: the register now and the ballots received."""

    households: int
    opted_in: int
    counts: BallotCounts
    codes_issued: int
    codes_used: int


def vote_progress(vote: Vote, *, on: dt.date | None = None) -> Progress:
    on = on or timezone.localdate()
    households, opted_in = register_figures(vote.village, on=on)
    codes = BallotCode.objects.filter(vote=vote).aggregate(
        issued=Count("pk"), used=Count("pk", filter=Q(used_at__isnull=False))
    )
    return Progress(
        households=households,
        opted_in=opted_in,
        counts=ballot_counts(vote, on=on),
        codes_issued=codes["issued"],
        codes_used=codes["used"],
    )


def ballots_of(vote: Vote) -> QuerySet[Ballot]:
    """The ballots of a vote with their household, by household number (the slips entered, the online votes)."""
    return Ballot.objects.filter(vote=vote).select_related("household").order_by("household__code", "id")


def slip_candidates(vote: Vote, *, query: str, on: dt.date | None = None) -> QuerySet[Household]:
    """The village's current households matching `query` (name without diacritics, or number), with no ballot yet:
    whom the counting board may enter a slip for."""
    from gandan.democracy.selectors.households import search_q

    on = on or timezone.localdate()
    voted = Ballot.objects.filter(vote=vote).values("household_id")
    rows = Household.objects.filter(current_q(on), village_id=vote.village_id).exclude(pk__in=voted)
    if query.strip():
        rows = rows.filter(search_q(query))
    return rows.order_by("code", "id")


@dataclass(frozen=True)
class Clock:
    """A deadline of the community decision and where it stands."""

    due: dt.date
    done_on: dt.date | None
    state: DeadlineState

    @property
    def late(self) -> bool:
        return self.state in (DeadlineState.LATE, DeadlineState.OVERDUE)


def vote_clocks(vote: Vote, *, today: dt.date | None = None) -> dict[str, Clock]:
    """The sending clock (from the count) and the answer clock (from the sending), when they run."""
    today = today or timezone.localdate()
    clocks: dict[str, Clock] = {}
    if vote.send_by:
        clocks["send"] = Clock(
            vote.send_by, vote.sent_on, deadline_state(vote.send_by, done_on=vote.sent_on, today=today)
        )
    if vote.answer_by:
        clocks["answer"] = Clock(
            vote.answer_by,
            vote.answered_on,
            deadline_state(vote.answer_by, done_on=vote.answered_on, today=today),
        )
    return clocks


def lock_vote(vote: Vote) -> Vote:
    """The vote's row, locked until the caller's transaction ends (a count and a ballot never interleave)."""
    return Vote.objects.select_for_update(of=("self",)).select_related("village").get(pk=vote.pk)


def votes_awaiting(user, *, today: dt.date | None = None) -> QuerySet[Vote]:
    """The passed votes of the user's units whose community decision is still to send, or sent and waiting for the
    commune's answer, the earliest deadline first."""
    from django.db.models import F
    from django.db.models.functions import Coalesce

    rows = votes_for_user(user).filter(
        Q(status=Vote.Status.COUNTED, passed=True) | Q(status=Vote.Status.SENT)
    )
    return rows.annotate(due=Coalesce(F("answer_by"), F("send_by"))).order_by(
        F("due").asc(nulls_last=True), "id"
    )
