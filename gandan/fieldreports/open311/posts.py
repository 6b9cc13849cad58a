"""Open311 GeoReport v2, the writes: POST requests (a new field report, with the media[] upload extension) and
mySociety's POST servicerequestupdates (an integrator moves a report). Both need an API key with the scope
"open311" (form `api_key` or the X-Api-Key header); the key's unit bounds where it may file and what it may move.
Writes go through gandan.fieldreports.services only; on any problem nothing is saved."""

from functools import partial

from django.db import IntegrityError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from gandan.accounts.scope import within_any
from gandan.apikeys.auth import KeyRefused, key_for_request
from gandan.apikeys.models import ApiKey
from gandan.core.fieldreports import MOVES, NOTE_REQUIRED, OPEN_STATES, Action, can_move
from gandan.errors import NON_FIELD, DomainError, NotAllowed
from gandan.fieldreports import selectors_open311 as sel
from gandan.fieldreports.models import STATUSES, FieldReport
from gandan.fieldreports.open311 import params
from gandan.fieldreports.open311.render import answer, error_answer
from gandan.fieldreports.open311.views import fmt_checked, jurisdiction
from gandan.fieldreports.services import ReportFacts, report_move, report_receive
from gandan.fieldreports.services.assignment import report_note
from gandan.units.models import COMMUNE_KINDS

# mySociety's extended statuses → the move they stand for (core.fieldreports.MOVES).
STATUS_ACTIONS: dict[str, Action] = {
    "FIXED": Action.FIX,
    "IN_PROGRESS": Action.START,
    "INVESTIGATING": Action.ACKNOWLEDGE,
    "ACTION_SCHEDULED": Action.SCHEDULE,
    "DUPLICATE": Action.DUPLICATE,
    "NOT_COUNCILS_RESPONSIBILITY": Action.NOT_RESPONSIBLE,
    "NO_FURTHER_ACTION": Action.NO_FURTHER_ACTION,
    "OPEN": Action.REOPEN,
    "REOPEN": Action.REOPEN,
    # Closed without a fix, in the words of other back-ends: no further action from the commune.
    "CLOSED": Action.NO_FURTHER_ACTION,
    "CANCELLED": Action.NO_FURTHER_ACTION,
    "FOR_TRIAGE": Action.ACKNOWLEDGE,
}


def _restates(report: FieldReport, action: Action) -> bool:
    """An update that repeats where the report already is (FixMyStreet sends a comment so): a note, not a move."""
    if can_move(report.status, action):
        return False
    target = MOVES[action][1]
    return report.status == target or (action is Action.REOPEN and report.status in OPEN_STATES)


def _key(request) -> ApiKey:
    """The form's api_key (else the X-Api-Key header) checked for the scope "open311"; KeyRefused otherwise."""
    form_key = params.text(request.POST, "api_key", limit=200)
    if form_key:
        request.META["HTTP_X_API_KEY"] = form_key
    return key_for_request(request, "open311")


def _refused(fmt: str, error: KeyRefused) -> HttpResponse:
    status = 429 if error.status == 429 else 403
    response = error_answer(fmt, status, [("api_key", error.message)])
    if error.retry_after is not None:
        response["Retry-After"] = str(error.retry_after)
    return response


def _covers(key: ApiKey, report: FieldReport) -> bool:
    """Whether the key may move the report: the unit that handles it lies in the key's unit (a commune's key does not
    close a province-level report in its village, which the commune's own officers may not either)."""
    return not key.unit_path or within_any(report.unit_path, [key.unit_path])


# The services' field names → the Open311 argument a client must fix.
ARGUMENTS = {"name": "first_name", "address": "address_string", "media": "media[]", "note": "description"}


def _domain_errors(fmt: str, error: DomainError) -> HttpResponse:
    errors = []
    for field, messages in error.errors.items():
        name = ARGUMENTS.get(field, field)
        for message in messages:
            errors.append((name, message if name == NON_FIELD else f"{name}: {message}"))
    return error_answer(fmt, 400, errors)


def _outside(fmt: str) -> HttpResponse:
    return error_answer(
        fmt,
        403,
        [
            (
                "api_key",
                _("This API key may file and move reports only in its own unit: check jurisdiction_id."),
            )
        ],
    )


