"""Resolving a petition once accepted: assignment and hand-over, verification tasks, dialogue, extension,
suspension and resumption, the decision, termination and withdrawal, and the escalation of overdue cases.
(Receiving and classifying: services/handling.py.)"""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core import petition_clocks as pc
from gandan.core.vntext import normalize
from gandan.errors import Conflict, DomainError, check_max_lengths
from gandan.notify.models import InboxKind
from gandan.notify.services import inbox_post
from gandan.petitions import rules
from gandan.petitions.models import (
    Clock,
    Dialogue,
    Document,
    Escalation,
    IdentityGrant,
    Petition,
    Suspension,
    Task,
)
from gandan.petitions.services.clocks import (
    clock_recompute,
    clock_stop,
    rule_for,
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
from gandan.petitions.services.handling import _document, _end, _in_unit
from gandan.workcalendar.selectors import work_calendar

A = rules.Action


def _check_staff(user: User, petition: Petition, *, perm: str, field: str) -> None:
    if user is None or not user.is_active or not user.can(perm) or not _in_unit(user, petition):
        raise DomainError(
            "assignee_invalid", _("Choose an officer of this unit who handles petitions."), field=field
        )


def _inbox_assigned(petition: Petition, assignee: User, by: User) -> None:
    inbox_post(
        recipients=[assignee],
        kind=InboxKind.ASSIGNMENT,
        text=_("Petition %(code)s was assigned to you by %(by)s.") % {"code": petition.code, "by": by},
        link=reverse("petitions:detail", args=[petition.pk]),
        obj=petition,
        exclude=by,
    )


@transaction.atomic
def petition_assign(
    *,
    petition: Petition,
    by: User,
    assignee: User,
    resolver: User | None = None,
    handler_due: dt.date | None = None,
    note: str = "",
) -> Petition:
    """The leader names the handler (and the resolver: by default the leader) and the handler's own deadline,
    which must fall before the statutory one. The resolver of a protected denunciation gets the identity grant."""
    require(by, "petitions.assign")
    petition = lock(petition)
    check_transition(petition, A.ASSIGN)
    _check_staff(assignee, petition, perm="petitions.handle", field="assignee")
    resolver = resolver or by
    _check_staff(resolver, petition, perm="petitions.handle", field="resolver")
    today = local_today()
    if handler_due is not None:
        if handler_due < today:
            raise DomainError(
                "handler_due_past", _("The handler's deadline cannot be in the past."), field="handler_due"
            )
        if petition.statutory_due and handler_due > petition.statutory_due:
            raise DomainError(
                "handler_due_after_statutory",
                _("The handler's deadline must fall on or before the statutory deadline %(day)s.")
                % {"day": petition.statutory_due.strftime("%d/%m/%Y")},
                field="handler_due",
            )
    petition.assignee = assignee
    petition.resolver = resolver
    petition.handler_due = handler_due
    petition.save()
    clock_stop(petition, Clock.Role.HANDLER, today)
    if handler_due is not None:
        Clock.objects.create(
            petition=petition,
            role=Clock.Role.HANDLER,
            started_on=today,
            original_due=handler_due,
            due=handler_due,
        )
    if petition.protected and not petition.grants.filter(user=resolver, revoked_at__isnull=True).exists():
        IdentityGrant.objects.create(
            petition=petition,
            user=resolver,
            granted_by=by,
            role="resolver",
            reason=_("Assigned as resolver"),
            at=timezone.now(),
        )
    record_step(
        petition=petition,
        action=A.ASSIGN,
        by=by,
        from_status=petition.status,
        public=False,
        note=(_("Assigned to %(who)s") % {"who": assignee}) + (f". {normalize(note)}" if note else ""),
    )
    _inbox_assigned(petition, assignee, by)
    return petition


@transaction.atomic
def petition_transfer(*, petition: Petition, by: User, assignee: User, note: str = "") -> Petition:
    if not (by.can("petitions.assign") or (by.can("petitions.handle") and petition.assignee_id == by.pk)):
        require(by, "petitions.assign")
    petition = lock(petition)
    check_transition(petition, A.TRANSFER)
    _check_staff(assignee, petition, perm="petitions.handle", field="assignee")
    note = text_required(note, field="note", message=_("Say why the case is handed over."))
    petition.assignee = assignee
    petition.save()
    record_step(
        petition=petition,
        action=A.TRANSFER,
        by=by,
        from_status=petition.status,
        public=False,
        note=_("Handed over to %(who)s: %(note)s") % {"who": assignee, "note": note},
    )
    _inbox_assigned(petition, assignee, by)
    return petition


@transaction.atomic
def petition_add_task(*, petition: Petition, by: User, title: str, assignee: User, due: dt.date) -> Task:
    """A verification task (xác minh). Verifiers work on the redacted copy; the task never carries the identity."""
    require(by, "petitions.handle")
    petition = lock(petition)
    check_transition(petition, A.ADD_TASK)
    title = text_required(title, field="title", message=_("Say what must be verified."))
    check_max_lengths({"title": (title, 300)})
    _check_staff(assignee, petition, perm="petitions.view", field="assignee")
    if due < local_today():
        raise DomainError("due_past", _("The task's deadline cannot be in the past."), field="due")
    task = Task.objects.create(
        petition=petition, unit_path=petition.unit_path, title=title, assignee=assignee, due=due
    )
    record_step(
        petition=petition,
        action=A.ADD_TASK,
        by=by,
        from_status=petition.status,
        public=False,
        note=_("Verification: %(title)s (%(who)s, by %(day)s)")
        % {"title": title, "who": assignee, "day": due.strftime("%d/%m/%Y")},
    )
    return task


@transaction.atomic
def petition_task_done(*, task: Task, by: User, result: str) -> Task:
    task = Task.objects.select_for_update().get(pk=task.pk)
    # The assignee reports; so may a handler, and for a reception conclusion's task whoever keeps the book.
    if (
        task.assignee_id != by.pk
        and not by.can("petitions.handle")
        and not (task.conclusion_id and by.can("reception.manage"))
    ):
        require(by, "petitions.handle")
    if task.done_on:
        raise Conflict("task_done", _("This task is already reported as done."))
    task.result = text_required(result, field="result", message=_("Report the result of the task."))
    task.done_on = local_today()
    task.save()
    if task.petition is not None:
        record_step(
            petition=task.petition,
            action="task_done",
            by=by,
            from_status=task.petition.status,
            public=False,
            note=_("Verification done: %(title)s") % {"title": task.title},
        )
    else:
        assert task.conclusion is not None  # a task belongs to a petition or to a reception conclusion
        event_record(
            actor=by,
            action="petitions.conclusion_task_done",
            obj=task.conclusion,
            unit=task.conclusion.reception_day.unit,
            details={"task": task.title},
        )
    return task


@transaction.atomic
def petition_dialogue(
    *,
    petition: Petition,
    by: User,
    scheduled_at: dt.datetime,
    place: str,
    notified_on: dt.date,
    held: bool = False,
    petitioner_absent: bool = False,
    minutes: str = "",
) -> Dialogue:
    """Đối thoại: notice at least 5 days before (Decree 124 as amended); mandatory at second instance. Recording it as
    held needs the minutes, or the note that the petitioner did not come without good reason."""
    require(by, "petitions.handle")
    petition = lock(petition)
    check_transition(petition, A.DIALOGUE)
    place = text_required(place, field="place", message=_("Give the place of the dialogue."))
    notice = rule_for("complaint.dialogue_notice", petition.received_on)
    if (timezone.localdate(scheduled_at) - notified_on).days < notice.days:
        raise DomainError(
            "dialogue_notice_short",
            _("The petitioner must be notified at least %(n)s days before the dialogue (%(basis)s).")
            % {"n": notice.days, "basis": notice.legal_basis},
            field="scheduled_at",
        )
    if held and scheduled_at > timezone.now():
        raise DomainError(
            "dialogue_not_held_yet",
            _(
                "A dialogue set for %(time)s cannot be recorded as held yet: record it as scheduled, and as held after it."
            )
            % {"time": timezone.localtime(scheduled_at).strftime("%d/%m/%Y %H:%M")},
            field="scheduled_at",
        )
    minutes = normalize(minutes, multiline=True)
    if held and not minutes and not petitioner_absent:
        raise DomainError("minutes_required", _("Write the minutes of the dialogue held."), field="minutes")
    dialogue = Dialogue.objects.create(
        petition=petition,
        scheduled_at=scheduled_at,
        place=place,
        notified_on=notified_on,
        held=held,
        petitioner_absent=petitioner_absent,
        minutes=minutes,
        created_by=by,
    )
    if held:
        _document(petition, Document.Form.DIALOGUE, by=by, on=timezone.localdate(scheduled_at), body=minutes)
    record_step(
        petition=petition,
        action=A.DIALOGUE,
        by=by,
        from_status=petition.status,
        note=(_("Dialogue held on %(day)s") if held else _("Dialogue scheduled on %(day)s"))
        % {"day": timezone.localtime(scheduled_at).strftime("%d/%m/%Y %H:%M")},
    )
    return dialogue


@transaction.atomic
def petition_extend(*, petition: Petition, by: User, reason: str, number: str = "") -> Petition:
    """Denunciation: one extension of up to 30 days for a complex case, two for an especially complex one (≥ 2
    criteria), each by a decision notified to both parties (Decree 31/2019 Form 01)."""
    require(by, "petitions.handle")
    petition = lock(petition)
    check_transition(petition, A.EXTEND)
    reason = text_required(reason, field="reason", message=_("Give the reason for the extension."))
    clock = petition.clocks.filter(role=Clock.Role.RESOLVE, stopped_on__isnull=True).first()
    allowed = pc.denunciation_extensions_allowed(petition.complexity_criteria)
    if clock is None or clock.extensions >= allowed:
        raise Conflict(
            "extension_not_allowed",
            _("No further extension is allowed: %(n)s for this case (by the number of complexity criteria).")
            % {"n": allowed},
        )
    clock.extensions += 1
    clock.save(update_fields=["extensions"])
    clock_recompute(petition, Clock.Role.RESOLVE)
    sync_current_due(petition)
    document = _document(
        petition, Document.Form.EXTENSION, by=by, on=local_today(), number=number, body=reason
    )
    record_step(
        petition=petition,
        action=A.EXTEND,
        by=by,
        from_status=petition.status,
        document=document,
        note=_("Resolution time extended (%(n)s of %(max)s)") % {"n": clock.extensions, "max": allowed},
    )
    return petition


@transaction.atomic
def petition_suspend(
    *, petition: Petition, by: User, reason: str, decision_no: str = "", on: dt.date | None = None
) -> Petition:
    require(by, "petitions.handle")
    petition = lock(petition)
    on = on or local_today()
    reason = text_required(
        reason,
        field="reason",
        message=_("Give the reason for the suspension (force majeure or another objective obstacle)."),
    )
    before = petition.status
    petition.status = check_transition(petition, A.SUSPEND)
    petition.save()
    Suspension.objects.create(petition=petition, start=on, reason=reason, decision_no=normalize(decision_no))
    clock_recompute(petition, Clock.Role.RESOLVE)
    sync_current_due(petition)
    document = _document(petition, Document.Form.SUSPENSION, by=by, on=on, number=decision_no, body=reason)
    record_step(
        petition=petition, action=A.SUSPEND, by=by, from_status=before, document=document, note=reason
    )
    return petition


@transaction.atomic
def petition_resume(
    *, petition: Petition, by: User, decision_no: str = "", on: dt.date | None = None
) -> Petition:
    require(by, "petitions.handle")
    petition = lock(petition)
    on = on or local_today()
    suspension = petition.suspensions.filter(end__isnull=True).last()
    if suspension is not None and on < suspension.start:
        raise DomainError(
            "resume_before_suspend", _("Resumption cannot be dated before the suspension."), field="on"
        )
    before = petition.status
    petition.status = check_transition(petition, A.RESUME)
    petition.save()
    if suspension is not None:
        suspension.end = on
        suspension.resume_decision_no = normalize(decision_no)
        suspension.save()
    clock = clock_recompute(petition, Clock.Role.RESOLVE)
    sync_current_due(petition)
    document = _document(petition, Document.Form.RESUMPTION, by=by, on=on, number=decision_no)
    record_step(
        petition=petition,
        action=A.RESUME,
        by=by,
        from_status=before,
        document=document,
        note=_("Resumed; new deadline %(day)s")
        % {"day": clock.due.strftime("%d/%m/%Y") if clock and clock.due else "—"},
    )
    return petition


@transaction.atomic
def petition_decide(
    *, petition: Petition, by: User, resolution: str, number: str = "", on: dt.date | None = None
) -> Petition:
    """The decision (complaint), conclusion (denunciation) or answer (recommendation/reflection). A second-instance
    complaint needs a dialogue first (held, or the complainant absent without good reason)."""
    require(by, "petitions.handle")
    petition = lock(petition)
    resolution = text_required(
        resolution, field="resolution", message=_("Write the result of the resolution.")
    )
    if (
        petition.kind_rule is rules.Kind.COMPLAINT
        and petition.instance == 2
        and not petition.dialogues.filter(held=True).exists()
    ):
        raise Conflict(
            "dialogue_required",
            _("A second-instance complaint needs a dialogue with the complainant before the decision."),
        )
    on = on or local_today()
    petition.resolution = resolution
    petition.resolved_on = on
    return _end(
        petition,
        A.DECIDE,
        by=by,
        note=resolution,
        form=Document.Form.RESOLUTION,
        number=number,
        recipient=petition.petitioner_display,
        on=on,
    )


@transaction.atomic
def petition_terminate(*, petition: Petition, by: User, reason: str, number: str = "") -> Petition:
    require(by, "petitions.handle")
    petition = lock(petition)
    reason = text_required(
        reason, field="reason", message=_("Give the reason for terminating the resolution.")
    )
    petition.handling_reason = reason
    return _end(petition, A.TERMINATE, by=by, note=reason, form=Document.Form.RESOLUTION, number=number)


@transaction.atomic
def petition_withdraw(*, petition: Petition, by: User, reason: str = "") -> Petition:
    """The petitioner withdrew in writing (signed or fingerprinted), recorded by an officer."""
    if not (by.can("petitions.receive") or by.can("petitions.handle")):
        require(by, "petitions.handle")
    petition = lock(petition)
    note = normalize(reason, multiline=True) or _("Withdrawn in writing by the petitioner")
    return _end(petition, A.WITHDRAW, by=by, note=note)


ESCALATE_AFTER_WORKING_DAYS = 5  # overdue this long at level 1 → the level above is told


@transaction.atomic
def petition_escalate_overdue(*, today: dt.date | None = None) -> int:
    """Escalate every open case whose statutory deadline has passed: first to the unit's leader, then, when still
    open 5 working days later, to the level above. Each escalation is kept with its reason; never twice per level."""
    from gandan.core.workdays import working_days_between

    today = today or local_today()
    calendar = work_calendar()
    count = 0
    overdue = Petition.objects.filter(
        status__in=[s.value for s in rules.OPEN], statutory_due__lt=today
    ).select_related("unit")
    for petition in overdue.filter(escalation_level__lt=2).iterator():
        assert petition.statutory_due is not None  # filtered on it
        late_by = working_days_between(petition.statutory_due, today, calendar=calendar)
        level = 2 if late_by >= ESCALATE_AFTER_WORKING_DAYS and petition.unit.parent_id else 1
        for lvl in range(petition.escalation_level + 1, level + 1):
            to_unit = petition.unit if lvl == 1 else petition.unit.parent
            assert to_unit is not None  # level 2 only when the unit has a parent
            reason = _("The statutory deadline %(day)s has passed (%(n)s working days late).") % {
                "day": petition.statutory_due.strftime("%d/%m/%Y"),
                "n": late_by,
            }
            Escalation.objects.create(
                petition=petition, at=timezone.now(), level=lvl, to_unit=to_unit, reason=reason
            )
            petition.escalation_level = lvl
            petition.save(update_fields=["escalation_level", "updated_at"])
            record_step(
                petition=petition,
                action=A.ESCALATE,
                by=None,
                from_status=petition.status,
                public=False,
                note=(
                    _("Escalated to the leader of %(unit)s: %(reason)s")
                    % {"unit": to_unit.name, "reason": reason}
                ),
            )
            count += 1
    return count
