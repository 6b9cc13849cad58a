"""Handling after intake: classify (accept, refuse, guide, forward, file, merge, extend the time to classify), and
the helpers resolution shares (the forms a step issues, stopping the clocks). Resolving: services/resolution.py."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.scope import holder_paths, within_any
from gandan.audit.services import event_record
from gandan.core.vntext import normalize
from gandan.errors import Conflict, DomainError, check_max_lengths
from gandan.opinion.services import case_settled
from gandan.petitions import rules
from gandan.petitions.models import (
    Clock,
    Document,
    Petition,
    Status,
)
from gandan.petitions.services.clocks import (
    clock_start,
    clock_stop,
    clock_stop_all,
    sync_current_due,
)
from gandan.petitions.services.common import (
    check_transition,
    local_today,
    lock,
    record_step,
    require,
    text_required,
)

A = rules.Action
COMPLEXITY_CRITERIA = 7  # Decree 31/2019 Art. 3, the same list for complaints (Decree 155/2026 Art. 3a)


def _document(
    petition: Petition,
    form: str,
    *,
    by: User,
    on: dt.date,
    number: str = "",
    recipient: str = "",
    body: str = "",
) -> Document:
    # The recipient is a body the officer named (its length checked by the service) or the petitioner's display name.
    number, recipient = normalize(number), normalize(recipient)
    check_max_lengths({"number": (number, 60), "recipient": (recipient, 300)})
    return Document.objects.create(
        petition=petition,
        form=form,
        number=number,
        issued_on=on,
        recipient=recipient,
        body=body,
        created_by=by,
    )


def _end(
    petition: Petition,
    action: rules.Action,
    *,
    by: User,
    note: str,
    form: str | None = None,
    number: str = "",
    recipient: str = "",
    on: dt.date | None = None,
) -> Petition:
    """Move to a status that ends the case here: stop every clock, write the document and the step."""
    on = on or local_today()
    before = petition.status
    petition.status = check_transition(petition, action)
    clock_stop_all(petition, on)
    petition.statutory_due = None
    petition.save()
    document = (
        _document(petition, form, by=by, on=on, number=number, recipient=recipient, body=note)
        if form
        else None
    )
    record_step(petition=petition, action=action, by=by, from_status=before, note=note, document=document)
    # The case is settled here: an alert of public opinion it answers may close (opinion.services).
    case_settled(kind="petition", object_id=petition.pk, by=by)
    return petition


def _in_unit(user: User, petition: Petition) -> bool:
    """The officer works above the petition's unit, in it, or below it — or in the unit it was merged into."""
    path = user.unit.path if user.unit else ""
    if not path:
        return False
    return within_any(petition.unit_path, [path]) or within_any(path, holder_paths(petition.unit_path))


@transaction.atomic
def petition_accept(
    *,
    petition: Petition,
    by: User,
    complex_case: bool = False,
    complexity_note: str = "",
    complexity_criteria: int = 0,
    remote_area: bool = False,
    number: str = "",
    on: dt.date | None = None,
) -> Petition:
    """Thụ lý: the resolution clock starts from the acceptance day, with the version in force at receipt."""
    require(by, "petitions.handle")
    petition = lock(petition)
    on = on or local_today()
    kind = petition.kind_rule
    if on < petition.received_on:
        raise DomainError(
            "date_before_receipt",
            _("Acceptance cannot be dated before the petition was received."),
            field="on",
        )
    if not 0 <= complexity_criteria <= COMPLEXITY_CRITERIA:
        raise DomainError(
            "criteria_invalid",
            _("Between 0 and 7 complexity criteria can be met."),
            field="complexity_criteria",
        )
    if kind is rules.Kind.DENUNCIATION:
        complex_case = complexity_criteria >= 1
    if complex_case or complexity_criteria:
        complexity_note = text_required(
            complexity_note,
            field="complexity_note",
            message=_("A complex case needs a written reason (which criteria are met), kept in the file."),
        )
    before = petition.status
    petition.status = check_transition(petition, A.ACCEPT)
    petition.complex_case = complex_case
    petition.complexity_note = normalize(complexity_note, multiline=True)
    petition.complexity_criteria = complexity_criteria
    petition.remote_area = remote_area
    petition.accepted_on = on
    petition.save()
    clock_stop(petition, Clock.Role.INTAKE, on)
    key = rules.resolution_clock_key(
        kind, instance=petition.instance, complex_case=complex_case, remote=remote_area
    )
    if key:
        clock_start(petition, Clock.Role.RESOLVE, key, on)
    sync_current_due(petition)
    document = _document(
        petition, Document.Form.ACCEPTANCE, by=by, on=on, number=number, recipient=petition.petitioner_display
    )
    record_step(
        petition=petition,
        action=A.ACCEPT,
        by=by,
        from_status=before,
        document=document,
        note=_("Accepted for resolution") + (f" ({_('complex case')})" if complex_case else ""),
    )
    return petition


