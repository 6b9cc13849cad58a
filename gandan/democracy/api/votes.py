"""The household votes' API, under /api/v1/democracy/:

- `GET /votes`, `GET /votes/{id}`: an officer ("democracy.view") reads the votes of their units, every status; anyone
  reads a counted vote (its result is the community's decision) and an online vote that is open (its question and
  window), without logging in.
- `POST /votes/{id}/ballots`: a household's online ballot, public, with the household's one-time ballot code; the same
  checks as the page (the window, one ballot per household, the household still in the village; wrong codes are
  counted per address).
- `GET /rules/vote?matter=M&households=H&yes=Y[&online_optin=O]`: the public calculator of Art. 21, computed by the
  same rules as the module (gandan.core.democracy): does Y agreeing households out of all H pass matter M, how many
  are needed, which forms the village may use. Bad input: 422 with a Vietnamese message naming the field."""

import datetime as dt

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Schema
from ninja import Status as HttpStatus
from ninja.pagination import paginate
from pydantic import Field

from gandan.accounts.rules import Perm
from gandan.core.democracy.vote_procedure import forms_allowed
from gandan.core.democracy.votes import needed, online_allowed, rule_for
from gandan.democracy.api import router
from gandan.democracy.models import Vote
from gandan.democracy.selectors.households import village_get_for_user
from gandan.democracy.selectors.votes import public_vote_get, public_votes, vote_get_for_user, votes_for_user
from gandan.democracy.services.ballots import ballot_cast_online
from gandan.democracy.vote_texts import form_label, matter_label, vote_result
from gandan.errors import DomainError
from gandan.kit.clientip import client_ip
from gandan.kit.params import ID_MAX, LIMIT_MAX
from gandan.kit.params import Pages as BoundedPages

MAX_HOUSEHOLDS = 1_000_000


class InvalidInput(DomainError):
    status = 422


class Pages(BoundedPages):
    class Input(BoundedPages.Input):
        limit: int = Field(50, ge=1, le=LIMIT_MAX)


def _staff(request) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.can(Perm.DEMOCRACY_VIEW))


class VoteOut(Schema):
    id: int
    village_id: int
    village: str
    commune_id: int | None
    commune: str
    matter: int
    matter_label: str
    form: str
    form_label: str
    title: str
    question: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    status: str
    status_label: str
    households: int | None = Field(None, description="All households of the village when counted")
    present: int | None = Field(None, description="Households that took part")
    absent: int | None
    yes: int | None
    no: int | None
    blank: int | None
    needed: int | None = Field(None, description="Agreeing households needed, out of all households")
    passed: bool | None
    counted_at: dt.datetime | None
    result: str = Field(..., description="Why it passed or failed, counted against every household")
    legal_basis: str
    send_by: dt.date | None
    sent_on: dt.date | None
    answer_by: dt.date | None
    answered_on: dt.date | None

    @staticmethod
    def resolve_village(obj) -> str:
        return obj.village.name

    @staticmethod
    def resolve_commune_id(obj) -> int | None:
        return obj.village.parent_id

    @staticmethod
    def resolve_commune(obj) -> str:
        return obj.village.parent.name if obj.village.parent_id else ""

    @staticmethod
    def resolve_matter_label(obj) -> str:
        return matter_label(obj.matter)

    @staticmethod
    def resolve_form_label(obj) -> str:
        return form_label(obj.form)

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_absent(obj) -> int | None:
        return None if obj.households is None else obj.households - (obj.present or 0)

    @staticmethod
    def resolve_result(obj) -> str:
        return vote_result(obj)


class VoteDetailOut(VoteOut):
    """A vote with, for an officer of its units, what only the staff read (None for the public)."""

    notice_on: dt.date | None = Field(None, alias="staff_notice_on", description="Staff only")
    counting_board: list[str] | None = Field(None, alias="staff_board", description="Staff only")
    village_head: str | None = Field(None, alias="staff_village_head", description="Staff only")
    front_head: str | None = Field(None, alias="staff_front_head", description="Staff only")
    witnesses: list[str] | None = Field(None, alias="staff_witnesses", description="Staff only")
    refusal_reason: str | None = Field(None, alias="staff_refusal_reason", description="Staff only")


class VoteFilter(Schema):
    village_id: int | None = Field(None, ge=1, le=ID_MAX, description="Only this village (staff)")
    status: str | None = Field(None, pattern="^(" + "|".join(Vote.Status.values) + ")$", description="Staff")


@router.get("/votes", response=list[VoteOut], auth=None, summary="Household votes (counted ones are public)")
@paginate(Pages)
def list_votes(request, filters: Query[VoteFilter]):
    """An officer: the votes of their units, every status. Without a login: the counted votes of every commune."""
    if not _staff(request):
        return public_votes()
    village = village_get_for_user(request.user, filters.village_id) if filters.village_id else None
    return votes_for_user(request.user, village=village, status=filters.status or "")


