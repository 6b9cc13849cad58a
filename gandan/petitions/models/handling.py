"""Handling a case: its timeline, the documents issued, the verification (and reception-conclusion) tasks, the
dialogues and the escalations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gandan.petitions.models.petition import Petition, Status


class Step(models.Model):
    """The case's timeline. `public` steps are shown on the citizen's lookup (never with a person's name)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="steps")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150)
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    note = models.TextField(blank=True)
    document = models.ForeignKey(
        "Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    public = models.BooleanField(default=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.action}"


class Document(models.Model):
    """A notice or decision issued on the case; printed as PDF from these fields."""

    class Form(models.TextChoices):
        ACCEPTANCE = "acceptance", _("Notice of acceptance")
        NON_ACCEPTANCE = "non_acceptance", _("Notice of non-acceptance")
        FORWARDING = "forwarding", _("Forwarding letter")
        GUIDANCE = "guidance", _("Guidance letter")
        EXTENSION = "extension", _("Extension decision")
        SUSPENSION = "suspension", _("Suspension decision")
        RESUMPTION = "resumption", _("Resumption decision")
        RESOLUTION = "resolution", _("Resolution decision")
        DIALOGUE = "dialogue", _("Dialogue minutes")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="documents")
    form = models.CharField(max_length=20, choices=Form.choices)
    number = models.CharField(_("number"), max_length=60, blank=True)
    issued_on = models.DateField()
    recipient = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issued_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.number}"


class Task(models.Model):
    """A verification task (or, for reception conclusions, a task set by the leader) with its deadline."""

    petition = models.ForeignKey(
        Petition, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    conclusion = models.ForeignKey(
        "reception.ConclusionNotice", null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    unit_path = models.CharField(max_length=255, editable=False)
    title = models.CharField(_("task"), max_length=300)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    responsible_body = models.CharField(_("responsible body"), max_length=300, blank=True)
    due = models.DateField(_("deadline"))
    done_on = models.DateField(null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "id"]
        indexes = [models.Index(fields=["unit_path", "done_on", "due"], name="task_open")]
        constraints = [
            models.CheckConstraint(
                condition=Q(petition__isnull=False) | Q(conclusion__isnull=False), name="task_has_parent"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Dialogue(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="dialogues")
    scheduled_at = models.DateTimeField(_("time"))
    place = models.CharField(_("place"), max_length=300)
    notified_on = models.DateField(_("notice sent on"))
    held = models.BooleanField(default=False)
    petitioner_absent = models.BooleanField(_("the petitioner did not come"), default=False)
    minutes = models.TextField(_("minutes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["scheduled_at", "id"]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.scheduled_at:%d/%m/%Y}"


class Escalation(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="escalations")
    at = models.DateTimeField()
    level = models.PositiveSmallIntegerField()  # 1: the unit's leader, 2: the level above
    to_unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["petition", "level"], name="one_escalation_per_level")]

    def __str__(self) -> str:
        return f"{self.petition_id} L{self.level}"
