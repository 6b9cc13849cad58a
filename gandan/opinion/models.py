"""Every text a citizen writes, kept as a signal with place, time and source, for early hearing of public opinion.

Analysis (hot-issue detection) comes later; the foundation only records.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Signal(models.Model):
    text = models.TextField(_("text"))
    text_folded = models.TextField(editable=False)
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    unit_path = models.CharField(max_length=255, db_index=True, editable=False)
    at = models.DateTimeField(_("time"), db_index=True)
    # Where the text came from: e.g. "petitions.petition", "portal.comment"; and the id of that record.
    source_kind = models.CharField(_("source"), max_length=60)
    source_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        constraints = [
            # Recording is idempotent: a retried service call never counts one citizen's text twice.
            models.UniqueConstraint(fields=["source_kind", "source_id"], name="one_signal_per_source"),
        ]

    def __str__(self) -> str:
        return f"{self.source_kind}#{self.source_id}"
