"""What every petition action shares: the transition check, the timeline step and the audit event."""

import datetime as dt

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.errors import Conflict, DomainError, NotAllowed
from gandan.petitions import rules
from gandan.petitions.models import Document, Petition, Step


def local_today(at: dt.datetime | None = None) -> dt.date:
    return timezone.localdate(at) if at else timezone.localdate()


def require(user: User | None, perm: str) -> None:
    if user is None or not user.can(perm):
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))


def check_transition(petition: Petition, action: rules.Action) -> rules.Status:
    try:
        return rules.next_status(rules.Status(petition.status), action, rules.Kind(petition.kind))
    except rules.TransitionError as exc:
        raise Conflict(
            "transition_not_allowed",
            _("This action is not possible for a %(kind)s that is “%(status)s”.")
            % {"kind": petition.get_kind_display().lower(), "status": petition.get_status_display()},
        ) from exc


def lock(petition: Petition) -> Petition:
    return Petition.objects.select_for_update().select_related("unit").get(pk=petition.pk)


def text_required(value: str, *, field: str, message: str | Promise) -> str:
    from gandan.core.vntext import normalize

    value = normalize(value or "", multiline=True)
    if not value:
        raise DomainError(f"{field}_required", message, field=field)
    return value


def record_step(
    *,
    petition: Petition,
    action: rules.Action | str,
    by: User | None,
    from_status: str,
    note: str = "",
    document: Document | None = None,
    public: bool = True,
    at: dt.datetime | None = None,
) -> Step:
    step = Step.objects.create(
        petition=petition,
        at=at or timezone.now(),
        actor=by if getattr(by, "pk", None) else None,
        actor_name=str(by) if by is not None else _("Citizen"),
        action=str(action),
        from_status=from_status,
        to_status=petition.status,
        note=note,
        document=document,
        public=public,
    )
    event_record(
        actor=by if getattr(by, "pk", None) else None,
        action=f"petitions.{action}",
        obj=petition,
        unit=petition.unit,
        # Never the identity: notes are the official's words about the case, written on the redacted copy.
        details={
            "from": from_status,
            "to": petition.status,
            "note": note[:300],
        },  # an excerpt: the step keeps the whole note
    )
    return step
