"""Queueing and delivering notifications.

A caller queues a message under an idempotency key inside its own transaction; the send task is enqueued in that
transaction when the task queue is a table of the same database, otherwise after the commit; delivery locks the row, so a retried service call or a duplicated task never
sends one message twice. Failures are retried here, because the task backends do not retry.

A worker that dies while sending leaves its claim behind, and nobody can tell whether the message went out: the
claim is committed before the channel is called and the success recorded after. `notifications_sweep` (run by the
worker when it starts and every minute, by the `notify_sweep` command and by `notifications_sweep_task`) marks a
claim older than the lease "needs_check": it is never sent again by itself. A person checks with the recipient and
re-sends it deliberately (`notification_resend`); the send carries the same idempotency key, so a gateway or mail
server that saw the first one can recognise the repeat.
"""

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.errors import DomainError
from gandan.kit.faults import pause_point
from gandan.notify.channels import channel_for
from gandan.notify.models import InboxItem, InboxKind, Notification, NotificationStatus
from gandan.notify.tasks import notification_send_task
from gandan.units.models import Unit

logger = logging.getLogger("gandan.notify")

MAX_ATTEMPTS = 3
# Waits before the 2nd and 3rd attempt when the task backend can defer (the database backend can; the
# immediate backend used in tests cannot, and then the retry runs at once).
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=10))
SUBJECT_MAX: int = Notification._meta.get_field("subject").max_length  # type: ignore[assignment]  # a CharField's is set
ERROR_MAX = 2000


def _enqueue_send(notification_id: int, *, delay: timedelta | None = None) -> None:
    send = notification_send_task
    if delay is not None and send.get_backend().supports_defer:
        send = send.using(run_after=timezone.now() + delay)
    send.enqueue(notification_id=notification_id)


def _one_line(text: str, limit: int) -> str:
    # The subject becomes a mail header: a line break there is refused by Django (BadHeaderError).
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# No savepoint of its own inside the caller's transaction (an error there fails the whole transaction anyway);
# the insert below has one, to answer a repeated key.
@transaction.atomic(savepoint=False)
def notification_queue(
    *,
    key: str,
    channel: str,
    recipient: str,
    subject: str,
    body: str,
    obj: models.Model | None = None,
    unit: Unit | None = None,
) -> Notification:
    """Queue one message under the idempotency `key`; it is sent once the caller's transaction has committed (the
    send task is written in that transaction with the database task backend, otherwise enqueued after it).

    A key seen before returns the existing notification and sends nothing. An empty recipient (a citizen who
    left no email or phone) is recorded as skipped and never sent. `unit` defaults to `obj.unit` (or `obj`, a Unit).
    """
    if unit is None and obj is not None:
        unit = obj if isinstance(obj, Unit) else getattr(obj, "unit", None)
    recipient = recipient.strip()
    notification = Notification(
        key=key,
        channel=channel,
        recipient=recipient,
        subject=_one_line(subject, SUBJECT_MAX),
        body=body,
        status=NotificationStatus.PENDING if recipient else NotificationStatus.SKIPPED,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        unit_path=unit.path if unit is not None else "",
    )
    notification.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            notification.save(force_insert=True)
    except IntegrityError:
        # Queued before (a retried call), or a concurrent call with the same key committed first: that call
        # enqueued the send. Trying the insert first saves the common case a look-up.
        return Notification.objects.get(key=key)
    if notification.status == NotificationStatus.PENDING:
        if _queue_in_this_database():
            # The task is a row in this database: written in the caller's transaction, it commits with the
            # notification or not at all (and costs no second write transaction after the commit).
            _enqueue_send(notification.id)
        else:
            transaction.on_commit(lambda: _enqueue_send(notification.id))
    return notification


def _queue_in_this_database() -> bool:
    """True when the send task's backend keeps its queue as rows of the default database (django-tasks-db);
    any other backend (the immediate one in tests, a broker) must wait for the commit."""
    from django_tasks_db import DatabaseBackend

    return isinstance(notification_send_task.get_backend(), DatabaseBackend)


