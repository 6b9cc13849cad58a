"""Processing: hand-offs to handlers, supplement requests (the clock pauses), payment, withdrawal, stop."""

from collections.abc import Sequence

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.accounts.scope import holder_paths, within_any
from gandan.core.vntext import normalize
from gandan.core.workdays import add_working_days, working_days_between
from gandan.dossiers.models import Dossier, HandOff, SubmittedComponent, SupplementRequest
from gandan.dossiers.notifications import notify_citizen
from gandan.dossiers.rules import Action, Status
from gandan.dossiers.services.common import (
    check_transition,
    close_last_handoff,
    end_of_day,
    lock_dossier,
    record_step,
)
from gandan.dossiers.services.papers import PaperTick, checklist_missing, checklist_tick, refuse_if_missing
from gandan.errors import DomainError
from gandan.notify.models import InboxKind
from gandan.notify.services import inbox_post, inbox_settle
from gandan.workcalendar.selectors import work_calendar


def _required(text: str, *, code: str, field: str, message: str) -> str:
    text = normalize(text, multiline=True)
    if not text:
        raise DomainError(code, message, field=field)
    return text


@transaction.atomic
def dossier_transfer(
    *, dossier: Dossier, by: User, to_user: User | None, step_days: int | None = None, note: str = ""
) -> Dossier:
    """Hand the dossier to a handling officer of the same commune; the hand-off is logged for the control slip.
    `step_days` (working days) sets when this step is due; by default the dossier's current appointment."""
    dossier = lock_dossier(dossier)
    if (
        to_user is None
        or not to_user.is_active
        or to_user.unit is None
        or not within_any(to_user.unit.path, holder_paths(dossier.unit_path))
    ):
        raise DomainError("handler_invalid", _("Choose an officer of this commune."), field="to_user")
    if not (to_user.has_role(Role.CASE_HANDLER) or to_user.has_role(Role.UNIT_LEADER)):
        raise DomainError("handler_invalid", _("Choose an officer who handles dossiers."), field="to_user")
    before = dossier.status
    dossier.status = check_transition(dossier, Action.TRANSFER)
    now = timezone.now()
    close_last_handoff(dossier, now)
    due = dossier.current_appointment
    if step_days is not None:
        assert due is not None  # only accepted dossiers are transferred
        due = min(add_working_days(timezone.localdate(now), step_days, calendar=work_calendar()), due)
    HandOff.objects.create(
        dossier=dossier,
        at=now,
        from_user=by,
        to_user=to_user,
        from_label=str(by),
        to_label=str(to_user),
        due=due,
        note=normalize(note, multiline=True),
    )
    dossier.handler = to_user
    dossier.save(update_fields=["status", "handler", "updated_at"])
    inbox_post(
        recipients=[to_user],
        kind=InboxKind.HANDOFF,
        text=_("Dossier %(code)s was handed to you by %(by)s.") % {"code": dossier.code, "by": by},
        link=reverse("dossiers:detail", args=[dossier.pk]),
        obj=dossier,
        exclude=by,
    )
    record_step(
        dossier=dossier,
        action=Action.TRANSFER,
        by=by,
        from_status=before,
        note=_("To %(name)s") % {"name": to_user},
        public=False,
    )
    return dossier


@transaction.atomic
def dossier_request_supplement(
    *,
    dossier: Dossier,
    by: User,
    items: list[str],
    reason: str,
    papers: Sequence[PaperTick] | None = None,
) -> Dossier:
    """Form 02: the full list of papers to add or fix, at once: every needed paper of the checklist not received
    (after the officer's ticks, `papers`, when given), then the officer's own `items`. The clock stops until they
    arrive. A second request during processing is allowed but makes the dossier count as late (DOMAIN.md §1.6)."""
    reason = _required(
        reason,
        code="reason_required",
        field="reason",
        message=_("Write why the papers are needed, as the citizen will read it."),
    )
    dossier = lock_dossier(dossier)
    rows = list(dossier.components.all())
    if papers is not None:
        changed = checklist_tick(rows, papers)
        SubmittedComponent.objects.bulk_update(rows, changed)
    missing = checklist_missing(rows)
    typed = [normalize(i) for i in items if normalize(i)]
    items = missing + [i for i in typed if i not in missing]
    if not items:
        raise DomainError("items_required", _("List every paper the citizen must add or fix."), field="items")
    before = dossier.status
    dossier.status = check_transition(dossier, Action.REQUEST_SUPPLEMENT)
    now = timezone.now()
    at_intake = dossier.received_at is None
    SupplementRequest.objects.create(
        dossier=dossier, requested_at=now, requested_by=by, items=items, reason=reason, at_intake=at_intake
    )
    fields = ["status", "updated_at"]
    if not at_intake:
        dossier.supplement_count += 1
        dossier.paused_since = now
        fields += ["supplement_count", "paused_since"]
    dossier.save(update_fields=fields)
    note = "; ".join(items)
    record_step(
        dossier=dossier, action=Action.REQUEST_SUPPLEMENT, by=by, from_status=before, form="02", note=note
    )
    notify_citizen(dossier, "supplement")
    return dossier


