"""Messages to citizens and officers, one row per message, so sending is idempotent and can be retried."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    CONSOLE = "console", _("Console")
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS / Zalo")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    # Claimed by a worker and being sent now (outside any transaction, so a slow gateway never holds a lock).
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # Nobody to send to (a citizen who left no email or phone): kept so the decision is visible.
    SKIPPED = "skipped", _("Skipped")
    # Left "sending" past the lease by a worker that died: it may or may not have gone out. Never sent again by
    # itself; a person checks, and re-sends it deliberately if it did not arrive (notification_resend).
    NEEDS_CHECK = "needs_check", _("Needs checking")


class Notification(models.Model):
    # The idempotency key, e.g. "dossiers:123:receipt": a second request with the same key is the same message.
    key = models.CharField(_("key"), max_length=200, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=ChannelKind.choices)
    recipient = models.CharField(_("recipient"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=16, choices=NotificationStatus.choices, default=NotificationStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # When a worker claimed it ("sending"). A claim older than the lease belongs to a worker that died: the sweeper
    # (notify.services.notifications_sweep) marks the message for a human to check, never sends it twice blindly.
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    # What the message is about, e.g. ("dossiers.dossier", "123").
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    unit_path = models.CharField(max_length=255, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "claimed_at"], name="notify_status_claimed")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.key


class InboxKind(models.TextChoices):
    HANDOFF = "handoff", _("Dossier handed to you")
    RESULT_READY = "result_ready", _("Result ready to return")
    ASSIGNMENT = "assignment", _("Petition assigned to you")
    NEW_PETITION = "new_petition", _("New petition")
    DEADLINE = "deadline", _("Deadline approaching")
    # Public opinion: an alert assigned to the officer, or the digest of new alerts of his commune.
    OPINION_ALERT = "opinion_alert", _("Public opinion alert")
    FIELD_REPORT = "field_report", _("Field report")


class InboxItem(models.Model):
    """One line in an officer's in-app inbox ("Thông báo"): what happened, a link to the record, read or not.

    Written by the service that made the change, in its own transaction, so an item exists exactly when the
    change does. The e-mail/SMS `Notification` rows above are for citizens and are unrelated."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=InboxKind.choices)
    text = models.CharField(_("text"), max_length=400)
    link = models.CharField(_("link"), max_length=300)
    # What the item is about, e.g. ("dossiers.dossier", "123"), and where: the record's unit path.
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    unit_path = models.CharField(max_length=255, blank=True)
    # Set for items that must be posted once (a deadline reminder per record, recipient and day); else empty.
    key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The header's unread count on every staff page: one range of this index per request.
            models.Index(fields=["recipient", "read_at"], name="inbox_unread"),
            models.Index(fields=["recipient", "-created_at", "-id"], name="inbox_newest"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["key"], condition=~models.Q(key=""), name="inbox_key_once")
        ]
        verbose_name = _("inbox item")
        verbose_name_plural = _("inbox items")

    def __str__(self) -> str:
        return self.text
