"""Dialogues between the commune's leaders and the people (DOMAIN.md §5.3; Law 10/2022 Art. 27 and 32): the
dialogue itself, the questions citizens send before it or ask in the room, and every answer that promises action
as a commitment followed to done in public.

Every record keeps the path of its commune (`unit_path`, copied when created, never rewritten), so what an officer
may see is one indexed prefix query (accounts.scope). Commitment states are `gandan.core.democracy.commitments`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gandan.core.democracy.commitments import CommitmentState
from gandan.kit.uploads import RandomName


class Dialogue(models.Model):
    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual dialogue with the Fatherland Front")  # Art. 32
        THEMATIC = "thematic", _("Thematic dialogue")
        BEFORE_DECISION = "before_decision", _("Dialogue before a decision affecting citizens")  # Art. 27

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")  # scheduled; questions may be sent while `questions_until` allows
        HELD = "held", pgettext_lazy("dialogue", "Held")  # took place; answers and commitments being recorded
        CLOSED = "closed", _("Closed")  # minutes final
        CANCELLED = "cancelled", _("Cancelled")

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    unit_path = models.CharField(max_length=255, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    title = models.CharField(_("title"), max_length=300)
    title_search = models.CharField(
        max_length=600, editable=False
    )  # core.vntext.search_key of title and topic
    topic = models.CharField(
        _("topic"), max_length=300, blank=True
    )  # thematic: the matter; before a decision: it
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=300)
    chaired_by = models.CharField(
        _("chaired by"), max_length=300
    )  # e.g. "Chủ tịch UBND xã, Chủ tịch UB MTTQ xã"
    participants = models.TextField(_("participants"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    questions_until = models.DateTimeField(_("questions accepted until"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)  # the record of the meeting, printed as PDF
    cancel_reason = models.CharField(
        _("reason"), max_length=300, blank=True
    )  # shown to those who sent questions
    public = models.BooleanField(_("shown on the portal"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        indexes = [models.Index(fields=["unit_path", "starts_at"], name="dlg_dialogue_scope")]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """A citizen's question: sent on the portal before the dialogue, written down at citizen reception, typed in by a
    village head, or asked in the room. The asker's contacts are never shown publicly."""

    class Channel(models.TextChoices):
        PORTAL = "portal", _("Portal")
        RECEPTION = "reception", _("Citizen reception")
        VILLAGE_HEAD = "village_head", _("Through the village head")
        FLOOR = "floor", _("Asked at the dialogue")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ASSIGNED = "assigned", _("Assigned for an answer")
        ANSWERED = "answered", _("Answered")
        SET_ASIDE = (
            "set_aside",
            _("Not taken up"),
        )  # with a reason shown to the asker (duplicate, out of scope)

    dialogue = models.ForeignKey(Dialogue, on_delete=models.PROTECT, related_name="questions")
    unit_path = models.CharField(max_length=255, editable=False)
    number = models.PositiveIntegerField(editable=False)  # 1, 2, … within the dialogue
    code = models.CharField(max_length=20, unique=True, editable=False)  # the asker's lookup code
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    asker_name = models.CharField(_("name"), max_length=120)
    asker_phone = models.CharField(_("phone"), max_length=15, blank=True)  # private
    asker_email = models.EmailField(_("e-mail"), blank=True)  # private
    village = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("village"),
    )
    text = models.TextField(_("question"))
    theme = models.CharField(_("theme"), max_length=120, blank=True)  # officials group questions by theme
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    set_aside_reason = models.CharField(_("reason"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # empty when the citizen sent it on the portal
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dialogue_id", "number"]
        verbose_name = _("dialogue question")
        verbose_name_plural = _("dialogue questions")
        indexes = [models.Index(fields=["unit_path", "status"], name="dlg_question_scope")]
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "number"], name="dlg_question_number_once"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


COMMITMENT_STATES = [
    (CommitmentState.OPEN.value, _("Not started")),
    (CommitmentState.IN_PROGRESS.value, pgettext_lazy("commitment", "In progress")),
    (CommitmentState.DONE.value, _("Done")),
    (CommitmentState.CANCELLED.value, _("Cancelled")),
]


class Commitment(models.Model):
    """An answer that promises action: who does what by when, followed to done with evidence, in public."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.PROTECT, related_name="commitments")
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, null=True, blank=True, related_name="commitments"
    )
    unit_path = models.CharField(max_length=255, editable=False)
    text = models.TextField(_("what was promised"))
    owner = models.CharField(_("responsible"), max_length=200)  # the office or post that answers for it
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due = models.DateField(pgettext_lazy("commitment", "due"))
    state = models.CharField(_("status"), max_length=20, choices=COMMITMENT_STATES, default="open")
    done_on = models.DateField(_("done on"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)  # what was done, shown publicly
    evidence_file = models.FileField(upload_to=RandomName("dialogues/evidence"), blank=True)
    cancel_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        indexes = [models.Index(fields=["unit_path", "state", "due"], name="dlg_commitment_scope")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="done") | Q(done_on__isnull=False), name="dlg_commitment_done_has_day"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class CommitmentUpdate(models.Model):
    """One step of a commitment's progress, shown on the public page in order."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    state = models.CharField(max_length=20)
    note = models.TextField(_("progress note"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["commitment_id", "at", "id"]
        verbose_name = _("commitment progress")
        verbose_name_plural = _("commitment progress")

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.state}"
