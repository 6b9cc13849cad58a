"""Finishing: the result is ready (processed), returned to the citizen, apologies for lateness (Form 04), and
the citizen's rating."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.accounts.selectors import officers_of
from gandan.core.vntext import normalize
from gandan.dossiers.models import Apology, Dossier, HandOff, Rating, ReturnMethod, ReturnRecord
from gandan.dossiers.notifications import notify_citizen
from gandan.dossiers.rules import Action, Status, return_problems, step_result
from gandan.dossiers.satisfaction import INDICES, clean_answers
from gandan.dossiers.services.common import (
    check_transition,
    close_last_handoff,
    end_of_day,
    is_overdue,
    lock_dossier,
    may_apologize,
    record_step,
)
from gandan.errors import Conflict, DomainError, check_max_lengths
from gandan.kit.uploads import CheckedUpload, upload_checked
from gandan.notify.models import InboxKind
from gandan.notify.services import inbox_post, inbox_settle
from gandan.opinion.services import signal_record


def _require_apology_if_late(dossier: Dossier) -> None:
    """An overdue dossier moves on only after an apology with a new appointment (DOMAIN.md design implication 8)."""
    day = dossier.current_appointment
    if day is not None and is_overdue(dossier):
        raise Conflict(
            "apology_required",
            _(
                "The dossier is past its appointment (%(day)s). Issue an apology with a new appointment (Form 04) "
                "first."
            )
            % {"day": day.strftime("%d/%m/%Y")},
        )


@transaction.atomic
def dossier_apologize(*, dossier: Dossier, by: User, reason: str, new_appointment: dt.date) -> Dossier:
    """Form 04: the reason for the delay and a new date, only for a dossier late and still being processed, or from
    GANDAN_APOLOGY_WARNING_DAYS working days before its appointment (rules.may_apologize: an apology for a delay
    that is not coming would move the citizen's date without cause). Statistics keep using the original
    appointment."""
    reason = normalize(reason, multiline=True)
    if not reason:
        raise DomainError(
            "reason_required",
            _("Write the reason for the delay, as the citizen will read it."),
            field="reason",
        )
    dossier = lock_dossier(dossier)
    check_transition(dossier, Action.APOLOGIZE)
    if not may_apologize(dossier):
        raise Conflict(
            "apology_not_due",
            _(
                "The dossier is not late: an apology with a new appointment (Form 04) is issued only after the "
                "appointment of %(day)s has passed."
            )
            % {
                "day": dossier.current_appointment.strftime("%d/%m/%Y")
                if dossier.current_appointment
                else "—"
            },
        )
    today = timezone.localdate()
    if (
        new_appointment is None
        or new_appointment < today
        or (dossier.current_appointment and new_appointment <= dossier.current_appointment)
    ):
        raise DomainError(
            "new_appointment_invalid",
            _("The new appointment must be today or later, and after the current one (%(day)s).")
            % {
                "day": dossier.current_appointment.strftime("%d/%m/%Y")
                if dossier.current_appointment
                else "—"
            },
            field="new_appointment",
        )
    assert dossier.current_appointment is not None  # every status that allows an apology has an appointment
    Apology.objects.create(
        dossier=dossier,
        at=timezone.now(),
        by=by,
        reason=reason,
        previous_appointment=dossier.current_appointment,
        new_appointment=new_appointment,
    )
    dossier.current_appointment = new_appointment
    dossier.save(update_fields=["current_appointment", "updated_at"])
    record_step(
        dossier=dossier,
        action=Action.APOLOGIZE,
        by=by,
        from_status=dossier.status,
        form="04",
        note=_("New appointment %(day)s. Reason: %(reason)s")
        % {"day": new_appointment.strftime("%d/%m/%Y"), "reason": reason},
    )
    notify_citizen(dossier, "apology")
    return dossier


@transaction.atomic
def dossier_complete(*, dossier: Dossier, by: User, result_note: str = "") -> Dossier:
    """The handler finished: the result goes back to the desk for the citizen to collect."""
    dossier = lock_dossier(dossier)
    before = dossier.status
    after = check_transition(dossier, Action.COMPLETE)
    _require_apology_if_late(dossier)  # judged in the status it is leaving: a processed dossier is never late
    dossier.status = after
    assert dossier.current_appointment is not None  # set on acceptance, before any completion
    now = timezone.now()
    close_last_handoff(dossier, now)
    HandOff.objects.create(
        dossier=dossier,
        at=now,
        from_user=by,
        to_user=None,
        from_label=str(by),
        to_label=_("One-stop desk"),
        due=dossier.current_appointment,
        result=step_result(handed_at=now, step_due_end=end_of_day(dossier.current_appointment)),
    )
    dossier.result_note = normalize(result_note, multiline=True)
    dossier.finished_at = dossier.finished_at or now
    dossier.save(update_fields=["status", "result_note", "finished_at", "updated_at"])
    record_step(dossier=dossier, action=Action.COMPLETE, by=by, from_status=before, note=dossier.result_note)
    inbox_settle(obj=dossier, kinds=[InboxKind.DEADLINE])  # the handling is finished: its reminders are moot
    inbox_post(
        recipients=officers_of(dossier.unit_path, [Role.DESK_OFFICER]),
        kind=InboxKind.RESULT_READY,
        text=_("The result of dossier %(code)s is ready to return to the citizen.") % {"code": dossier.code},
        link=reverse("dossiers:detail", args=[dossier.pk]),
        obj=dossier,
        exclude=by,
    )
    notify_citizen(dossier, "ready")
    return dossier


def _return_message(field: str) -> str:
    """The message next to each field a return record lacks (rules.return_problems)."""
    return {
        "method": _("Choose how the result was handed over."),
        "result_number": _("Write the number of the result document, e.g. “Giấy khai sinh số 125/2026”."),
        "receiver_name": _("Write the full name of the person who received the result."),
        "receiver_relationship": _(
            "Write how this person is related to the applicant, or the authorisation they showed."
        ),
        "fee_amount": _("Enter the fees collected in đồng, or 0."),
        "receipt_number": _("Fees were collected: write the number of the receipt given."),
    }[field]


def dossier_return(
    *,
    dossier: Dossier,
    by: User,
    result_number: str,
    method: str = ReturnMethod.IN_PERSON,
    receiver_is_applicant: bool = True,
    receiver_name: str = "",
    receiver_relationship: str = "",
    fee_amount: int = 0,
    receipt_number: str = "",
    result_file: Any = None,
    note: str = "",
) -> Dossier:
    """The result is handed to the citizen, and how: the result document's number (and its scan or electronic file
    when there is one, checked like every upload), who received it (the applicant, or another person with their
    relationship or authorisation), by which way (desk, post, online), when, and the fees collected with the
    receipt's number. Everything is checked first; the record, the status and the timeline step are written
    together or not at all. The citizen is then asked to rate the service."""
    # A result not ready says so before any field is asked for (read fresh: the caller's copy may be old).
    check_transition(Dossier.objects.only("status").get(pk=dossier.pk), Action.RETURN_RESULT)
    result_number = normalize(result_number)
    receiver_name = "" if receiver_is_applicant else normalize(receiver_name)
    receiver_relationship = "" if receiver_is_applicant else normalize(receiver_relationship)
    receipt_number = normalize(receipt_number)
    note = normalize(note, multiline=True)
    problems = return_problems(
        method=method,
        result_number=result_number,
        receiver_is_applicant=receiver_is_applicant,
        receiver_name=receiver_name,
        receiver_relationship=receiver_relationship,
        fee_amount=fee_amount,
        receipt_number=receipt_number,
    )
    if problems:
        raise DomainError(
            "return_invalid",
            errors={field: _return_message(field) for field in problems},
        )
    check_max_lengths(
        {
            "result_number": (result_number, 200),
            "receiver_name": (receiver_name, 200),
            "receiver_relationship": (receiver_relationship, 200),
            "receipt_number": (receipt_number, 60),
            "note": (note, 2000),
        }
    )
    # The file is opened whole before the write transaction (on SQLite that transaction holds the only write lock).
    checked = upload_checked(result_file, field="result_file") if result_file is not None else None
    return _return_write(
        dossier=dossier,
        by=by,
        record=ReturnRecord(
            by=by,
            method=method,
            result_number=result_number,
            receiver_is_applicant=receiver_is_applicant,
            receiver_name=receiver_name,
            receiver_relationship=receiver_relationship,
            fee_amount=fee_amount,
            receipt_number=receipt_number,
            note=note,
        ),
        checked=checked,
    )


@transaction.atomic
def _return_write(
    *, dossier: Dossier, by: User, record: ReturnRecord, checked: CheckedUpload | None
) -> Dossier:
    dossier = lock_dossier(dossier)
    before = dossier.status
    dossier.status = check_transition(dossier, Action.RETURN_RESULT)
    now = timezone.now()
    record.dossier, record.at = dossier, now
    if checked is not None:
        record.file_name, record.file_type, record.file_size = (
            checked.original_name,
            checked.content_type,
            checked.size,
        )
        record.file.save(checked.original_name, checked.as_file(), save=False)
    record.save()
    dossier.returned_at = now
    dossier.save(update_fields=["status", "returned_at", "updated_at"])
    record_step(
        dossier=dossier,
        action=Action.RETURN_RESULT,
        by=by,
        from_status=before,
        note=return_summary(record, applicant=dossier.applicant_name),
        public=True,  # the step shows on the citizen's timeline; its note (names, fees) does not (lookup.py)
    )
    # Nothing is left to return: the desk's "result ready" items and any deadline reminder about it are done.
    inbox_settle(obj=dossier, kinds=[InboxKind.RESULT_READY, InboxKind.DEADLINE])
    return dossier


def return_summary(record: ReturnRecord, *, applicant: str) -> str:
    """One line for the timeline and the tracking book: what was handed to whom, how, and the fees."""
    who = (
        applicant
        if record.receiver_is_applicant
        else f"{record.receiver_name} ({record.receiver_relationship})"
    )
    parts = [
        _("%(result)s, to %(who)s, %(how)s")
        % {"result": record.result_number, "who": who, "how": record.get_method_display()}
    ]
    if record.fee_amount:
        parts.append(
            _("fees %(amount)s đồng, receipt no. %(receipt)s")
            % {"amount": f"{record.fee_amount:,}".replace(",", "."), "receipt": record.receipt_number}
        )
    return "; ".join(parts)


@transaction.atomic
def dossier_rate(*, dossier: Dossier, answers: dict[str, int], comment: str = "") -> Rating:
    """The citizen's rating, once, after the result is returned. Raw answers are kept; bands are configuration."""
    dossier = lock_dossier(dossier)
    if dossier.status != Status.RETURNED:
        raise Conflict("rating_not_open", _("You can rate the service after the result is returned to you."))
    if Rating.objects.filter(dossier=dossier).exists():
        raise Conflict("rating_exists", _("This dossier has already been rated. Thank you!"))
    cleaned = clean_answers(answers)
    comment = normalize(comment, multiline=True)
    check_max_lengths({"comment": (comment, 2000)})
    rating = Rating.objects.create(
        dossier=dossier,
        at=timezone.now(),
        answers=cleaned,
        overall=cleaned[INDICES[0].key],
        comment=comment,
        unit_path=dossier.unit_path,
    )
    record_step(dossier=dossier, action="rate", by=None, from_status=dossier.status, public=False)
    if comment:
        signal_record(text=comment, unit=dossier.unit, source_kind="dossiers.rating", source_id=rating.pk)
    return rating
