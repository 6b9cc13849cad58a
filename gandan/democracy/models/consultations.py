"""Consultations (lấy ý kiến, Art. 25–28): a draft open from a date to a date, by section; the comments from every
channel; the summary, explanation and acceptance that must be published (Art. 11(11))."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gandan.core.democracy.consultations import Phase, phase

PHASE_LABELS = {
    Phase.DRAFT: _("Being prepared"),
    Phase.ANNOUNCED: _("Announced, not open yet"),
    Phase.OPEN: _("Open for comments"),
    Phase.CLOSED: _("Closed, being summarised"),
    Phase.PUBLISHED: _("Summary published"),
}


class Consultation(models.Model):
    class Subject(models.TextChoices):  # Art. 25
        SOCIO_ECONOMIC = "socio_economic", _("Socio-economic plan, restructuring of production")
        LAND = "land", _("Land-use planning and the commune land fund")
        POLICY = "policy", _("Investment, land, environment, compensation and resettlement policies")
        UNITS = "units", _("Creating, merging or renaming units and villages")
        DECISION = "decision", _("An administrative decision affecting the community")
        CONSTRUCTION = "construction", _("Construction plans")
        REGULATION = "regulation", _("Draft democracy regulations")
        COVENANT = "covenant", _("A village covenant")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        OPEN = "open", _("Open for comments")  # between `opens` and `closes`
        CLOSED = "closed", _("Closed, being summarised")
        PUBLISHED = "published", _("Summary published")

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    unit_path = models.CharField(max_length=255, editable=False)
    subject = models.CharField(_("subject"), max_length=20, choices=Subject.choices)
    title = models.CharField(_("title"), max_length=300)
    title_search = models.CharField(max_length=800, editable=False)
    introduction = models.TextField(_("introduction"), blank=True)
    opens = models.DateField(_("open from"))
    closes = models.DateField(_("open until"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(_("summary of opinions"), blank=True)
    explanation = models.TextField(_("explanation and acceptance"), blank=True)
    published_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens", "-id"]
        indexes = [models.Index(fields=["unit_path", "opens"], name="dem_consultation_scope")]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gte=models.F("opens")), name="dem_consultation_window"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def phase(self) -> Phase:
        """Where it stands today (gandan.core.democracy.consultations.phase)."""
        return phase(self.status, opens=self.opens, closes=self.closes, today=timezone.localdate())

    @property
    def phase_label(self) -> str:
        return str(PHASE_LABELS[self.phase])


class Section(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField()
    heading = models.CharField(_("heading"), max_length=300)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["consultation_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="dem_section_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.heading}"


class Comment(models.Model):
    class Channel(models.TextChoices):  # Art. 26
        PORTAL = "portal", _("Portal")
        MEETING = "meeting", _("Community meeting")
        SLIP = "slip", _("Opinion slip")
        BOX = "box", _("Suggestion box")
        HOTLINE = "hotline", _("Hotline")
        FRONT = "front", _("Through the Front and mass organisations")
        SOCIAL = "social", _("Social network group")
        DIALOGUE = "dialogue", _("Dialogue")

    class Disposition(models.TextChoices):
        PENDING = "pending", _("Not yet considered")
        ACCEPTED = "accepted", _("Accepted")
        PARTLY = "partly", _("Partly accepted")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="comments")
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, null=True, blank=True, related_name="comments"
    )
    unit_path = models.CharField(max_length=255, editable=False)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    author_name = models.CharField(_("name"), max_length=120, blank=True)
    contact = models.CharField(_("phone or e-mail"), max_length=120, blank=True)  # private
    village = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("village"),
    )
    text = models.TextField(_("opinion"))
    disposition = models.CharField(max_length=20, choices=Disposition.choices, default=Disposition.PENDING)
    response = models.TextField(_("explanation"), blank=True)  # why accepted or not
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consultation_id", "id"]
        indexes = [models.Index(fields=["unit_path", "created_at"], name="dem_comment_scope")]

    def __str__(self) -> str:
        return self.text[:60]
