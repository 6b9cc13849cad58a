"""An issue: the signals about one concrete matter in one commune, grouped as they arrive (never re-clustered)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IssueStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Dismissed")
    MERGED = "merged", _("Merged into another issue")


class Issue(models.Model):
    # The commune the matter is in (issues never span communes; the province sees them side by side).
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    unit_path = models.CharField(max_length=255, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    # An official renamed it: the engine keeps the title from then on.
    title_fixed = models.BooleanField(default=False)
    topic = models.ForeignKey(
        "opinion.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="issues"
    )
    # An official chose the topic: later signals of the issue take it.
    topic_fixed = models.BooleanField(default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=IssueStatus.choices, default=IssueStatus.OPEN
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_issues"
    )
    split_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="split_issues"
    )
    first_seen = models.DateTimeField(_("first seen"))
    last_seen = models.DateTimeField(_("last seen"), db_index=True)
    signal_count = models.PositiveIntegerField(_("signals"), default=0)
    people_count = models.PositiveIntegerField(_("people"), default=0)
    # {unit id: signals} for every place (village, or the commune itself) the signals came from.
    places = models.JSONField(default=dict)
    # The engine's memory of the matter: {term: weight} (the strongest terms only) and {yyyy-mm-dd: signals} of the
    # last weeks, for matching new signals and for the burst model.
    centroid = models.JSONField(default=dict)  # {term: signals holding it}
    daily = models.JSONField(default=dict)
    # The rest of the engine's memory: recent places and cues, crowd sizes, topic votes (engine/state.py).
    memory = models.JSONField(default=dict)
    representative = models.ForeignKey(
        "opinion.Signal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The highest alert level the issue reached (0 = none) and when it was first raised.
    alert_level = models.PositiveSmallIntegerField(_("alert level"), default=0)
    alert_raised_at = models.DateTimeField(_("alert raised at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("issue")
        indexes = [
            models.Index(fields=["unit_path", "status", "last_seen"], name="issue_active"),
            # The board's list: the alerted issues, and the quiet ones (no alert) read and counted from the index
            # alone, latest first (board_queries.RisingFirst).
            models.Index(fields=["unit_path", "status", "alert_level", "last_seen"], name="issue_board"),
        ]

    def __str__(self) -> str:
        return self.title
