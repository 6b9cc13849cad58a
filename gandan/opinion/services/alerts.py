"""Alerts: what officials do with what the engine raises — acknowledge, assign to a responsible officer with a
deadline, link the cases that answer it (a petition today), close with a note, reopen — and the automatic closing
when every linked case is settled. Each action writes the alert's history (AlertEvent) and the audit trail."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.rules import Perm
from gandan.accounts.scope import holder_paths, within_any
from gandan.audit.services import event_record
from gandan.core.vnnlp import mask_pii
from gandan.core.vntext import normalize
from gandan.errors import Conflict, DomainError, NotAllowed
from gandan.notify.models import InboxKind
from gandan.notify.services import inbox_post, inbox_settle
from gandan.opinion.models import Alert, AlertEvent, AlertLink, AlertStatus, Issue
from gandan.opinion.services.recording import protected_names_of

NOTE_MAX = 2000
OPEN_STATUSES = (AlertStatus.RAISED, AlertStatus.ACKNOWLEDGED, AlertStatus.ASSIGNED)


def _require(user: User | None, perm: str = Perm.OPINION_MANAGE) -> None:
    if user is None or not user.can(perm):
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))


def _lock(alert: Alert) -> Alert:
    return (
        Alert.objects.select_for_update(of=("self",))
        .select_related("unit", "issue", "assignee")
        .get(pk=alert.pk)
    )


def _open(alert: Alert) -> None:
    if alert.status == AlertStatus.CLOSED:
        raise Conflict("alert_closed", _("This alert is closed. Reopen it first."))


def _note(note: str) -> str:
    note = normalize(note or "", multiline=True)
    if len(note) > NOTE_MAX:
        raise DomainError(
            "note_too_long",
            _("The note is too long: at most %(n)s characters.") % {"n": NOTE_MAX},
            field="note",
        )
    return note


def _record(
    alert: Alert, *, by: User | None, action: str, note: str = "", details: dict[str, object] | None = None
) -> AlertEvent:
    """The history row and the audit event of one action on the alert."""
    event = AlertEvent.objects.create(alert=alert, at=timezone.now(), by=by, action=action, note=note)
    event_record(
        actor=by,
        action=f"opinion.alert_{action}",
        obj=alert,
        unit=alert.unit,
        details={"status": alert.status, "note": note[:300], **(details or {})},
    )
    return event


def alert_officers(alert: Alert) -> list[User]:
    """Who may be made responsible for the alert: active officers whose unit lies in the alert's commune (or in the
    commune it joined after a merger) and who may open the alert (opinion.view)."""
    from django.db.models import Q

    from gandan.units.models import subtree_q

    roots = holder_paths(alert.unit_path)
    where = Q()
    for root in roots:
        where |= subtree_q(root, "unit__path")
    candidates = (
        User.objects.filter(where, is_active=True).select_related("unit").order_by("full_name", "username")
    )
    return [user for user in candidates if user.can(Perm.OPINION_VIEW)]


def _settle_inbox(alert: Alert) -> None:
    """A closed alert is no work any more: its assignment and deadline items are read from now on."""
    inbox_settle(obj=alert, kinds=[InboxKind.OPINION_ALERT, InboxKind.DEADLINE])


@transaction.atomic
def alert_acknowledge(*, alert: Alert, by: User, note: str = "") -> Alert:
    """The leader has seen the alert and takes it up."""
    _require(by)
    alert = _lock(alert)
    _open(alert)
    if alert.status != AlertStatus.RAISED:
        raise Conflict("alert_already_acknowledged", _("This alert has already been acknowledged."))
    alert.status = AlertStatus.ACKNOWLEDGED
    alert.save(update_fields=["status", "updated_at"])
    _record(alert, by=by, action="acknowledge", note=_note(note))
    return alert


@transaction.atomic
def alert_assign(
    *, alert: Alert, by: User, assignee: User | None, due: dt.date | None, note: str = ""
) -> Alert:
    """Name the officer responsible for answering the alert and the deadline; he is told in his inbox."""
    _require(by)
    alert = _lock(alert)
    _open(alert)
    errors: dict[str, str] = {}
    officers = {u.pk: u for u in alert_officers(alert)}
    if assignee is None or assignee.pk not in officers:
        errors["assignee"] = _("Choose an officer of the alert's commune who follows public opinion.")
    today = timezone.localdate()
    if due is None:
        errors["due"] = _("Give the deadline (dd/mm/yyyy).")
    elif due < today:
        errors["due"] = _("The deadline cannot be in the past.")
    if errors:
        raise DomainError("alert_assign_invalid", errors=errors)
    assert assignee is not None and due is not None
    alert.assignee, alert.due, alert.status = assignee, due, AlertStatus.ASSIGNED
    alert.save(update_fields=["assignee", "due", "status", "updated_at"])
    note = _note(note)
    said = _("Assigned to %(who)s, deadline %(day)s") % {"who": assignee, "day": f"{due:%d/%m/%Y}"}
    _record(
        alert,
        by=by,
        action="assign",
        note=f"{said}. {note}" if note else said,
        details={"assignee": assignee.pk, "due": due.isoformat()},
    )
    inbox_post(
        recipients=[assignee],
        kind=InboxKind.OPINION_ALERT,
        text=_("An alert of public opinion was assigned to you by %(by)s, due %(day)s: %(title)s")
        % {"by": by, "day": f"{due:%d/%m/%Y}", "title": alert_title(alert)},
        link=reverse("opinion:alert", args=[alert.pk]),
        obj=alert,
        exclude=by,
    )
    return alert


def alert_title(alert: Alert) -> str:
    """What the alert is about, in a line: its issue's title (masked when recorded), or its topic."""
    if alert.issue_id and alert.issue is not None:
        return alert.issue.title
    if alert.topic_id and alert.topic is not None:
        return _("Topic “%(topic)s” rising") % {"topic": alert.topic.name}
    return _("Public opinion rising")


