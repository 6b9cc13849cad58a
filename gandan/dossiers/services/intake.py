"""Intake: a dossier is submitted (at the desk, online or by post), then accepted (Form 01), sent back for more
papers (Form 02, in processing.py) or refused (Form 03)."""

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.core.citizen_id import Sex, citizen_id_problems, clean_citizen_id
from gandan.core.identifiers import clean_phone, is_phone
from gandan.core.vntext import normalize
from gandan.core.workdays import add_working_days, due_after_calendar_days, effective_receipt_day
from gandan.dossiers.models import (
    Attachment,
    Channel,
    Dossier,
    DossierCounter,
    DossierIdentity,
    Procedure,
    SubmittedComponent,
    TimeUnit,
)
from gandan.dossiers.notifications import notify_citizen
from gandan.dossiers.rules import Action, Status, dossier_code
from gandan.dossiers.search import dossier_index
from gandan.dossiers.services.common import StepSpec, check_transition, end_of_day, record_step, record_steps
from gandan.dossiers.services.papers import (
    ANSWER_PREFIX,
    PaperTick,
    application_clean,
    checklist_new,
    checklist_tick,
    refuse_if_missing,
    ticks_from_ids,
)
from gandan.dossiers.services.processing import dossier_request_supplement
from gandan.errors import DomainError, too_long
from gandan.kit.uploads import CheckedUpload, upload_checked
from gandan.opinion.services import signal_record
from gandan.sql import db_date, table
from gandan.units.models import COMMUNE_KINDS, Unit
from gandan.workcalendar.selectors import receipt_cutoff, work_calendar


def _next_code(unit: Unit, day: dt.date) -> str:
    """Allocate the day's next sequence for `unit` atomically, in one statement: the upsert takes the row lock
    (PostgreSQL) or runs under the database write lock (SQLite, IMMEDIATE transactions), so two desks never get the
    same number. SQLite has had INSERT … ON CONFLICT … RETURNING since 3.35."""
    counters = table(DossierCounter)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {counters} (unit_id, day, last) VALUES (%s, %s, 1) "  # noqa: S608 - names from the model
            f"ON CONFLICT (unit_id, day) DO UPDATE SET last = {counters}.last + 1 RETURNING last",
            [unit.pk, db_date(day)],
        )
        (seq,) = cursor.fetchone()
    return dossier_code(unit.code, day, seq, fmt=settings.GANDAN_DOSSIER_CODE_FORMAT)


