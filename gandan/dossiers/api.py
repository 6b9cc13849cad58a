"""The desk's API: procedures and the public lookup (no login); dossiers, actions and indicators (staff session,
scoped to the user's units). Errors are JSON with a stable code (gandan/api.py)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja import Status as HttpStatus
from ninja.errors import ValidationError
from ninja.pagination import paginate
from ninja.security import django_auth
from pydantic import AliasChoices, Field

from gandan.accounts.rules import Perm
from gandan.apikeys.auth import ApiKeyAuth
from gandan.apikeys.rules import READ
from gandan.core.identifiers import lookup_last4
from gandan.dossiers import services
from gandan.dossiers.models import Channel, Procedure
from gandan.dossiers.rules import Action
from gandan.dossiers.selectors import (
    Worklist,
    days_late,
    dossier_get_for_user,
    dossier_list_for_user,
    indicators_for_user,
    procedure_in_force,
    procedures_in_force,
)
from gandan.dossiers.services.papers import PaperTick
from gandan.errors import DomainError, Throttled
from gandan.kit.params import LIMIT_MAX, Pages, parse_month

# Reads answer an officer (the session) or an integrator's key with the "read" scope, each in its own units.
READERS = [django_auth, ApiKeyAuth(READ)]

router = Router(tags=["dossiers"])


class ComponentOut(Schema):
    name: str
    copy_kind: str
    count: int
    required: bool


class ProcedureOut(Schema):
    id: int
    code: str
    name: str
    field: str
    time_value: int
    time_unit: str
    fee: int
    online_level: str
    legal_basis: str
    components: list[ComponentOut]


@router.get("/procedures", response=list[ProcedureOut], summary="Procedures in force")
def list_procedures(request, q: str = Query("", max_length=100)):
    return list(procedures_in_force(query=q))


class StepOut(Schema):
    at: dt.datetime
    action: str
    status: int
    status_label: str
    note: str


class DossierLookupOut(Schema):
    code: str
    procedure: str
    unit: str
    status: int
    status_label: str
    submitted_at: dt.datetime
    appointment: dt.date | None
    current_appointment: dt.date | None
    timeline: list[StepOut]


class DossierLookupIn(Schema):
    code: str = Field(..., min_length=5, max_length=60)
    # `phone_last4` too, the name the petitions' lookup and the address form use: one client code for both.
    last4: str = Field(
        ...,
        max_length=20,
        validation_alias=AliasChoices("last4", "phone_last4"),
        description="Last 4 digits of the phone or the citizen ID given (or the whole number), as a string; "
        "also accepted as `phone_last4`",
    )


@router.get(
    "/lookup",
    response=DossierLookupOut,
    summary="Public lookup with the digits in the address (kept for older clients; use POST)",
    deprecated=True,
)
def lookup(
    request,
    code: str = Query(..., min_length=5, max_length=60),
    last4: str = Query(
        "",
        max_length=20,
        description="Last 4 digits of the phone or the citizen ID given (or the whole number)",
    ),
    phone_last4: str = Query("", max_length=20, description="The former name of `last4`, still accepted"),
):
    """As POST /lookup, for clients written before it: the digits stand in the address. (First, and keeping its
    name: its operation id and its URL name stay what older clients and the metrics know.)"""
    return _lookup(request, code, last4 or phone_last4, where="query")


@router.post(
    "/lookup",
    response=DossierLookupOut,
    summary="Public lookup by code and the last 4 digits of the phone or citizen ID",
)
def lookup_posted(request, payload: DossierLookupIn):
    """Shows the status, the appointment and the public timeline — nothing personal. The code may be typed in
    lower case, with spaces or without its dashes. The digits go in the body, never in the address (where a
    proxy's log or a browser's history would keep them)."""
    return _lookup(request, payload.code, payload.last4, where="body")


def _lookup(request, code: str, typed: str, *, where: str):
    if not lookup_last4(typed):  # a typing mistake, not a guess: refused before the throttle counts it
        raise ValidationError([{"loc": (where, "last4"), "type": "value_error"}])
    # The same lookup as the page's (services.lookup): same lock, same values, same public notes.
    result = services.dossier_public_lookup(request=request, code=code, last4=typed)
    if result.refusal:
        raise Throttled("too_many_attempts", result.refusal)
    if result.found is None:
        raise Http404
    # Built field by field in DossierLookupOut's shape (test_api checks it): the busiest public endpoint skips the
    # schema's re-validation of values it has just read, and the encoder is the one the schema's answers use.
    return JsonResponse(result.found.status)


class ReturnRecordOut(Schema):
    at: dt.datetime
    method: str
    result_number: str
    has_file: bool
    receiver_is_applicant: bool
    receiver_name: str
    receiver_relationship: str
    fee_amount: int
    receipt_number: str
    note: str

    @staticmethod
    def resolve_has_file(obj) -> bool:
        return bool(obj.file)


class DossierOut(Schema):
    id: int
    code: str
    procedure_id: int
    procedure: str = Field(..., alias="procedure.name")
    status: int
    channel: int
    applicant_name: str
    submitted_at: dt.datetime
    received_at: dt.datetime | None
    appointment: dt.date | None
    current_appointment: dt.date | None
    finished_at: dt.datetime | None
    handler_id: int | None
    # The lateness rule of the dossier page and the worklists (rules.days_late): working days past the current
    # appointment while the dossier is still being processed; never for one processed, returned or closed.
    overdue: bool
    days_late: int
    # How the result was handed over (status 10), else null.
    return_record: ReturnRecordOut | None = None

    @staticmethod
    def resolve_days_late(obj) -> int:
        return days_late(obj)

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return days_late(obj) > 0

    @staticmethod
    def resolve_return_record(obj):
        return getattr(obj, "return_record", None)


class DossierFilter(Schema):
    worklist: str = Field(Worklist.UNIT, pattern="^(" + "|".join(Worklist.CHOICES) + ")$")
    q: str = Field("", max_length=100)
    status: int | None = Field(None, ge=1, le=10)
    channel: int | None = Field(None, ge=1, le=3)
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    order: str = Field("appointment", pattern="^(-?appointment|-?submitted|code)$")


def _need(request, perm: Perm) -> None:
    if not request.user.can(perm):
        raise PermissionDenied


class DossierPages(Pages):
    class Input(Pages.Input):
        limit: int = Field(100, ge=1, le=LIMIT_MAX)


@router.get("/", response=list[DossierOut], auth=READERS, summary="Dossiers in my area")
@paginate(DossierPages)
def list_dossiers(request, filters: Query[DossierFilter]):
    _need(request, Perm.DOSSIERS_VIEW)
    params = filters.dict()
    return dossier_list_for_user(request.user, query=params.pop("q"), **params).select_related(
        "return_record"
    )


@router.get("/{int:dossier_id}", response=DossierOut, auth=READERS, summary="One dossier")
def get_dossier(request, dossier_id: int):
    _need(request, Perm.DOSSIERS_VIEW)
    return dossier_get_for_user(request.user, dossier_id)


class PaperIn(Schema):
    component_id: int = Field(..., ge=1, le=2**63 - 1)
    received: bool = False
    kind: str = Field("", pattern="^(|original|copy|certified_copy|original_or_copy)$")
    count: int = Field(0, ge=0, le=99)
    applies: bool = False


def _ticks(papers: list[PaperIn] | None) -> list[PaperTick] | None:
    return None if papers is None else [PaperTick(**p.dict()) for p in papers]


class DossierIntakeIn(Schema):
    procedure_id: int = Field(..., ge=1, le=2**63 - 1)
    channel: int = Field(Channel.IN_PERSON, ge=1, le=3)
    applicant_name: str = Field(..., max_length=200)
    applicant_phone: str = Field("", max_length=20, description="Optional at the desk")
    applicant_address: str = Field(..., max_length=300)
    applicant_email: str = Field("", max_length=254)
    id_number: str = Field("", max_length=20)
    birth_year: int | None = Field(None, ge=1900, le=2100)
    sex: str = Field("", pattern="^(|male|female)$")
    request: str = Field("", max_length=2000)
    sets: int = Field(1, ge=1, le=20)
    present_component_ids: list[int] = []
    papers: list[PaperIn] | None = Field(
        None, description="Từng giấy tờ: đã nhận, bản chính/bản sao, số lượng"
    )
    application: dict[str, str] = Field({}, description="Các trường thông tin của thủ tục (khóa → giá trị)")
    accept: bool = Field(True, description="Nhận ngay và cấp giấy hẹn (Mẫu 01) nếu hồ sơ đầy đủ")


@router.post("/", response={201: DossierOut}, auth=django_auth, summary="Receive a dossier at the desk")
def create_dossier(request, payload: DossierIntakeIn):
    _need(request, Perm.DOSSIERS_RECEIVE)
    procedure = procedure_in_force(payload.procedure_id)
    if procedure is None:
        raise DomainError(
            "procedure_unknown", _("There is no procedure in force with this id."), field="procedure_id"
        )
    data = payload.dict()
    data.pop("procedure_id")
    data["papers"] = _ticks(payload.papers)
    # Received and (with `accept`) accepted in one short transaction, or neither.
    dossier = services.dossier_submit(
        procedure=procedure, unit=request.user.unit, by=request.user, accept=data.pop("accept"), **data
    )
    return HttpStatus(201, dossier)  # django-ninja deprecates a bare (status, body) tuple


class DossierActionIn(Schema):
    reason: str = Field("", max_length=2000)
    items: list[str] = []
    to_user_id: int | None = None
    step_days: int | None = Field(None, ge=0, le=365)
    amount: int | None = Field(None, ge=1, le=1_000_000_000)
    result_note: str = Field("", max_length=2000)
    new_appointment: dt.date | None = None
    # return_result: the result document's number, who received it, how, and the fees (the file is uploaded on the
    # dossier page; JSON carries none).
    result_number: str = Field("", max_length=200)
    method: str = Field("in_person", pattern="^(in_person|post|online)$")
    receiver_is_applicant: bool = True
    receiver_name: str = Field("", max_length=200)
    receiver_relationship: str = Field("", max_length=200)
    fee_amount: int = Field(0, ge=0, le=1_000_000_000)
    receipt_number: str = Field("", max_length=60)
    note: str = Field("", max_length=2000)
    papers: list[PaperIn] | None = Field(None, description="Nhận hồ sơ, bổ sung: từng giấy tờ đã nhận")


@router.post(
    "/{int:dossier_id}/actions/{action}", response=DossierOut, auth=django_auth, summary="Act on a dossier"
)
def act(request, dossier_id: int, action: Action, payload: DossierActionIn):
    from gandan.dossiers.rules import may_act
    from gandan.dossiers.selectors import handler_choices
    from gandan.dossiers.services.actions import dossier_act

    _need(request, Perm.DOSSIERS_VIEW)
    dossier = dossier_get_for_user(request.user, dossier_id)
    if not may_act(request.user, action):
        raise PermissionDenied
    data = payload.dict()
    data["papers"] = _ticks(payload.papers)
    if action == Action.TRANSFER:
        data["to_user"] = (
            handler_choices(dossier).filter(pk=payload.to_user_id).first()
            if payload.to_user_id is not None
            else None
        )
    if action == Action.REQUEST_SUPPLEMENT:
        data["items"] = "\n".join(payload.items)
    if action == Action.REQUEST_PAYMENT and payload.amount is None:
        raise DomainError("amount_invalid", _("Enter the amount to pay, in đồng."), field="amount")
    if action == Action.APOLOGIZE and payload.new_appointment is None:
        raise DomainError(
            "new_appointment_invalid", _("Give the new appointment date."), field="new_appointment"
        )
    return dossier_act(dossier=dossier, action=action, by=request.user, data=data)


class IndicatorsOut(Schema):
    start: dt.date
    end: dt.date
    counted: int
    on_time: int
    on_time_rate: float | None
    finished: int
    average_days: float | None
    received: int
    online: int
    online_rate: float | None
    rated: int
    dislike: int
    satisfaction_54: float | None


@router.get(
    "/indicators", response=IndicatorsOut, auth=django_auth, summary="Decision 766 indicators for a month"
)
def indicators(request, month: str = Query(..., pattern=r"^\d{4}-(0[1-9]|1[0-2])$")):
    _need(request, Perm.DOSSIERS_VIEW)
    period = parse_month(month, name="month")
    assert period is not None  # the pattern requires a month
    start, end = period
    return indicators_for_user(request.user, start=start, end=end)


__all__ = ["router", "Procedure"]