@transaction.atomic
def alert_link_petition(*, alert: Alert, by: User, code: str) -> AlertLink:
    """Link a petition of the alert's commune (that `by` may open) by its code: when every linked case is settled,
    the alert closes by itself."""
    from gandan.petitions import rules as petition_rules
    from gandan.petitions.selectors import petition_by_code_for_user

    _require(by)
    alert = _lock(alert)
    _open(alert)
    code = normalize(code or "")
    if not code:
        raise DomainError("petition_code_required", _("Type the petition's code."), field="code")
    petition = petition_by_code_for_user(by, code)
    if petition is None or not within_any(petition.unit_path, holder_paths(alert.unit_path)):
        raise DomainError(
            "petition_not_found",
            _("No petition of this commune has the code %(code)s. Check the code on the petition's page.")
            % {"code": code},
            field="code",
        )
    if alert.links.filter(kind="petition", object_id=str(petition.pk)).exists():
        raise Conflict(
            "petition_already_linked",
            _("Petition %(code)s is already linked to this alert.") % {"code": petition.code},
        )
    settled = petition.status in {s.value for s in petition_rules.TERMINAL}
    link = AlertLink.objects.create(
        alert=alert,
        kind="petition",
        object_id=str(petition.pk),
        # The subject as the citizen wrote it may hold a phone, an e-mail or a protected denunciator's name.
        label=f"{petition.code} — {mask_pii(petition.subject, protected_names_of(alert.unit))}"[:300],
        settled=settled,
    )
    _record(alert, by=by, action="link", note=link.label, details={"petition": petition.code})
    return link


@transaction.atomic
def alert_close(*, alert: Alert, by: User, note: str) -> Alert:
    """The matter is resolved: the alert closes (its issue stays as it is — closing an alert dismisses nothing)."""
    _require(by)
    alert = _lock(alert)
    _open(alert)
    note = _note(note)
    if not note:
        raise DomainError("close_note_required", _("Say how the matter was resolved."), field="note")
    alert.status, alert.closed_at = AlertStatus.CLOSED, timezone.now()
    alert.save(update_fields=["status", "closed_at", "updated_at"])
    _record(alert, by=by, action="close", note=note)
    _settle_inbox(alert)
    return alert


def alerts_close_for_dismissed(*, issue: Issue, by: User, reason: str) -> int:
    """The issue is dismissed (not a real matter): its open alerts close with it, saying why (the caller holds the
    transaction). Returns how many closed."""
    closed = 0
    for alert in Alert.objects.select_for_update().filter(issue=issue).exclude(status=AlertStatus.CLOSED):
        alert.status, alert.closed_at = AlertStatus.CLOSED, timezone.now()
        alert.save(update_fields=["status", "closed_at", "updated_at"])
        _record(
            alert, by=by, action="close", note=_("The issue was dismissed: %(reason)s") % {"reason": reason}
        )
        _settle_inbox(alert)
        closed += 1
    return closed


@transaction.atomic
def alert_reopen(*, alert: Alert, by: User, note: str = "") -> Alert:
    """The matter is not over after all: the alert opens again, with its officer (if any) still responsible."""
    _require(by)
    alert = _lock(alert)
    if alert.status != AlertStatus.CLOSED:
        raise Conflict("alert_not_closed", _("This alert is open already."))
    note = _note(note)
    if not note:
        raise DomainError("reopen_note_required", _("Say why the alert is reopened."), field="note")
    alert.status = AlertStatus.ASSIGNED if alert.assignee_id else AlertStatus.ACKNOWLEDGED
    alert.closed_at = None
    alert.save(update_fields=["status", "closed_at", "updated_at"])
    _record(alert, by=by, action="reopen", note=note)
    return alert


@transaction.atomic
def alerts_case_settled(*, kind: str, object_id: str, by: User | None = None) -> int:
    """Mark the links to this case settled; close every open alert whose links are now all settled, saying in its
    history which case settled it (and who settled that case, when known)."""
    links = list(
        AlertLink.objects.select_related("alert").filter(kind=kind, object_id=object_id, settled=False)
    )
    if not links:
        return 0
    AlertLink.objects.filter(pk__in=[link.pk for link in links]).update(settled=True)
    closed = 0
    now = timezone.now()
    actor = by if getattr(by, "pk", None) else None
    for alert_id in sorted({link.alert_id for link in links}):
        alert = Alert.objects.select_for_update().select_related("unit").get(pk=alert_id)
        label = next(link.label for link in links if link.alert_id == alert_id)
        if alert.status == AlertStatus.CLOSED or alert.links.filter(settled=False).exists():
            continue
        alert.status, alert.closed_at = AlertStatus.CLOSED, now
        alert.save(update_fields=["status", "closed_at", "updated_at"])
        note = _("Closed by itself: every linked case is settled (the last: %(case)s).") % {
            "case": label or f"{kind} {object_id}"
        }
        _record(alert, by=actor, action="autoclose", note=note, details={"case": f"{kind}:{object_id}"})
        _settle_inbox(alert)
        closed += 1
    return closed
