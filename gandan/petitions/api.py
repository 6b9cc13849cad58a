"""The petitions' API: the public lookup (no login, throttled); petitions, intake and actions (staff session,
scoped to the user's units; the reception sessions are gandan.reception.api). Errors are JSON with a stable code
(gandan/api.py).

No schema here carries a petitioner's identity: a petition shows only `petitioner_display`, which for a protected
denunciation is already the neutral label. The identity is opened on the staff page, with a grant and a reason."""

import datetime as dt
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja import Status as HttpStatus
from ninja.pagination import paginate
from ninja.security import django_auth
from pydantic import AliasChoices, Field

from gandan.accounts.rules import Perm
from gandan.apikeys.auth import ApiKeyAuth
from gandan.apikeys.rules import READ
from gandan.errors import DomainError, Throttled
from gandan.kit.params import ID_MAX, LIMIT_MAX
from gandan.kit.params import Pages as BoundedPages
from gandan.petitions.models import Channel, Kind, Petition, Status
from gandan.petitions.rules import Action
from gandan.petitions.selectors import (
    Worklist,
    officers_for,
    petition_get_for_user,
    petition_list_for_user,
    public_status,
    public_steps,
    receiving_unit_for_user,
    village_for_user,
)
from gandan.petitions.services.lookup import petition_public_lookup
from gandan.units.models import Unit

# Reads answer an officer (the session) or an integrator's key with the "read" scope, each in its own units.
READERS = [django_auth, ApiKeyAuth(READ)]

router = Router(tags=["petitions"])

MAX_ID = ID_MAX


def _choice_pattern(values, *, blank: bool = False) -> str:
    return "^(" + ("|" if blank else "") + "|".join(values) + ")$"


STAFF_CHANNELS = [c for c in Channel.values if c != Channel.ONLINE]


def _need(request, *perms: Perm) -> None:
    if not any(request.user.can(p) for p in perms):
        raise PermissionDenied


class Pages(BoundedPages):
    class Input(BoundedPages.Input):
        limit: int = Field(50, ge=1, le=LIMIT_MAX)  # a page, as the staff lists show


class SearchPages(Pages):
    """Like Pages, but for a search (`q`) the page is read with one row more than asked and `count` says only as
    much as that row tells: exact when the matches end on this page, otherwise the page's end plus one ("more").
    Counting every match of a common word among a million petitions costs far more than finding the page."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        if not request.GET.get("q", "").strip():
            return super().paginate_queryset(queryset, pagination, request, **params)
        offset, limit = pagination.offset, min(pagination.limit, self.max_limit)
        rows = list(queryset[offset : offset + limit + 1])
        more = len(rows) > limit
        return {
            self.items_attribute: rows[:limit],
            "count": offset + min(len(rows), limit) + (1 if more else 0),
        }


# --- The lookup (public) -----------------------------------------------------------------------------------------


class PublicStepOut(Schema):
    at: dt.datetime
    action: str
    label: str
    status: str
    status_label: str


class PetitionLookupOut(Schema):
    code: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    unit: str
    received_at: dt.datetime
    statutory_due: dt.date | None
    handled_to: str
    timeline: list[PublicStepOut]


class PetitionLookupIn(Schema):
    code: str = Field(..., min_length=5, max_length=40)
    # `last4` too, the name the desk's lookup uses: one client code for both.
    phone_last4: str = Field(
        ...,
        pattern=r"^[0-9]{4}$",
        validation_alias=AliasChoices("phone_last4", "last4"),
        description="The last 4 digits of the phone given, as a string; also accepted as `last4`",
    )


@router.get(
    "/lookup",
    response=PetitionLookupOut,
    summary="Public lookup with the digits in the address (kept for older clients; use POST)",
    deprecated=True,
)
def lookup(
    request,
    code: str = Query(..., min_length=5, max_length=40),
    phone_last4: str = Query(..., pattern=r"^[0-9]{4}$"),
):
    """As POST /lookup, for clients written before it: the digits stand in the address. (First, and keeping its
    name: its operation id and its URL name stay what older clients and the metrics know.)"""
    return _lookup(request, code, phone_last4)


@router.post(
    "/lookup", response=PetitionLookupOut, summary="Public lookup by code and the phone's last 4 digits"
)
def lookup_posted(request, payload: PetitionLookupIn):
    """The status, the kind, the dates and the public steps — nothing personal, not even the petitioner's name.
    The digits go in the body, never in the address (where a proxy's log or a browser's history would keep them)."""
    return _lookup(request, payload.code, payload.phone_last4)


def _lookup(request, code: str, phone_last4: str):
    # The same lookup as the page's (services.lookup): same lock, same values.
    result = petition_public_lookup(request=request, code=code, phone_last4=phone_last4)
    if result.refusal:
        raise Throttled("too_many_attempts", result.refusal)
    if result.petition is None:
        raise Http404
    return public_status(result.petition)


# --- Lists and one petition ----------------------------------------------------------------------------------------


class PetitionOut(Schema):
    id: int
    code: str
    kind: str
    status: str
    channel: str
    subject: str
    received_at: dt.datetime
    statutory_due: dt.date | None
    petitioner_display: str
    signers: int
    unit: str = Field(..., alias="unit.code")


class ClockOut(Schema):
    role: str
    rule: str | None
    label: str
    legal_basis: str
    started_on: dt.date
    original_due: dt.date | None
    due: dt.date | None
    extensions: int
    stopped_on: dt.date | None
    late: bool


class PetitionDetailOut(PetitionOut):
    kind_label: str
    status_label: str
    content: str
    protected: bool
    addressed_to: str
    forwarded_by: str
    handled_to: str
    instance: int
    complex_case: bool
    remote_area: bool
    accepted_on: dt.date | None
    resolved_on: dt.date | None
    handler_due: dt.date | None
    assignee_id: int | None
    timeline: list[PublicStepOut]
    clocks: list[ClockOut]

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_timeline(obj) -> list[dict]:

        return public_steps(obj)

    @staticmethod
    def resolve_clocks(obj) -> list[dict]:
        return [
            {
                "role": c.role,
                "rule": c.rule.key if c.rule else None,
                "label": c.rule.label if c.rule else str(c.get_role_display()),
                "legal_basis": c.rule.legal_basis if c.rule else "",
                "started_on": c.started_on,
                "original_due": c.original_due,
                "due": c.due,
                "extensions": c.extensions,
                "stopped_on": c.stopped_on,
                "late": c.late,
            }
            for c in obj.clocks.select_related("rule").order_by("started_on", "id")
        ]


class PetitionFilter(Schema):
    worklist: str = Field(Worklist.ALL, pattern=_choice_pattern(Worklist.CHOICES))
    q: str = Field("", max_length=100)
    kind: str = Field("", pattern=_choice_pattern(Kind.values, blank=True))
    status: str = Field("", pattern=_choice_pattern(Status.values, blank=True))
    channel: str = Field("", pattern=_choice_pattern(Channel.values, blank=True))
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    order: str = Field("-received", pattern="^(-?due|-?received|code)$")


@router.get("/", response=list[PetitionOut], auth=READERS, summary="Petitions in my area")
@paginate(SearchPages)
def list_petitions(request, filters: Query[PetitionFilter]):
    _need(request, Perm.PETITIONS_VIEW)
    params = filters.dict()
    return petition_list_for_user(request.user, query=params.pop("q"), capped_count=True, **params)


def _get(request, petition_id: int) -> Petition:
    if petition_id > MAX_ID:
        raise Http404
    return petition_get_for_user(request.user, petition_id)


@router.get("/{int:petition_id}", response=PetitionDetailOut, auth=READERS, summary="One petition")
def get_petition(request, petition_id: int):
    """The case, its public steps and its clocks. 404 outside the user's area."""
    _need(request, Perm.PETITIONS_VIEW)
    return _get(request, petition_id)


