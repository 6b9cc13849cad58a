"""What every dossier action shares: the transition check, the timeline step, the audit event, notifications."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import events_record
from gandan.core.workdays import WorkCalendar
from gandan.dossiers.models import Dossier, Step
from gandan.dossiers.rules import Action, Status, TransitionError, next_status, step_result
from gandan.dossiers.selectors import days_late, is_overdue, may_apologize
from gandan.errors import Conflict
from gandan.workcalendar.selectors import work_calendar

__all__ = ["days_late", "is_overdue", "may_apologize"]  # the lateness rule, read where the services need it


def end_of_day(day: dt.date) -> dt.datetime:
    """The appointment is a day: the dossier is on time until the end of it (local time)."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=timezone.get_current_timezone())


def check_transition(dossier: Dossier, action: Action) -> Status:
    try:
        return next_status(Status(dossier.status), action)
    except TransitionError as exc:
        raise Conflict(
            "transition_not_allowed",
            _("This action is not possible while the dossier is “%(status)s”.")
            % {"status": dossier.get_status_display()},
        ) from exc


@dataclass(frozen=True)
class StepSpec:
    """One timeline step to write: what happened and the status it led to."""

    action: str
    from_status: int | None
    to_status: int
    form: str = ""
    note: str = ""
    public: bool = True


def record_steps(
    *, dossier: Dossier, by: User | None, steps: list[StepSpec], at: dt.datetime | None = None
) -> list[Step]:
    """Write the timeline steps and their audit events, one insert each for all of them (in the caller's
    transaction). Steps at the same moment keep their order by id."""
    at = at or timezone.now()
    actor = by if getattr(by, "pk", None) else None
    rows = Step.objects.bulk_create(
        [
            Step(
                dossier=dossier,
                at=at,
                actor=actor,
                actor_name=str(by) if by is not None else _("Citizen"),
                action=s.action,
                from_status=s.from_status,
                to_status=s.to_status,
                form=s.form,
                note=s.note,
                public=s.public,
            )
            for s in steps
        ]
    )
    events_record(
        [
            dict(
                actor=actor,
                action=f"dossiers.{s.action}",
                obj=dossier,
                unit=dossier.unit,
                details={
                    "from": s.from_status,
                    "to": s.to_status,
                    "form": s.form,
                    "note": s.note[:300],
                },  # an excerpt: the step keeps it whole
            )
            for s in steps
        ]
    )  # the audit trail says when it was recorded, which `at` (the step's time) need not be
    return rows


def record_step(
    *,
    dossier: Dossier,
    action: Action | str,
    by: User | None,
    from_status: int | None,
    form: str = "",
    note: str = "",
    public: bool = True,
    at: dt.datetime | None = None,
) -> Step:
    """One step to the dossier's current status."""
    spec = StepSpec(
        action=action, from_status=from_status, to_status=dossier.status, form=form, note=note, public=public
    )
    return record_steps(dossier=dossier, by=by, steps=[spec], at=at)[0]


def calendar() -> WorkCalendar:
    return work_calendar()


def lock_dossier(dossier: Dossier) -> Dossier:
    """The dossier re-read under a row lock (PostgreSQL) or the write lock (SQLite), with what actions need."""
    return Dossier.objects.select_for_update().select_related("procedure", "unit").get(pk=dossier.pk)


def close_last_handoff(dossier: Dossier, at: dt.datetime) -> None:
    """Mark the step that just ended early, on time or late (for the process control slip)."""
    last = dossier.handoffs.order_by("-at", "-id").first()
    if last is not None and not last.result:
        last.result = step_result(handed_at=at, step_due_end=end_of_day(last.due) if last.due else None)
        last.save(update_fields=["result"])