def notification_deliver(*, notification_id: int) -> str:
    """Send one pending notification through its channel; the body of `notification_send_task`.

    Returns what happened: "sent"; "retrying" (the attempt failed and the task is enqueued again); "failed"
    (MAX_ATTEMPTS attempts failed); for a notification that is not pending, its status ("sent", "skipped",
    "failed", "sending" or "needs_check"), without sending anything; "missing" when the row is gone.

    Three steps: claim the row in a short transaction (a second worker then finds it "sending" and leaves it),
    send with no transaction open (on SQLite a transaction held during a slow gateway call would block every
    write of the site), then record the outcome. A worker that dies while sending leaves the row "sending" with
    its `claimed_at`: once the lease has run out `notifications_sweep` marks it "needs_check" for a person, and
    this task run again (the worker's recovery queues it again) finds it claimed and sends nothing.
    """
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None:
            return "missing"
        if notification.status != NotificationStatus.PENDING:
            return str(notification.status)
        notification.attempts += 1
        notification.status = NotificationStatus.SENDING
        notification.claimed_at = timezone.now()
        notification.save(update_fields=["attempts", "status", "claimed_at"])
    pause_point("notify.claimed")  # the kill tests stop the worker here, and after the send below
    try:
        channel_for(notification.channel).send(
            recipient=notification.recipient,
            subject=notification.subject,
            body=notification.body,
            key=notification.key,
        )
    except Exception as exc:
        return _record_failure(notification, exc)
    pause_point("notify.sent")
    with transaction.atomic():
        notification.sent_at = timezone.now()
        # Only while the claim is still this one: a send that outlived its lease (a very slow gateway) was marked
        # "needs_check" meanwhile, and is now known sent; a claim made since by a deliberate re-send is left to it.
        recorded = Notification.objects.filter(
            pk=notification.pk,
            status__in=[NotificationStatus.SENDING, NotificationStatus.NEEDS_CHECK],
            claimed_at=notification.claimed_at,
        ).update(status=NotificationStatus.SENT, sent_at=notification.sent_at)
        if recorded:
            notification.status = NotificationStatus.SENT
            _audit(notification, "notify.sent")
    return NotificationStatus.SENT.value


def notifications_sweep(*, lease: timedelta | None = None) -> int:
    """Mark "needs_check" every notification left "sending" for longer than the lease (its worker died mid-send):
    it may or may not have reached its recipient, so it is never sent again by itself; a person checks and re-sends
    it deliberately (`notification_resend`). A claim younger than the lease is left to its worker.

    One conditional UPDATE per row, so two sweeps running together mark it once. Returns how many were marked. (A
    row "sending" from before claims were dated counts from its creation.)"""
    if lease is None:
        lease = timedelta(seconds=settings.GANDAN_NOTIFY_LEASE_SECONDS)
    cutoff = timezone.now() - lease
    stale = models.Q(claimed_at__lt=cutoff) | models.Q(claimed_at__isnull=True, created_at__lt=cutoff)
    marked = 0
    candidates = Notification.objects.filter(stale, status=NotificationStatus.SENDING).order_by("pk")
    for notification in candidates:
        with transaction.atomic():
            notification.last_error = (
                f"The worker stopped during attempt {notification.attempts}, after claiming the message: it may or"
                " may not have been sent. Check with the recipient before sending it again."
            )[:ERROR_MAX]
            done = Notification.objects.filter(
                pk=notification.pk, status=NotificationStatus.SENDING, claimed_at=notification.claimed_at
            ).update(status=NotificationStatus.NEEDS_CHECK, last_error=notification.last_error)
            if done:
                notification.status = NotificationStatus.NEEDS_CHECK
                _audit(notification, "notify.needs_check")
                marked += 1
    if marked:
        logger.warning(
            "%s notification(s) left sending by a stopped worker need checking (status needs_check)", marked
        )
    return marked