def _clean_applicant(
    *,
    name: str,
    phone: str,
    email: str,
    address: str,
    id_number: str,
    birth_year: int | None = None,
    sex: str = "",
    phone_required: bool = True,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    name = normalize(name)
    phone = clean_phone(phone)
    email = (email or "").strip()
    address = normalize(address)
    id_number = clean_citizen_id(id_number)
    if not name:
        errors["applicant_name"] = _("Enter the applicant's full name.")
    elif problem := too_long(name, max_length=200):
        errors["applicant_name"] = problem
    if (phone or phone_required) and not is_phone(phone):
        errors["applicant_phone"] = _(
            "Enter a Vietnamese phone number of 10 digits starting with 0, e.g. 0912345678."
        )
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["applicant_email"] = _(
                "Enter a valid e-mail address, e.g. ten@example.com, or leave it empty."
            )
    if not address:
        errors["applicant_address"] = _("Enter the applicant's address (village, commune).")
    elif problem := too_long(address, max_length=300):
        errors["applicant_address"] = problem
    if id_number:
        problems = citizen_id_problems(
            id_number, birth_year=birth_year, sex=Sex(sex) if sex in Sex._value2member_map_ else None
        )
        codes = {p.code for p in problems}
        if "format" in codes:
            errors["id_number"] = _("A citizen ID number has exactly 12 digits, e.g. 025190012345.")
        elif codes:
            # Digit 4 encodes the century and sex, digits 5-6 the year of birth (DOMAIN.md §9.3).
            errors["id_number"] = _(
                "This ID number does not match the year of birth and sex given (its 4th digit gives the century "
                "and sex, the 5th and 6th the year). Check the number on the card."
            )
    if problem := birth_year_problem(birth_year):
        errors["birth_year"] = problem
    if errors:
        raise DomainError(
            "applicant_invalid", errors=errors
        )  # every field's problem, so forms and the API show them all
    return {"name": name, "phone": phone, "email": email, "address": address, "id_number": id_number}


def birth_year_problem(birth_year: int | None, *, today: dt.date | None = None) -> str:
    """What is wrong with a year of birth given (nothing when none is given): from 1900 to this year."""
    this_year = (today or timezone.localdate()).year
    if birth_year is None or 1900 <= birth_year <= this_year:
        return ""
    return _("Enter the year of birth as 4 digits, from 1900 to %(year)d, e.g. 1985.") % {"year": this_year}


def submission_problems(
    *,
    procedure: Procedure,
    channel: int,
    applicant: Mapping[str, Any],
    application: Mapping[str, object] | None,
    today: dt.date,
) -> dict[str, Any]:
    """Every problem of the applicant's details and of the application's answers at once (field name -> message),
    the same checks `dossier_submit` makes, so a form can show them all in one pass instead of in rounds."""
    errors: dict[str, Any] = {}
    for check in (
        lambda: _clean_applicant(**applicant, phone_required=channel == Channel.ONLINE),
        lambda: application_clean(procedure, application, today=today),
    ):
        try:
            check()
        except DomainError as error:
            errors.update(error.errors)
    return errors


def dossier_submit(
    *,
    procedure: Procedure,
    unit: Unit | None,
    channel: int,
    applicant_name: str,
    applicant_phone: str,
    applicant_address: str,
    applicant_email: str = "",
    id_number: str = "",
    request: str = "",
    sets: int = 1,
    present_component_ids: list[int] | None = None,
    papers: Sequence[PaperTick] | None = None,
    application: Mapping[str, object] | None = None,
    birth_year: int | None = None,
    sex: str = "",
    attachments: Sequence[CheckedUpload] = (),
    paper_files: Mapping[int, Sequence[CheckedUpload]] | None = None,
    accept: bool = False,
    by: User | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """Register a dossier (status 1). Online, the desk decides later; at the desk, with `accept`, the officer
    receives it at once (status 2, appointment, Form 01): the same two timeline steps as a later `dossier_accept`.

    `application` holds the answers to the procedure's fields (checked against them); `papers` the officer's ticks
    of the checklist (or `present_component_ids`, each received as asked); `paper_files` the scans sent in each
    paper's upload slot (component id -> files). Acceptance is refused while a needed paper is not received.

    Everything is checked and computed first; the one transaction only writes (on SQLite it holds the database's
    single write lock, so it is kept short: the desk's throughput is how long that lock is held)."""
    at = at or timezone.now()
    if unit is None or unit.kind not in COMMUNE_KINDS or unit.valid_to is not None:
        raise DomainError("unit_invalid", _("Choose the commune that receives the dossier."), field="unit")
    if procedure.valid_to is not None and procedure.valid_to < timezone.localdate(at):
        raise DomainError("procedure_expired", _("This procedure is no longer in force."), field="procedure")
    if not 1 <= sets <= 20:
        raise DomainError("sets_invalid", _("The number of sets is between 1 and 20."), field="sets")
    given: dict[str, Any] = {"name": applicant_name, "phone": applicant_phone, "email": applicant_email,
             "address": applicant_address, "id_number": id_number, "birth_year": birth_year, "sex": sex}  # fmt: skip
    # At the desk a citizen may have no phone (the lookup then takes the ID's last 4 digits, or the slip's QR
    # link); online, the phone is how the citizen hears back and how submissions are limited.
    problems = submission_problems(
        procedure=procedure, channel=channel, applicant=given, application=application,
        today=timezone.localdate(at),
    )  # fmt: skip
    if problems:  # the applicant's and the application's problems together, never in rounds
        only_answers = all(name.startswith(ANSWER_PREFIX) for name in problems)
        raise DomainError("application_invalid" if only_answers else "applicant_invalid", errors=problems)
    applicant = _clean_applicant(**given, phone_required=channel == Channel.ONLINE)
    request = normalize(request, multiline=True)
    answers = application_clean(procedure, application, today=timezone.localdate(at))
    components = checklist_new(procedure)
    ticks = list(papers) if papers is not None else ticks_from_ids(present_component_ids or [])
    checklist_tick(components, ticks)
    if accept:
        refuse_if_missing(components)
    scans: list[tuple[int | None, CheckedUpload]] = [
        (None, upload_checked(upload, field="attachment")) for upload in attachments
    ]
    slots = {row.component_id: row for row in components}
    for component_id, uploads in (paper_files or {}).items():
        if component_id not in slots:
            raise DomainError("paper_unknown", _("A file was sent for a paper this procedure does not ask."))
        scans += [(component_id, upload_checked(u, field=f"paper_{component_id}")) for u in uploads]
    dossier = Dossier(
        procedure=procedure,
        unit=unit,
        unit_path=unit.path,
        channel=channel,
        status=Status.NEW,
        applicant_name=applicant["name"],
        applicant_phone=applicant["phone"],
        phone_last4=applicant["phone"][-4:],  # "" without a phone: no lookup digits equal it
        applicant_email=applicant["email"],
        applicant_address=applicant["address"],
        request=request,
        application=answers,
        sets=sets,
        submitted_at=at,
        fee=procedure.fee,
    )
    steps = [StepSpec(action="submit", from_status=None, to_status=Status.NEW)]
    if accept:
        steps.append(_accept(dossier, at))
    with transaction.atomic():
        dossier.code = _next_code(unit, timezone.localdate(at))
        dossier.save(force_insert=True)
        if applicant["id_number"]:
            DossierIdentity.objects.create(dossier=dossier, id_number=applicant["id_number"])
        for component in components:
            component.dossier = dossier
        SubmittedComponent.objects.bulk_create(components)
        for slot_id, scan in scans:
            # Opened whole before the transaction (gandan.kit.uploads); stored under a random name.
            Attachment.objects.create(
                dossier=dossier,
                paper=slots[slot_id] if slot_id else None,
                file=scan.as_file(),
                original_name=scan.original_name,
                content_type=scan.content_type,
                size=scan.size,
            )
        record_steps(dossier=dossier, by=by, at=at, steps=steps)
        dossier_index(dossier)
        if request:
            signal_record(
                text=request,
                unit=unit,
                source_kind="dossiers.dossier",
                source_id=dossier.pk,
                at=at,
                new_source=True,
            )
        if accept:
            notify_citizen(dossier, "receipt")
    return dossier


def _accept(dossier: Dossier, at: dt.datetime) -> StepSpec:
    """Receive `dossier` at `at` (in memory): status 2, the appointment by the calendar; the step to record."""
    before = dossier.status
    dossier.status = check_transition(dossier, Action.ACCEPT)
    dossier.received_at = at
    dossier.appointment = dossier.current_appointment = appointment_for(dossier.procedure, at)
    dossier.stat_due_at = end_of_day(dossier.appointment)
    return StepSpec(
        action=Action.ACCEPT,
        from_status=before,
        to_status=dossier.status,
        form="01",
        note=_("Appointment: %(day)s") % {"day": dossier.appointment.strftime("%d/%m/%Y")},
    )


def appointment_for(procedure: Procedure, received_at: dt.datetime) -> dt.date:
    """The appointment date from the procedure's published time limit (DOMAIN.md design implication 3)."""
    calendar, cutoff = work_calendar(), receipt_cutoff()
    local = timezone.localtime(received_at)
    start = effective_receipt_day(local, calendar=calendar, cutoff=cutoff)
    if procedure.time_unit == TimeUnit.SAME_DAY:
        return start
    if procedure.time_unit == TimeUnit.WORKING_HOURS:
        # 8 working hours make a working day; part of a day is rounded up to the next whole day.
        return add_working_days(start, -(-procedure.time_value // 8), calendar=calendar)
    if procedure.time_unit == TimeUnit.CALENDAR_DAYS:
        return due_after_calendar_days(start, procedure.time_value, calendar=calendar)
    return add_working_days(start, procedure.time_value, calendar=calendar)


@transaction.atomic
def dossier_accept(
    *,
    dossier: Dossier,
    by: User,
    at: dt.datetime | None = None,
    papers: Sequence[PaperTick] | None = None,
) -> Dossier:
    """The dossier is complete: receipt and appointment slip (Form 01), appointment by the calendar. `papers`, when
    given, are the officer's ticks of the checklist; refused (naming them) while a needed paper is missing."""
    dossier = Dossier.objects.select_for_update().select_related("procedure", "unit").get(pk=dossier.pk)
    at = at or timezone.now()
    check_transition(dossier, Action.ACCEPT)
    rows = list(dossier.components.all())
    if papers is not None:
        changed = checklist_tick(rows, papers)
        refuse_if_missing(rows)
        SubmittedComponent.objects.bulk_update(rows, changed)
    else:
        refuse_if_missing(rows)
    step = _accept(dossier, at)
    dossier.save(
        update_fields=[
            "status",
            "received_at",
            "appointment",
            "current_appointment",
            "stat_due_at",
            "updated_at",
        ]
    )
    record_steps(dossier=dossier, by=by, at=at, steps=[step])
    notify_citizen(dossier, "receipt")
    return dossier


@transaction.atomic
def dossier_refuse(*, dossier: Dossier, by: User, reason: str) -> Dossier:
    """Not acceptable (outside scope or competence): refusal with the reason (Form 03)."""
    reason = normalize(reason, multiline=True)
    if not reason:
        raise DomainError(
            "reason_required",
            _("Write the reason for refusing, as the citizen will read it."),
            field="reason",
        )
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    before = dossier.status
    dossier.status = check_transition(dossier, Action.REFUSE)
    dossier.decision_note = reason
    dossier.finished_at = dossier.finished_at or timezone.now()
    # paused_since stays, as for a stop or a withdrawal: a past period in which the dossier was still waiting for
    # papers measures it at the request (selectors.on_time_q, rules.measured_end).
    dossier.save(update_fields=["status", "decision_note", "finished_at", "updated_at"])
    record_step(dossier=dossier, action=Action.REFUSE, by=by, from_status=before, form="03", note=reason)
    notify_citizen(dossier, "refusal")
    return dossier


INTAKE_DECISIONS = ("accept", "supplement", "refuse")


def dossier_intake(
    *,
    decision: str,
    by: User,
    supplement_items: Sequence[str] = (),
    reason: str = "",
    **submission: Any,
) -> Dossier:
    """The desk's whole intake in one call: register the dossier (`submission` is what `dossier_submit` takes) and
    record the officer's decision on the spot — "accept" (receipt and appointment, Form 01), "supplement" (the
    papers still missing, Form 02) or "refuse" (Form 03, with the reason).

    A decision that fails leaves no dossier behind: a supplement request or a refusal is written in the same
    transaction as the dossier. Acceptance needs no second step, so it keeps `dossier_submit`'s own short
    transaction (its checks run before the write lock is taken)."""
    if decision not in INTAKE_DECISIONS:
        raise DomainError("decision_invalid", _("Choose what to do with the dossier."), field="decision")
    if decision == "accept":
        return dossier_submit(**submission, by=by, accept=True)
    with transaction.atomic():
        dossier = dossier_submit(**submission, by=by, accept=False)
        if decision == "supplement":
            dossier = dossier_request_supplement(
                dossier=dossier, by=by, items=list(supplement_items), reason=reason
            )
        else:
            dossier = dossier_refuse(dossier=dossier, by=by, reason=reason)
    return dossier
