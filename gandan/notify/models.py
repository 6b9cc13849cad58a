"""Messages to citizens and officers, one row per message, so sending is idempotent and can be retried."""

from django.db import models
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


class Notification(models.Model):
    # The idempotency key, e.g. "dossiers:123:receipt": a second request with the same key is the same message.
    key = models.CharField(_("key"), max_length=200, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=ChannelKind.choices)
    recipient = models.CharField(_("recipient"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # When a worker claimed it ("sending"). A claim older than the lease belongs to a worker that died: the sweeper
    # (notify.services.notifications_sweep) puts the message back in the queue.
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