def notification_resend(*, notification: Notification, by: User) -> Notification:
    """Send again, deliberately, a notification a person has checked ("needs_check": the recipient did not get it)
    or that failed: it goes back to the queue under the same key. Any other status is refused."""
    with transaction.atomic():
        done = Notification.objects.filter(
            pk=notification.pk, status__in=[NotificationStatus.NEEDS_CHECK, NotificationStatus.FAILED]
        ).update(status=NotificationStatus.PENDING)
        if not done:
            raise DomainError(
                "notification_not_resendable",
                _("Only a notification that needs checking or that failed can be sent again."),
            )
        notification.refresh_from_db()
        event_record(
            actor=by,
            action="notify.resent",
            obj=notification,
            unit=Unit.objects.filter(path=notification.unit_path).first() if notification.unit_path else None,
            details={
                "key": notification.key,
                "channel": notification.channel,
                "attempts": notification.attempts,
            },
        )
        _enqueue_send_after_commit(notification.pk)
    return notification


def _enqueue_send_after_commit(notification_id: int, *, delay: timedelta | None = None) -> None:
    """In the current transaction when the queue is a table of this database (a kill after the commit cannot lose
    the send), else once it commits."""
    if _queue_in_this_database():
        _enqueue_send(notification_id, delay=delay)
    else:
        transaction.on_commit(partial(_enqueue_send, notification_id, delay=delay))


@transaction.atomic
def _record_failure(notification: Notification, exc: Exception) -> str:
    notification.last_error = f"{type(exc).__name__}: {exc}"[:ERROR_MAX]
    if notification.attempts < MAX_ATTEMPTS:
        notification.status = NotificationStatus.PENDING
        notification.save(update_fields=["status", "last_error"])
        delay = RETRY_DELAYS[min(notification.attempts, len(RETRY_DELAYS)) - 1]
        _enqueue_send_after_commit(notification.pk, delay=delay)
        logger.warning("notification %s attempt %s failed: %s", notification.key, notification.attempts, exc)
        return "retrying"
    notification.status = NotificationStatus.FAILED
    notification.save(update_fields=["last_error", "status"])
    _audit(notification, "notify.failed", error=notification.last_error)
    logger.error("notification %s failed after %s attempts: %s", notification.key, notification.attempts, exc)
    return NotificationStatus.FAILED.value


def _audit(notification: Notification, action: str, **extra: str) -> None:
    # The recipient's address stays out of the audit details: the audit log is read more widely than this table.
    unit = Unit.objects.filter(path=notification.unit_path).first() if notification.unit_path else None
    details = {
        "key": notification.key,
        "channel": notification.channel,
        "attempts": notification.attempts,
        "about": f"{notification.object_type}#{notification.object_id}" if notification.object_type else "",
        **extra,
    }
    event_record(actor=None, action=action, obj=notification, unit=unit, details=details)


# --- The officers' in-app inbox ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class DeadlineNote:
    """A record due soon, from a module's `inbox_deadlines(today)` hook: whom to remind, of what, where."""

    recipient_id: int
    text: str
    link: str
    object_type: str  # e.g. "dossiers.dossier"
    object_id: str
    unit_path: str


TEXT_MAX: int = InboxItem._meta.get_field("text").max_length  # type: ignore[assignment]  # a CharField's is set