@transaction.atomic
def dossier_receive_supplement(
    *, dossier: Dossier, by: User, papers: Sequence[PaperTick] | None = None
) -> Dossier:
    """The citizen brought the papers: the clock restarts and the appointment moves by the working days paused.
    With `papers` (the officer's ticks) it is refused while a needed paper is still missing; without them, the
    papers that were missing are recorded as received, as the procedure asks them."""
    dossier = lock_dossier(dossier)
    before = dossier.status
    check_transition(dossier, Action.RECEIVE_SUPPLEMENT)
    rows = list(dossier.components.all())
    if papers is not None:
        changed = checklist_tick(rows, papers)
        refuse_if_missing(rows)
    else:
        for row in rows:
            if row.needed and not row.present:
                row.present, row.received_kind, row.received_count = True, row.copy_kind, row.count
        changed = ["present", "received_kind", "received_count"]
    SubmittedComponent.objects.bulk_update(rows, changed)
    now = timezone.now()
    request = dossier.supplements.filter(received_at__isnull=True).order_by("-requested_at").first()
    if request is not None:
        request.received_at = now
        request.save(update_fields=["received_at"])
    fields = ["status", "updated_at"]
    if dossier.received_at is None:
        dossier.status = Status.NEW  # back to the desk's intake check
    else:
        dossier.status = Status.IN_PROGRESS if dossier.handler_id else Status.ACCEPTED
        if dossier.paused_since is not None:
            assert dossier.current_appointment is not None  # received, so it has one
            calendar = work_calendar()
            paused_days = max(
                working_days_between(
                    timezone.localdate(dossier.paused_since), timezone.localdate(now), calendar=calendar
                ),
                0,
            )
            dossier.current_appointment = add_working_days(
                dossier.current_appointment, paused_days, calendar=calendar
            )
            # The statistic's line moves by the same working days (rules.statistic_due).
            stat_due = add_working_days(
                timezone.localtime(dossier.stat_due_at).date(), paused_days, calendar=calendar
            )
            dossier.stat_due_at = end_of_day(stat_due)
            dossier.paused_since = None
            fields += ["current_appointment", "stat_due_at", "paused_since"]
    dossier.save(update_fields=fields)
    record_step(
        dossier=dossier,
        action=Action.RECEIVE_SUPPLEMENT,
        by=by,
        from_status=before,
        note=_("New appointment: %(day)s") % {"day": dossier.current_appointment.strftime("%d/%m/%Y")}
        if dossier.current_appointment
        else "",
    )
    return dossier


@transaction.atomic
def dossier_request_payment(*, dossier: Dossier, by: User, amount: int, note: str = "") -> Dossier:
    if amount <= 0:
        raise DomainError("amount_invalid", _("Enter the amount to pay, in đồng."), field="amount")
    dossier = lock_dossier(dossier)
    before = dossier.status
    dossier.status = check_transition(dossier, Action.REQUEST_PAYMENT)
    dossier.fee = amount
    dossier.save(update_fields=["status", "fee", "updated_at"])
    record_step(
        dossier=dossier,
        action=Action.REQUEST_PAYMENT,
        by=by,
        from_status=before,
        note=_("%(amount)s đồng. %(note)s")
        % {"amount": f"{amount:,}".replace(",", "."), "note": normalize(note)},
    )
    notify_citizen(dossier, "payment")
    return dossier


@transaction.atomic
def dossier_record_payment(*, dossier: Dossier, by: User) -> Dossier:
    dossier = lock_dossier(dossier)
    before = dossier.status
    dossier.status = check_transition(dossier, Action.RECORD_PAYMENT)
    dossier.paid_at = timezone.now()
    dossier.save(update_fields=["status", "paid_at", "updated_at"])
    record_step(dossier=dossier, action=Action.RECORD_PAYMENT, by=by, from_status=before)
    return dossier


def _finish(
    dossier: Dossier, *, action: Action, by: User, reason: str, form: str = "", kind: str = ""
) -> Dossier:
    dossier = lock_dossier(dossier)
    before = dossier.status
    dossier.status = check_transition(dossier, action)
    dossier.decision_note = reason
    dossier.finished_at = dossier.finished_at or timezone.now()
    dossier.save(update_fields=["status", "decision_note", "finished_at", "updated_at"])
    record_step(dossier=dossier, action=action, by=by, from_status=before, form=form, note=reason)
    inbox_settle(obj=dossier, kinds=[InboxKind.DEADLINE])  # finished: its deadline reminders are moot
    if kind:
        notify_citizen(dossier, kind)
    return dossier


@transaction.atomic
def dossier_withdraw(*, dossier: Dossier, by: User, reason: str) -> Dossier:
    """The citizen asked to withdraw the dossier (recorded by an officer, with the citizen's request)."""
    reason = _required(
        reason,
        code="reason_required",
        field="reason",
        message=_("Write the citizen's request to withdraw (date and how it was made)."),
    )
    return _finish(dossier, action=Action.WITHDRAW, by=by, reason=reason)


@transaction.atomic
def dossier_stop(*, dossier: Dossier, by: User, reason: str) -> Dossier:
    """Notice stopping processing (Form 05), with the reason."""
    reason = _required(
        reason,
        code="reason_required",
        field="reason",
        message=_("Write why processing stops, as the citizen will read it."),
    )
    return _finish(dossier, action=Action.STOP, by=by, reason=reason, form="05", kind="stop")
