from django_tasks import task

from gandan.kit.retrysafe import retry_safe


@retry_safe
@task()
def notification_send_task(notification_id: int) -> str:
    """Deliver one notification by id. Safe to run twice: only a "pending" notification is claimed and sent, so a
    run after a kill finds the claim and sends nothing (the sweep marks it "needs_check")."""
    # Imported here because services enqueue this task: a top-level import would be circular.
    from gandan.notify.services import notification_deliver

    return notification_deliver(notification_id=notification_id)


@retry_safe
@task()
def notifications_sweep_task() -> int:
    """Mark for a person to check the notifications a stopped worker left "sending" (see notifications_sweep)."""
    from gandan.notify.services import notifications_sweep

    return notifications_sweep()


@retry_safe
@task()
def inbox_deadlines_task() -> int:
    """Post the day's deadline reminders to handlers (see inbox_deadlines_post); safe to run many times a day."""
    from gandan.notify.services import inbox_deadlines_post

    return inbox_deadlines_post()