# --- Intake (staff) ----------------------------------------------------------------------------------------------------


class PartIn(Schema):
    kind: str = Field(
        ..., max_length=20, description="complaint, denunciation, recommendation, reflection, anonymous"
    )
    subject: str = Field(..., max_length=300)
    content: str = Field(
        ..., max_length=20000, description="Denunciation: the copy without the denunciator's identity"
    )


class PersonIn(Schema):
    name: str = Field("", max_length=200)
    address: str = Field("", max_length=300)
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)
    id_number: str = Field("", max_length=20)
    representative: bool = False


class PetitionIntakeIn(Schema):
    channel: str = Field(Channel.DIRECT.value, pattern=_choice_pattern(STAFF_CHANNELS))
    parts: list[PartIn] = Field(
        ..., min_length=1, max_length=5, description="One per matter of a mixed letter"
    )
    persons: list[PersonIn] = Field([], max_length=200)
    original_text: str = Field(
        "", max_length=50000, description="Denunciation: the letter word for word (protected)"
    )
    waived: bool = False
    waiver_note: str = Field("", max_length=2000)
    signers: int | None = Field(None, ge=1, le=100_000)
    addressed_to: str = Field("", max_length=300)
    forwarded_by: str = Field("", max_length=300)
    unit_id: int | None = Field(None, description="A commune of my area; by default my own unit")
    place_id: int | None = Field(None, description="The village concerned")
    sent_to_many: bool = False
    above_level: bool = False
    names_violator_with_evidence: bool = False


def _unit_for(request, unit_id: int | None) -> Unit:
    if unit_id is None:
        return request.user.unit
    unit = receiving_unit_for_user(request.user, unit_id) if 0 < unit_id <= MAX_ID else None
    if unit is None:
        raise DomainError("unit_invalid", _("Choose the unit that receives the petition."), field="unit_id")
    return unit


def _place_for(request, place_id: int | None) -> Unit | None:
    if place_id is None:
        return None
    place = village_for_user(request.user, place_id) if 0 < place_id <= MAX_ID else None
    if place is None:
        raise DomainError("place_invalid", _("Choose a village of this commune."), field="place_id")
    return place


