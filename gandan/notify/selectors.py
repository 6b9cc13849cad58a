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
