"""Alerts: an issue (or a topic in a commune) rising above its own baseline, or showing the signs of a hotspot;
acknowledged, assigned to an officer with a deadline, linked to the cases that answer it, closed when resolved."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertLevel(models.IntegerChoices):
    WATCH = 1, _("Watch")
    WARNING = 2, _("Warning")
    URGENT = 3, _("Urgent")


class AlertStatus(models.TextChoices):
    RAISED = "raised", _("Raised")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ASSIGNED = "assigned", _("Assigned")
    CLOSED = "closed", _("Closed")


class Alert(models.Model):
    issue = models.ForeignKey(
        "opinion.Issue", null=True, blank=True, on_delete=models.CASCADE, related_name="alerts"
    )
    # A topic rising in a commune without one matter behind it has no issue.
    topic = models.ForeignKey(
        "opinion.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    unit_path = models.CharField(max_length=255, db_index=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=AlertLevel.choices)
    raised_at = models.DateTimeField(_("raised at"), db_index=True)
    # Why: [{"code": "burst", "observed": 7, "expected": 0.4}, {"code": "crowd", "people": 12}, …]
    reasons = models.JSONField(default=list)
    status = models.CharField(
        _("status"), max_length=14, choices=AlertStatus.choices, default=AlertStatus.RAISED
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opinion_alerts",
        verbose_name=_("responsible officer"),
    )
    due = models.DateField(_("deadline"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Digest bookkeeping: when the leaders were told of this alert (None: not yet).
    notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-raised_at"]
        verbose_name = _("alert")

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.raised_at:%d/%m/%Y}"


class AlertEvent(models.Model):
    """The alert's history: raised, level changed, acknowledged, assigned, linked, closed, reopened."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    #: The note as the alert's page shows it (set by `alert_queries.alert_history`).
    shown_note: str

    def __str__(self) -> str:
        return f"{self.action} {self.at:%d/%m/%Y %H:%M}"


class AlertLink(models.Model):
    """A case that answers the alert: a petition today; a dialogue or a commitment when those modules exist."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=40)  # "petition", later "dialogue", "commitment"
    object_id = models.CharField(max_length=64)
    label = models.CharField(max_length=300, blank=True)
    settled = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alert", "kind", "object_id"], name="one_link_per_case")
        ]

    def __str__(self) -> str:
        return self.label or f"{self.kind}#{self.object_id}"
