"""Finishing: the result is ready (processed), returned to the citizen, apologies for lateness (Form 04), and
the citizen's rating."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.core.vntext import normalize
from gandan.dossiers.models import Apology, Dossier, HandOff, Rating
from gandan.dossiers.notifications import notify_citizen
from gandan.dossiers.rules import Action, Status, step_result
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
    notify_citizen(dossier, "ready")
    return dossier


@transaction.atomic
def dossier_return(*, dossier: Dossier, by: User) -> Dossier:
    """The result is handed to the citizen. The citizen is then asked to rate the service."""
    dossier = lock_dossier(dossier)
    before = dossier.status
    dossier.status = check_transition(dossier, Action.RETURN_RESULT)
    dossier.returned_at = timezone.now()
    dossier.save(update_fields=["status", "returned_at", "updated_at"])
    record_step(dossier=dossier, action=Action.RETURN_RESULT, by=by, from_status=before)
    return dossier


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