@router.get("/votes/{int:vote_id}", response=VoteDetailOut, auth=None, summary="One household vote")
def get_vote(request, vote_id: int):
    """An officer reads any vote of their units (with the counting board, the signatories, the notice); anyone reads
    a counted vote, or an online vote that is open."""
    if not 0 < vote_id <= ID_MAX:
        raise Http404
    vote = None
    if _staff(request):
        try:
            vote = vote_get_for_user(request.user, vote_id)
        except Http404:
            vote = None
    if vote is None:
        return public_vote_get(vote_id)
    vote.staff_notice_on = vote.notice_on  # type: ignore[attr-defined]
    vote.staff_board = [n for n in vote.counting_board.splitlines() if n.strip()]  # type: ignore[attr-defined]
    vote.staff_village_head, vote.staff_front_head = vote.village_head, vote.front_head  # type: ignore[attr-defined]
    vote.staff_witnesses = [n for n in (vote.witness_1, vote.witness_2) if n]  # type: ignore[attr-defined]
    vote.staff_refusal_reason = vote.refusal_reason  # type: ignore[attr-defined]
    return vote


class BallotIn(Schema):
    code: str = Field(
        ..., min_length=1, max_length=40, description="The household's ballot code, e.g. K7M4Q-9TXP2"
    )
    choice: str = Field(..., pattern="^(yes|no|blank)$", description="yes, no or blank (no opinion)")


class BallotOut(Schema):
    vote_id: int
    household: str = Field(..., description="The household's number in the village register")
    choice: str
    channel: str
    cast_at: dt.datetime


@router.post(
    "/votes/{int:vote_id}/ballots",
    response={201: BallotOut},
    auth=None,
    summary="Cast a household's online ballot",
)
def cast_ballot(request, vote_id: int, payload: BallotIn):
    """A household's representative votes with the one-time code printed for the household. Refused, with nothing
    saved: outside the window (`ballot_invalid`), a second ballot (`ballot_exists`, 409), a wrong code
    (`ballot_code_wrong`; too many from one address: 429)."""
    vote = public_vote_get(vote_id)
    ballot = ballot_cast_online(
        vote=vote, code=payload.code, choice=payload.choice, client=client_ip(request)
    )
    return HttpStatus(
        201,
        {
            "vote_id": vote.pk,
            "household": ballot.household.code,
            "choice": ballot.choice,
            "channel": ballot.channel,
            "cast_at": ballot.cast_at,
        },
    )


class VoteRuleQuery(Schema):
    matter: int = Field(..., ge=1, le=6, description="The item of Art. 15 (1–6)")
    households: int = Field(..., ge=1, le=MAX_HOUSEHOLDS, description="All households of the village")
    yes: int = Field(..., ge=0, le=MAX_HOUSEHOLDS, description="Households that agree")
    online_optin: int | None = Field(
        None, ge=0, le=MAX_HOUSEHOLDS, description="Households that agreed to vote online"
    )


class VoteRuleOut(Schema):
    matter: int
    passed: bool
    needed: int
    threshold: str = Field(..., description="two_thirds (≥ 2/3 of all households) or majority (> 1/2)")
    forms_allowed: list[str]
    online_allowed: bool
    basis: str


@router.get(
    "/rules/vote", response=VoteRuleOut, auth=None, summary="Does a household vote pass? (calculator)"
)
def vote_rule(request, query: Query[VoteRuleQuery]):
    """Counted against ALL households of the village (Art. 21): `needed` is the fewest agreeing households that pass.
    `forms_allowed`: meeting and household ballot, and online only for matter 6 once more than half of the households
    opted in (`online_optin`)."""
    errors: dict[str, str] = {}
    if query.yes > query.households:
        errors["yes"] = _("yes: more households agree (%(yes)s) than the village has (%(households)s).") % {
            "yes": query.yes,
            "households": query.households,
        }
    if query.online_optin is not None and query.online_optin > query.households:
        errors["online_optin"] = _(
            "online_optin: more households opted in (%(optin)s) than the village has (%(households)s)."
        ) % {"optin": query.online_optin, "households": query.households}
    if errors:
        raise InvalidInput("invalid_input", errors=errors)
    rule = rule_for(query.matter, timezone.localdate())
    opted_in = query.online_optin or 0
    need = needed(query.households, rule.threshold)
    return {
        "matter": query.matter,
        "passed": query.yes >= need,
        "needed": need,
        "threshold": str(rule.threshold),
        "forms_allowed": [
            str(f)
            for f in forms_allowed(
                rule, households=query.households, opted_in=opted_in, meeting_lacked_quorum=True
            )
        ],
        "online_allowed": online_allowed(rule, households=query.households, opted_in=opted_in),
        "basis": rule.legal_basis,
    }