@csrf_exempt
@partial(fmt_checked, method="POST")
def requests_create(request, fmt: str) -> HttpResponse:
    try:
        key = _key(request)
    except KeyRefused as error:
        return _refused(fmt, error)
    data = request.POST
    commune = jurisdiction(data)
    if commune is not None and key.unit_path and not within_any(commune.path, [key.unit_path]):
        return _outside(fmt)
    located = params.text(data, "lat", limit=40) and params.text(data, "long", limit=40)
    if commune is None and not located and key.unit is not None and key.unit.kind in COMMUNE_KINDS:
        commune = key.unit  # an address alone, from a commune's key: in its commune (a point finds its own)
    code = params.text(data, "service_code", limit=60)
    if not code:
        raise params.ArgError(
            "service_code", _("service_code is required: choose one from the service list.")
        )
    category = sel.open311_service(code)
    if category is None:
        raise params.ArgError(
            "service_code",
            _("No service has the code “%(code)s”: read the list at services.%(fmt)s.")
            % {"code": code, "fmt": fmt},
            status=404,
        )
    name = " ".join(
        p
        for p in (params.text(data, "first_name", limit=200), params.text(data, "last_name", limit=200))
        if p
    )
    facts = ReportFacts(
        category=category,
        description=params.text(data, "description", limit=10_000),
        lat=params.text(data, "lat", limit=40),
        long=params.text(data, "long", limit=40),
        address=params.text(data, "address_string", limit=1_000)
        or params.text(data, "address_id", limit=1_000),
        commune=commune,
        attributes=params.attributes(data),
        name=name,
        phone=params.text(data, "phone", limit=40),
        email=params.text(data, "email", limit=300),
        device_id=params.text(data, "device_id", limit=100),
        account_id=params.text(data, "account_id", limit=100),
        media_url=params.text(data, "media_url", limit=1_000),
        photos=[*request.FILES.getlist("media[]"), *request.FILES.getlist("media")],
    )
    try:
        report = report_receive(
            facts=facts, channel=FieldReport.Channel.OPEN311, api_key=key, within=key.unit_path
        )
    except NotAllowed:
        return _outside(fmt)
    except DomainError as error:
        return _domain_errors(fmt, error)
    notice = _("Received. The commune will settle it by %(due)s.") % {
        "due": report.due.strftime("%d/%m/%Y") if report.due else "—"
    }
    item = {"service_request_id": report.code, "service_notice": notice}
    if facts.account_id:
        item["account_id"] = facts.account_id
    return answer(fmt, "service_requests", [item])


def _update_id_taken(fmt: str, external_id: str) -> HttpResponse:
    """An update_id names one update of one request: answering the first request's update for another request would
    tell the client its update was recorded when it was not."""
    return error_answer(
        fmt,
        400,
        [
            (
                "update_id",
                _(
                    "update_id: “%(id)s” is already used for another request; send a new update_id for each update."
                )
                % {"id": external_id},
            )
        ],
    )


@csrf_exempt
@partial(fmt_checked, method="POST")
def updates_create(request, fmt: str) -> HttpResponse:
    try:
        key = _key(request)
    except KeyRefused as error:
        return _refused(fmt, error)
    data = request.POST
    jurisdiction(data)
    missing = [
        n for n in ("service_request_id", "update_id", "status") if not params.text(data, n, limit=100)
    ]
    if missing:
        return error_answer(fmt, 400, [(n, _("%(name)s is required.") % {"name": n}) for n in missing])
    code = params.text(data, "service_request_id", limit=40)
    external_id = params.text(data, "update_id", limit=100)
    status = params.text(data, "status", limit=40).upper()
    action = STATUS_ACTIONS.get(status)
    if action is None:
        raise params.ArgError(
            "status",
            _("Unknown status “%(status)s”: use one of %(known)s.")
            % {"status": status[:40], "known": ", ".join(STATUS_ACTIONS)},
        )
    params.w3c_datetime(data, "updated_datetime")  # checked; the update is dated when it is recorded
    report = sel.open311_report_for_update(code)
    if report is None:
        raise params.ArgError(
            "service_request_id", _("No request has the id “%(id)s”.") % {"id": code}, status=404
        )
    if not _covers(key, report):
        return _outside(fmt)
    done = sel.open311_update_by_external(key.pk, external_id)
    if done is not None and done.report_id != report.pk:
        return _update_id_taken(fmt, external_id)
    if done is None:
        note = params.text(data, "description", limit=10_000)
        restates = _restates(report, action)
        if not note and not restates and action in NOTE_REQUIRED:
            # FixMyStreet sends status-only updates (and retries them): the public reads which system changed it.
            note = _("Status changed to “%(status)s” by the application “%(app)s”.") % {
                "status": dict(STATUSES)[MOVES[action][1].value],
                "app": key.name,
            }
        try:
            if restates:
                done = report_note(report=report, note=note, by=None, api_key=key, external_id=external_id)
            else:
                done = report_move(
                    report=report,
                    action=action.value,
                    note=note,
                    by=None,
                    api_key=key,
                    external_id=external_id,
                    audit_details={"update_id": external_id},
                )
        except DomainError as error:
            return _domain_errors(fmt, error)
        except IntegrityError:  # the same update_id sent twice at once: the other request recorded it
            done = sel.open311_update_by_external(key.pk, external_id)
            if done is None:
                raise
            if done.report_id != report.pk:
                return _update_id_taken(fmt, external_id)
    return answer(fmt, "service_request_updates", [{"update_id": str(done.pk)}])
