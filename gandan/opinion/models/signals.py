"""Every text a citizen writes, kept as a signal with place, time and source, for early hearing of public opinion.

The text is stored with personal data masked (phone numbers, ID numbers, e-mails, a protected denunciator's name:
gandan.core.vnnlp.mask_pii): the signal is an analysis copy, the original stays with its source record."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Signal(models.Model):
    text = models.TextField(_("text"))
    text_folded = models.TextField(editable=False)
    # Indexed with `at` (Meta.indexes), which serves the lookups by unit alone as well.
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"), db_index=False
    )
    unit_path = models.CharField(max_length=255, db_index=True, editable=False)
    # The commune the place belongs to (the unit itself when it is a commune or above): issues never span communes.
    commune_path = models.CharField(max_length=255, editable=False, default="")  # indexed with `at`
    at = models.DateTimeField(_("time"), db_index=True)
    # Where the text came from: e.g. "petition", "portal.comment", "ingest" (an imported file); the id of that record.
    source_kind = models.CharField(_("source"), max_length=60)
    source_id = models.CharField(max_length=64)
    # The channel as the importer named it ("petition", "hotline", "reception", …); empty for module signals.
    channel = models.CharField(_("channel"), max_length=40, blank=True)
    # How many people the text speaks for (the signers of a crowd petition): a sign of a hotspot at ≥ 5.
    people = models.PositiveIntegerField(_("people"), default=1)
    topic = models.ForeignKey(
        "opinion.Topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
        verbose_name=_("topic"),
    )
    # Set when an official chose the topic: the engine never overrides it and learns from it.
    topic_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issue = models.ForeignKey(
        "opinion.Issue",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
        verbose_name=_("issue"),
        db_index=False,  # opinion_signal_issue_at leads with it
    )
    processed = models.BooleanField(default=False, db_index=True, editable=False)
    # From a protected denunciation (Law on Denunciation Art. 47): it counts like any signal, but its text — which
    # may tell who wrote it ("anh Khánh ở đầu xóm", his wife's name) — is shown only to the officers granted access
    # on the case, and it never titles an issue (`gandan.opinion.sources.withhold_confidential`).
    confidential = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    #: What a page or export shows of the text to its viewer (set by `gandan.opinion.sources.withhold_confidential`).
    shown_text: str
    withheld: bool  # a confidential signal's text the viewer may not read (the same function sets it)

    class Meta:
        ordering = ["-at"]
        constraints = [
            # Recording is idempotent: a retried service call never counts one citizen's text twice.
            models.UniqueConstraint(fields=["source_kind", "source_id"], name="one_signal_per_source"),
        ]
        indexes = [
            # The board's counts over a recent window, by village (its list by village) and by commune (the
            # communes side by side): a range of one place's signals, not every signal of the place read and
            # filtered by date (1.8 s and 3.4 s for the province at a million signals).
            models.Index(fields=["unit", "at"], name="opinion_signal_unit_at"),
            models.Index(fields=["commune_path", "at"], name="opinion_signal_commune_at"),
            # An issue's signals of the last two weeks (the board's "this week against the week before"): a range,
            # where the issue's index alone read every signal of a large issue to count a week's.
            models.Index(fields=["issue", "at"], name="opinion_signal_issue_at"),
        ]

    def __str__(self) -> str:
        return f"{self.source_kind}#{self.source_id}"

    @property
    def source_display(self) -> str:
        from gandan.opinion.sources import source_label

        return source_label(self.source_kind, self.channel)

    @property
    def external_id(self) -> str:
        """The id the CLI prints: the importer's own id, or `source_kind:source_id` for a module's signal."""
        return self.source_id if self.source_kind == "ingest" else f"{self.source_kind}:{self.source_id}"
