"""Reads of the officers' inbox: always the acting user's own items."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from gandan.notify.models import InboxItem


def inbox_for_user(user) -> QuerySet[InboxItem]:
    """The user's items, newest first."""
    return InboxItem.objects.filter(recipient=user).order_by("-created_at", "-id")


def inbox_unread_count(user) -> int:
    """One COUNT on the (recipient, read_at) index: cheap enough for the header of every staff page."""
    return InboxItem.objects.filter(recipient=user, read_at__isnull=True).count()


def inbox_item_get_for_user(user, pk) -> InboxItem:
    """One of the user's own items; another officer's item answers 404, like a record outside one's units."""
    return get_object_or_404(InboxItem, recipient=user, pk=pk)


def notifications_needing_check_count() -> int:
    """Messages a dead worker left half-sent ("needs_check"): the operations page counts them for a person to check."""
    from gandan.notify.models import Notification, NotificationStatus

    return Notification.objects.filter(status=NotificationStatus.NEEDS_CHECK).count()


def notifications_needing_check(*, limit: int = 200):
    """The oldest first, for the person checking them."""
    from gandan.notify.models import Notification, NotificationStatus

    return Notification.objects.filter(status=NotificationStatus.NEEDS_CHECK).order_by("claimed_at", "pk")[
        :limit
    ]


def notification_needing_check_get(pk: str):
    """One notification that needs checking, or None (any other, or a malformed id)."""
    from gandan.notify.models import Notification, NotificationStatus

    if not str(pk).isdigit():
        return None
    return Notification.objects.filter(pk=int(pk), status=NotificationStatus.NEEDS_CHECK).first()