@router.post("/", response={201: list[PetitionOut]}, auth=django_auth, summary="Record a petition")
def create_petition(request, payload: PetitionIntakeIn):
    """Record a petition received at the office, by post, at a reception or forwarded. A mixed letter (several
    parts) becomes one petition per part. A denunciator's identity (`persons`, `original_text`) goes to the
    protected record; the answer never contains it."""
    from gandan.petitions.services import petition_receive

    _need(request, Perm.PETITIONS_RECEIVE)
    data = payload.dict()
    created = petition_receive(
        unit=_unit_for(request, data.pop("unit_id")),
        place=_place_for(request, data.pop("place_id")),
        by=request.user,
        **data,
    )
    return HttpStatus(201, created)


class DuplicateCheckIn(Schema):
    kind: str = Field("complaint", pattern=_choice_pattern(Kind.values))
    subject: str = Field("", max_length=300)
    content: str = Field(..., min_length=1, max_length=20000)
    persons: list[PersonIn] = Field([], max_length=200)


class DuplicateOut(Schema):
    id: int
    code: str
    subject: str
    status: str
    received_at: dt.datetime
    kind: str = Field(
        description="same_petition: the same person or household on the same matter (merge); "
        "same_matter: other people on the same concrete matter (link, or a crowd case)"
    )
    score: float
    same_person: bool
    reasons: list[str]


@router.post(
    "/duplicate-check",
    response=list[DuplicateOut],
    auth=django_auth,
    summary="Earlier petitions that are the same petition again, or the same matter from other people (the check "
    "at intake; nothing is saved)",
)
def duplicate_check(request, payload: DuplicateCheckIn):
    """What the intake page shows before saving, among the units I may see: earlier petitions that are the same
    petition again (same person or household, same matter: merge), then those on the same concrete matter from
    other people (link), each with the reasons a clerk can check. A protected case is compared on its content only,
    and its reasons never name an identity."""
    from gandan.petitions import dupcheck

    _need(request, Perm.PETITIONS_RECEIVE)
    people = [p.dict() for p in payload.persons]
    probe = Petition(
        subject=payload.subject, content=payload.content, protected=payload.kind == Kind.DENUNCIATION
    )
    found = dupcheck.find(request.user, dupcheck.text_of(probe, people), related=True)
    return [
        {
            "id": s.petition.pk,
            "kind": s.kind,
            "code": s.petition.code,
            "subject": s.petition.subject,
            "status": s.petition.status,
            "received_at": s.petition.received_at,
            "score": round(s.match.score, 3),
            "same_person": s.match.same_person,
            "reasons": list(s.match.reasons),
        }
        for s in found
    ]


# --- Actions (staff) ---------------------------------------------------------------------------------------------------


class ApiAction(StrEnum):
    ACCEPT = Action.ACCEPT.value
    NOT_ACCEPT = Action.NOT_ACCEPT.value
    GUIDE = Action.GUIDE.value
    FORWARD = Action.FORWARD.value
    FILE = Action.FILE.value
    ASSIGN = Action.ASSIGN.value
    DECIDE = Action.DECIDE.value
    WITHDRAW = Action.WITHDRAW.value


class PetitionActionIn(Schema):
    reason: str = Field(
        "", max_length=5000, description="not_accept, file, withdraw; optional for guide, forward"
    )
    number: str = Field("", max_length=60, description="The document's number")
    to_body: str = Field("", max_length=300, description="guide, forward: the competent body")
    complex_case: bool = False
    complexity_criteria: int = Field(0, ge=0, le=7, description="accept (denunciation): criteria met, 0–7")
    complexity_note: str = Field("", max_length=5000)
    remote_area: bool = False
    assignee_id: int | None = Field(None, ge=1, le=MAX_ID, description="assign: the handler")
    resolver_id: int | None = Field(None, ge=1, le=MAX_ID, description="assign: the resolver (default: me)")
    handler_due: dt.date | None = Field(None, description="assign: the handler's own deadline")
    note: str = Field("", max_length=2000, description="assign: instructions")
    resolution: str = Field("", max_length=20000, description="decide: the decision, conclusion or answer")


@router.post(
    "/{int:petition_id}/actions/{action}",
    response=PetitionDetailOut,
    auth=django_auth,
    summary="Act on a petition",
)
def act(request, petition_id: int, action: ApiAction, payload: PetitionActionIn):
    from gandan.petitions.rules import may_act
    from gandan.petitions.services.actions import petition_act

    _need(request, Perm.PETITIONS_VIEW)
    petition = _get(request, petition_id)
    chosen = Action(action.value)
    if not may_act(request.user, chosen):
        raise PermissionDenied
    data = payload.dict()
    if chosen is Action.ASSIGN:
        officers = officers_for(petition, Perm.PETITIONS_HANDLE)
        data["assignee"] = officers.filter(pk=payload.assignee_id).first() if payload.assignee_id else None
        data["resolver"] = None
        if payload.resolver_id is not None:
            data["resolver"] = officers.filter(pk=payload.resolver_id).first()
            if data["resolver"] is None:
                raise DomainError(
                    "assignee_invalid",
                    _("Choose an officer of this unit who handles petitions."),
                    field="resolver_id",
                )
    petition_act(petition=petition, action=chosen, by=request.user, data=data)
    return _get(request, petition_id)
