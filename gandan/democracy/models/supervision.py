"""People's supervision (Art. 36–45): the commune's people's inspection board and the community investment
supervision board of each project, their members (eligibility checked), and their findings and recommendations,
each with a deadline for the government's answer, followed like a commitment."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gandan.core.democracy.commitments import CommitmentState


class Board(models.Model):
    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("People's inspection board")
        INVESTMENT = "investment", _("Community investment supervision board")

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    unit_path = models.CharField(max_length=255, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    project = models.CharField(_("project supervised"), max_length=300, blank=True)  # investment boards
    term_start = models.DateField(_("from"))
    term_end = models.DateField(_("until"), null=True, blank=True)  # term, or the project's end
    dissolved_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit_path", "kind", "-term_start"]
        indexes = [models.Index(fields=["unit_path", "kind"], name="dem_board_scope")]

    def __str__(self) -> str:
        return self.name


class BoardMember(models.Model):
    class Post(models.TextChoices):
        HEAD = "head", _("Head")
        DEPUTY = "deputy", _("Deputy head")
        MEMBER = "member", _("Member")

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="members")
    unit_path = models.CharField(max_length=255, editable=False)
    village = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("village"),
    )
    full_name = models.CharField(_("full name"), max_length=120)
    post = models.CharField(_("post"), max_length=10, choices=Post.choices, default=Post.MEMBER)
    represents = models.CharField(_("represents"), max_length=120, blank=True)  # Front, residents, …
    elected_on = models.DateField(_("elected on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        ordering = ["board_id", "id"]

    def __str__(self) -> str:
        return self.full_name


class Finding(models.Model):
    """What a board found and recommends, with the deadline for the government's answer."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="findings")
    unit_path = models.CharField(max_length=255, editable=False)
    title = models.CharField(_("title"), max_length=300)
    finding = models.TextField(_("what was found"))
    recommendation = models.TextField(_("recommendation"))
    found_on = models.DateField(_("found on"))
    answer_due = models.DateField(_("answer due"))
    addressed_to = models.CharField(_("addressed to"), max_length=200)
    state = models.CharField(
        max_length=20, choices=[(s.value, s.value) for s in CommitmentState], default=CommitmentState.OPEN
    )
    answer = models.TextField(_("the government's answer"), blank=True)
    answered_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answer_due", "id"]
        indexes = [models.Index(fields=["unit_path", "state"], name="dem_finding_scope")]

    def __str__(self) -> str:
        return self.title
