"""The "dân vận khéo" models in the API (/api/v1/mobilization/…): the register of my units with each model's
replication links (`copied_from`, `copies`), registering, the decisions (start, review, recognise, send back,
withdraw) and replication, with the staff session and scoped like the pages; and the public showcase of recognised
models, which needs no login."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Schema
from ninja import Status as HttpStatus
from ninja.pagination import paginate
from ninja.security import django_auth
from pydantic import Field

from gandan.accounts.rules import Perm
from gandan.errors import DomainError
from gandan.kit.params import ID_MAX, LIMIT_MAX
from gandan.kit.params import Pages as BoundedPages
from gandan.mobilization.api import as_sent, router
from gandan.mobilization.models import Initiative
from gandan.mobilization.selectors import initiatives as selectors
from gandan.mobilization.selectors.initiatives import Worklist
from gandan.mobilization.services import initiative_decisions as decisions
from gandan.mobilization.services import initiatives as services
from gandan.mobilization.services.evidence import evidence_remove

VIEW, MANAGE, RECOGNISE = Perm.MOBILIZATION_VIEW, Perm.MOBILIZATION_MANAGE, Perm.MODELS_RECOGNISE
AS_SENT = {
    "unit": "unit_id",
    "commune": "unit_id",
    "village": "village_id",
}  # the services' names → the API's


def _pattern(values) -> str:
    return "^(|" + "|".join(str(v) for v in values) + ")$"


FIELDS = [code for code, _label in Initiative.FIELD_CHOICES]
LEVELS = [code for code, _label in Initiative.LEVEL_CHOICES]
STATUSES = [code for code, _label in Initiative.STATUS_CHOICES]
OWNERS = [code for code, _label in Initiative.OWNER_CHOICES]


class Pages(BoundedPages):
    class Input(BoundedPages.Input):
        limit: int = Field(50, ge=1, le=LIMIT_MAX)


def _need(request, *perms: str) -> None:
    if not any(request.user.can(p) for p in perms):
        raise PermissionDenied


# --- Schemas -------------------------------------------------------------------------------------------------------


class FigureIn(Schema):
    label: str = Field(..., max_length=200)
    value: float | str
    unit: str = Field("", max_length=40)


class FigureOut(Schema):
    label: str
    value: float | int
    unit: str


class InitiativeOut(Schema):
    id: int
    commune: str = Field(..., alias="unit.code")
    commune_name: str = Field(..., alias="unit.name")
    village_id: int | None
    village_name: str
    name: str
    field: str
    owner_kind: str
    owner_name: str
    place: str
    period_start: dt.date
    period_end: dt.date | None
    description: str
    results: str
    figures: list[FigureOut]
    status: str
    level: str
    recognised_on: dt.date | None
    recognition_decision: str
    registered_on: dt.date
    copied_from: int | None = Field(None, description="The model this one replicates")
    copies: list[int] = Field(
        [],
        description="The models that replicate this one (not withdrawn) that I may open, and the recognised ones",
    )

    @staticmethod
    def resolve_village_name(obj) -> str:
        return obj.village.name if obj.village_id else ""

    @staticmethod
    def resolve_copied_from(obj) -> int | None:
        return obj.copied_from_id

    @staticmethod
    def resolve_copies(obj, context) -> list[int]:
        request = (context or {}).get("request")
        return selectors.copy_ids(getattr(request, "user", None), obj)


class ShowcaseOut(Schema):
    id: int
    commune: str = Field(..., alias="unit.code")
    commune_name: str = Field(..., alias="unit.name")
    village_name: str
    name: str
    field: str
    owner_name: str
    place: str
    period_start: dt.date
    description: str
    results: str
    figures: list[FigureOut]
    level: str
    recognised_on: dt.date | None
    recognition_decision: str
    copied_from: int | None = Field(None, description="The recognised model this one replicates")
    copies: list[int] = Field([], description="Recognised models that replicate this one")
    replicated_in: list[str] = Field(
        [], description="The places of the recognised models that replicate this one"
    )
    other_copies: int = Field(
        0, description="Copies still registered or being carried out: counted, their places not shown"
    )

    @staticmethod
    def resolve_village_name(obj) -> str:
        return obj.village.name if obj.village_id else ""

    @staticmethod
    def resolve_copied_from(obj) -> int | None:
        links = _links(obj)
        return links.source.pk if links.source else None

    @staticmethod
    def resolve_copies(obj) -> list[int]:
        return [c.pk for c in _links(obj).copies]

    @staticmethod
    def resolve_replicated_in(obj) -> list[str]:
        return [f"{c.village.name}, {c.unit.name}" if c.village else c.unit.name for c in _links(obj).copies]

    @staticmethod
    def resolve_other_copies(obj) -> int:
        return _links(obj).others


def _links(obj) -> selectors.ShowcaseLinks:
    """Read once per model for the four fields that show them."""
    found = getattr(obj, "_showcase_links", None)
    if found is None:
        found = selectors.showcase_links(obj)
        obj._showcase_links = found
    return found


class InitiativeFilter(Schema):
    worklist: str = Field("active", pattern="^(" + "|".join(w.value for w in Worklist) + ")$")
    field: str = Field("", pattern=_pattern(FIELDS))
    status: str = Field("", pattern=_pattern(STATUSES))
    level: str = Field("", pattern=_pattern(LEVELS))
    q: str = Field("", max_length=200)


class InitiativeIn(Schema):
    unit_id: int | None = Field(None, ge=1, le=ID_MAX, description="The commune; my own when omitted")
    village_id: int | None = Field(None, ge=1, le=ID_MAX)
    name: str = Field(..., max_length=300)
    field: str = Field("", description="economy, culture_society, defence_security or political_system")
    owner_kind: str = Field(..., pattern=_pattern(OWNERS))
    owner_name: str = Field(..., max_length=200)
    place: str = Field(..., max_length=300)
    period_start: dt.date
    period_end: dt.date | None = None
    description: str = Field(..., max_length=10000)
    results: str = Field("", max_length=10000)
    figures: list[FigureIn] = Field([], max_length=20)


class ReviewIn(Schema):
    scores: dict[str, int] = Field(..., description="criterion key → points, 0 to the criterion's weight")
    recommend: bool = False
    comment: str = Field("", max_length=5000)


class ReviewOut(Schema):
    id: int
    total: int
    recommend: bool
    scores: dict[str, int]


class RecogniseIn(Schema):
    level: str = Field(..., pattern="^(" + "|".join(LEVELS) + ")$")
    decision: str = Field(..., max_length=100)
    on: dt.date


class ReasonIn(Schema):
    reason: str = Field(..., max_length=2000)


class ReplicateIn(Schema):
    unit_id: int | None = Field(
        None, ge=1, le=ID_MAX, description="My commune that copies it; my own when omitted"
    )
    village_id: int | None = Field(None, ge=1, le=ID_MAX)
    name: str = Field("", max_length=300, description="The source's name when empty")
    owner_kind: str = Field(..., pattern="^(" + "|".join(OWNERS) + ")$")
    owner_name: str = Field(..., max_length=200)
    place: str = Field("", max_length=300)
    period_start: dt.date | None = None
    description: str = Field("", max_length=10000)


class ShowcaseFilter(Schema):
    q: str = Field("", max_length=200)
    field: str = Field("", pattern=_pattern(FIELDS))
    level: str = Field("", pattern=_pattern(LEVELS))
    commune: str = Field("", max_length=20, description="The commune's official code")


# --- Staff ---------------------------------------------------------------------------------------------------------


def _get(request, initiative_id: int) -> Initiative:
    if initiative_id > ID_MAX:
        raise Http404
    return selectors.initiative_get_for_user(request.user, initiative_id)


def _commune(request, unit_id: int | None):
    communes = selectors.registering_communes_for_user(request.user)
    unit = (
        communes.filter(pk=unit_id).first() if unit_id else communes.filter(pk=request.user.unit_id).first()
    )
    if unit is None:
        raise DomainError("unit_invalid", _("Choose a commune or ward of your own units."), field="unit_id")
    return unit


def _village(request, village_id: int | None):
    if village_id is None:
        return None
    village = selectors.villages_for_user(request.user).filter(pk=village_id).first()
    if village is None:
        raise DomainError("village_invalid", _("Choose a village of your own units."), field="village_id")
    return village


@router.get(
    "/models", response=list[InitiativeOut], auth=django_auth, summary="“Dân vận khéo” models in my area"
)
@paginate(Pages)
def list_models(request, filters: Query[InitiativeFilter]):
    _need(request, VIEW)
    return selectors.initiative_list(
        request.user,
        worklist=filters.worklist,
        field=filters.field,
        status=filters.status,
        level=filters.level,
        query=filters.q,
    )


@router.get("/models/{int:initiative_id}", response=InitiativeOut, auth=django_auth, summary="One model")
def get_model(request, initiative_id: int):
    _need(request, VIEW)
    return _get(request, initiative_id)


@router.post("/models", response={201: InitiativeOut}, auth=django_auth, summary="Register a model")
def register_model(request, payload: InitiativeIn):
    _need(request, MANAGE)
    data = payload.dict()
    unit, village = _commune(request, data.pop("unit_id")), _village(request, data.pop("village_id"))
    created = as_sent(
        AS_SENT,
        lambda: services.initiative_register(unit=unit, village=village, by=request.user, **data),
    )
    return HttpStatus(201, created)


@router.post(
    "/models/{int:initiative_id}/start", response=InitiativeOut, auth=django_auth, summary="Start a model"
)
def start_model(request, initiative_id: int):
    _need(request, MANAGE)
    return services.initiative_start(initiative=_get(request, initiative_id), by=request.user)


@router.post(
    "/models/{int:initiative_id}/review",
    response={201: ReviewOut},
    auth=django_auth,
    summary="Review and score",
)
def review_model(request, initiative_id: int, payload: ReviewIn):
    _need(request, MANAGE, RECOGNISE)
    review = decisions.initiative_review(
        initiative=_get(request, initiative_id),
        scores=payload.scores,
        recommend=payload.recommend,
        comment=payload.comment,
        by=request.user,
    )
    return HttpStatus(201, review)


@router.post(
    "/models/{int:initiative_id}/recognise",
    response=InitiativeOut,
    auth=django_auth,
    summary="Recognise a model",
)
def recognise_model(request, initiative_id: int, payload: RecogniseIn):
    _need(request, RECOGNISE)
    return decisions.initiative_recognise(
        initiative=_get(request, initiative_id),
        level=payload.level,
        decision=payload.decision,
        on=payload.on,
        by=request.user,
    )


@router.post(
    "/models/{int:initiative_id}/decline", response=InitiativeOut, auth=django_auth, summary="Send back"
)
def decline_model(request, initiative_id: int, payload: ReasonIn):
    _need(request, RECOGNISE)
    return decisions.initiative_decline(
        initiative=_get(request, initiative_id), reason=payload.reason, by=request.user
    )


@router.post(
    "/models/{int:initiative_id}/withdraw", response=InitiativeOut, auth=django_auth, summary="Withdraw"
)
def withdraw_model(request, initiative_id: int, payload: ReasonIn):
    _need(request, MANAGE)
    return services.initiative_withdraw(
        initiative=_get(request, initiative_id), reason=payload.reason, by=request.user
    )


@router.post(
    "/models/{int:initiative_id}/replicate",
    response={201: InitiativeOut},
    auth=django_auth,
    summary="Replicate a recognised model (of any commune) in my commune",
)
def replicate_model(request, initiative_id: int, payload: ReplicateIn):
    _need(request, MANAGE)
    if initiative_id > ID_MAX:
        raise Http404
    source = selectors.replication_source(initiative_id)
    data = payload.dict()
    commune, village = _commune(request, data.pop("unit_id")), _village(request, data.pop("village_id"))
    copy = as_sent(
        AS_SENT,
        lambda: services.initiative_replicate(
            source=source, commune=commune, village=village, by=request.user, **data
        ),
    )
    return HttpStatus(201, copy)


@router.delete(
    "/models/{int:initiative_id}/evidence/{int:evidence_id}",
    response={204: None},
    auth=django_auth,
    summary="Take down a photo or document, with the reason (body: {reason})",
)
def remove_evidence(request, initiative_id: int, evidence_id: int, payload: ReasonIn):
    _need(request, MANAGE)
    if initiative_id > ID_MAX or evidence_id > ID_MAX:
        raise Http404
    evidence = selectors.evidence_get_for_user(request.user, initiative_id, evidence_id)
    evidence_remove(evidence=evidence, reason=payload.reason, by=request.user)
    return HttpStatus(204, None)


# --- The public showcase (no login) ---------------------------------------------------------------------------------


class ShowcasePages(BoundedPages):
    """The public list reads each model's links (two queries a model): a page is kept to what a phone shows."""

    class Input(BoundedPages.Input):
        limit: int = Field(20, ge=1, le=50)


@router.get("/showcase", response=list[ShowcaseOut], auth=None, summary="Recognised models (public)")
@paginate(ShowcasePages)
def showcase(request, filters: Query[ShowcaseFilter]):
    commune = selectors.showcase_commune(filters.commune)
    rows = selectors.showcase_list(query=filters.q, field=filters.field, level=filters.level, commune=commune)
    return rows.none() if filters.commune and commune is None else rows


@router.get(
    "/showcase/{int:initiative_id}", response=ShowcaseOut, auth=None, summary="A recognised model (public)"
)
def showcase_model(request, initiative_id: int):
    if initiative_id > ID_MAX:
        raise Http404
    return selectors.showcase_get(initiative_id)