@transaction.atomic(savepoint=False)
def inbox_post(
    *,
    recipients: Iterable[User],
    kind: str,
    text: str,
    link: str,
    obj: models.Model | None = None,
    unit_path: str = "",
    key: str = "",
    exclude: User | None = None,
) -> int:
    """Post one inbox item to each of `recipients` (once each; `exclude`, the officer who acted, gets none: he
    knows). Called by the service making the change, inside its transaction: the items commit with it or not at
    all. With a `key` the post is idempotent per recipient (`<key>:<user id>`): a second call with the same key
    posts nothing to whoever already has it. Returns how many items were posted."""
    if kind not in InboxKind.values:
        raise ValueError(f"unknown inbox kind {kind!r}")
    seen: set[int] = set()
    people = []
    for user in recipients:
        if user.pk in seen or (exclude is not None and user.pk == exclude.pk):
            continue
        seen.add(user.pk)
        people.append(user)
    if not people:
        return 0
    keys = {user.pk: f"{key}:{user.pk}" if key else "" for user in people}
    if key:
        taken = set(InboxItem.objects.filter(key__in=list(keys.values())).values_list("key", flat=True))
        people = [user for user in people if keys[user.pk] not in taken]
    now = timezone.now()
    text = _one_line(text, TEXT_MAX)
    object_type = obj._meta.label_lower if obj is not None else ""
    object_id = str(obj.pk) if obj is not None else ""
    if obj is not None and not unit_path:
        unit_path = getattr(obj, "unit_path", "") or ""
    rows = [
        InboxItem(
            recipient=user,
            kind=kind,
            text=text,
            link=link,
            object_type=object_type,
            object_id=object_id,
            unit_path=unit_path,
            key=keys[user.pk],
            created_at=now,
        )
        for user in people
    ]
    # A concurrent run with the same key that committed first wins; this one then skips the row.
    InboxItem.objects.bulk_create(rows, ignore_conflicts=bool(key))
    return len(rows)


def inbox_open(*, item: InboxItem, by: User) -> InboxItem:
    """The officer opened the item: it is read from now on. Only the recipient's own items (the selector checks)."""
    if item.recipient_id != by.pk:
        raise DomainError("inbox_not_yours", _("This notification is not yours."))
    if item.read_at is None:
        item.read_at = timezone.now()
        InboxItem.objects.filter(pk=item.pk, read_at__isnull=True).update(read_at=item.read_at)
    return item


def inbox_settle(*, obj: models.Model, kinds: Iterable[str]) -> int:
    """The record's state made these items moot: every unread item of the `kinds` about `obj`, whoever holds it,
    is read from now on (a "result ready" item once the result is returned, a deadline reminder once the record is
    finished), so an inbox keeps only work still to do. Called by the service making the change, inside its
    transaction. Returns how many items were settled."""
    kinds = list(kinds)
    unknown = set(kinds) - set(InboxKind.values)
    if unknown:
        raise ValueError(f"unknown inbox kinds {sorted(unknown)!r}")
    return InboxItem.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk), kind__in=kinds, read_at__isnull=True
    ).update(read_at=timezone.now())


def inbox_read_all(*, by: User) -> int:
    """Mark every unread item of the officer read. Returns how many there were."""
    return InboxItem.objects.filter(recipient=by, read_at__isnull=True).update(read_at=timezone.now())


def inbox_deadlines_post(*, today: dt.date | None = None) -> int:
    """Remind handlers of their dossiers and petitions due within one working day: once per record, recipient and
    day (the key carries the day), so the command and the task can run as often as wanted. Returns how many
    reminders were posted (0 on a second run the same day).

    The records come from the modules' `inbox_deadlines(today)` hooks (module.py), each giving `DeadlineNote`s:
    this foundation app never reads a module's tables. Texts are written in the site's language (no request).
    Bounded: one read of the keys already posted and one insert, whatever the number of records."""
    from importlib import import_module

    from gandan.modules import registered

    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        notes: list[DeadlineNote] = []
        for package, _module in registered():
            hook = getattr(import_module(f"{package}.module"), "inbox_deadlines", None)
            if hook is not None:
                notes.extend(hook(today))
    keyed = {f"deadline:{n.object_type}:{n.object_id}:{today.isoformat()}:{n.recipient_id}": n for n in notes}
    now = timezone.now()
    with transaction.atomic():
        taken = set()
        names = list(keyed)
        for i in range(0, len(names), 500):  # bounded IN lists on both databases
            taken |= set(InboxItem.objects.filter(key__in=names[i : i + 500]).values_list("key", flat=True))
        rows = [
            InboxItem(
                recipient_id=note.recipient_id,
                kind=InboxKind.DEADLINE,
                text=_one_line(note.text, TEXT_MAX),
                link=note.link,
                object_type=note.object_type,
                object_id=note.object_id,
                unit_path=note.unit_path,
                key=key,
                created_at=now,
            )
            for key, note in keyed.items()
            if key not in taken
        ]
        InboxItem.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    return len(rows)
