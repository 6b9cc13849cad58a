"""The statutory clocks: the versioned rules (the law's time limits), each case's running clocks and its suspensions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gandan.petitions.models.petition import Petition


class ClockRule(models.Model):
    """One version of a statutory clock. Rows are never edited: a correction is a new row, and for any day the
    most recently added row whose validity covers it is the one in force. A case keeps the version it got at receipt."""

    class Unit(models.TextChoices):
        WORKING = "working", _("working days")
        CALENDAR = "calendar", _("calendar days")

    class Suspension(models.TextChoices):
        PAUSE = "pause", _("suspended time not counted")
        RESTART = "restart", _("restarts from the resume decision")

    key = models.CharField(_("clock"), max_length=60, db_index=True)
    label = models.CharField(_("name"), max_length=200)
    days = models.PositiveSmallIntegerField(_("days"))
    unit = models.CharField(_("counted in"), max_length=10, choices=Unit.choices)
    suspension = models.CharField(
        _("on suspension"), max_length=10, choices=Suspension.choices, default="pause"
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key", "valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="clock_rule_dates",
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.days} ({self.valid_from:%d/%m/%Y})"


class Clock(models.Model):
    """One running or finished clock of a case: the statutory ones (with the rule version) and the handler's."""

    class Role(models.TextChoices):
        INTAKE = "intake", _("processing the petition")
        RESOLVE = "resolve", _("resolution")
        HANDLER = "handler", _("handler's deadline")
        FORWARD = "forward", _("forwarding")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="clocks")
    role = models.CharField(max_length=10, choices=Role.choices)
    rule = models.ForeignKey(ClockRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField()
    original_due = models.DateField(null=True, blank=True)
    due = models.DateField(null=True, blank=True)  # null while suspended
    extensions = models.PositiveSmallIntegerField(default=0)
    stopped_on = models.DateField(null=True, blank=True)  # met (or abandoned when the case ended otherwise)
    late = models.BooleanField(default=False)

    class Meta:
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.role} → {self.due}"


class Suspension(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="suspensions")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    reason = models.TextField()
    decision_no = models.CharField(max_length=60, blank=True)
    resume_decision_no = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.start}–{self.end or ''}"