@transaction.atomic
def petition_not_accept(*, petition: Petition, by: User, reason: str, number: str = "") -> Petition:
    _require_intake(by)
    petition = lock(petition)
    reason = text_required(
        reason, field="reason", message=_("Give the reasons for not accepting (they go in the notice).")
    )
    petition.handling_reason = reason
    return _end(
        petition,
        A.NOT_ACCEPT,
        by=by,
        note=reason,
        form=Document.Form.NON_ACCEPTANCE,
        number=number,
        recipient=petition.petitioner_display,
    )


@transaction.atomic
def petition_guide(
    *, petition: Petition, by: User, to_body: str, reason: str = "", number: str = ""
) -> Petition:
    """Hướng dẫn: the citizen is told in writing which body is competent."""
    _require_intake(by)
    petition = lock(petition)
    to_body = text_required(
        to_body, field="to_body", message=_("Name the competent body the citizen should go to.")
    )
    check_max_lengths({"to_body": (to_body, 300)})
    petition.handled_to = to_body
    petition.handling_reason = normalize(reason, multiline=True)
    note = _("Guided to: %(body)s") % {"body": to_body}
    return _end(
        petition,
        A.GUIDE,
        by=by,
        note=note,
        form=Document.Form.GUIDANCE,
        number=number,
        recipient=petition.petitioner_display,
    )


@transaction.atomic
def petition_forward(
    *, petition: Petition, by: User, to_body: str, reason: str = "", number: str = ""
) -> Petition:
    """Chuyển đơn with a forwarding letter; the forwarding clock (5 working days from receipt) says if it was late."""
    _require_intake(by)
    petition = lock(petition)
    to_body = text_required(
        to_body, field="to_body", message=_("Name the body the petition is forwarded to.")
    )
    check_max_lengths({"to_body": (to_body, 300)})
    key = {rules.Kind.DENUNCIATION: "denunciation.forward"}.get(petition.kind_rule, "reflection.forward")
    clock_start(petition, Clock.Role.FORWARD, key, petition.received_on)  # stopped (met or late) by _end
    petition.handled_to = to_body
    petition.handling_reason = normalize(reason, multiline=True)
    _end(
        petition,
        A.FORWARD,
        by=by,
        note=_("Forwarded to: %(body)s") % {"body": to_body},
        form=Document.Form.FORWARDING,
        number=number,
        recipient=to_body,
    )
    return petition


@transaction.atomic
def petition_file(*, petition: Petition, by: User, reason: str) -> Petition:
    """Lưu đơn: not processable (unsigned, no content, sent to many including the competent body, already guided
    once with the same content). Kept one year, then the head decides on destruction (Circular 07/2014 Art. 28)."""
    _require_intake(by)
    petition = lock(petition)
    reason = text_required(reason, field="reason", message=_("Say why the petition is filed without action."))
    petition.handling_reason = reason
    return _end(petition, A.FILE, by=by, note=reason)


@transaction.atomic
def petition_merge(*, petition: Petition, master: Petition, by: User) -> Petition:
    """A duplicate is linked to its master case instead of being handled twice."""
    _require_intake(by)
    petition = lock(petition)
    if master.pk == petition.pk:
        raise DomainError("merge_self", _("A petition cannot be merged into itself."), field="master")
    if master.status == Status.MERGED:
        raise DomainError(
            "merge_into_merged",
            _("That petition is itself merged; choose its master case %(code)s.")
            % {"code": master.master.code if master.master else ""},
            field="master",
        )
    if not _in_unit(by, master):
        raise DomainError("merge_out_of_scope", _("Choose a case of your own unit."), field="master")
    petition.master = master
    _end(petition, A.MERGE, by=by, note=_("Merged into %(code)s") % {"code": master.code})
    event_record(
        actor=by,
        action="petitions.duplicate_linked",
        obj=master,
        unit=master.unit,
        details={"duplicate": petition.code},
    )
    return petition


@transaction.atomic
def petition_extend_classify(*, petition: Petition, by: User, reason: str) -> Petition:
    """Denunciation: classification may take up to 10 working days when verification spans several places."""
    _require_intake(by)
    petition = lock(petition)
    reason = text_required(reason, field="reason", message=_("Say why classification needs more time."))
    check_transition(petition, A.EXTEND_CLASSIFY)
    clock = petition.clocks.filter(role=Clock.Role.INTAKE, stopped_on__isnull=True).first()
    if clock is None or clock.rule is None or clock.rule.key != "denunciation.classify":
        raise Conflict("already_extended", _("Classification has already been extended once."))
    clock.stopped_on = local_today()
    clock.save(update_fields=["stopped_on"])
    clock_start(petition, Clock.Role.INTAKE, "denunciation.classify.extended", petition.received_on)
    sync_current_due(petition)
    record_step(petition=petition, action=A.EXTEND_CLASSIFY, by=by, from_status=petition.status, note=reason)
    return petition


def _require_intake(by: User) -> None:
    if not (by.can("petitions.receive") or by.can("petitions.handle")):
        require(by, "petitions.receive")
