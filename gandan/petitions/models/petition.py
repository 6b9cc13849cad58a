"""Petitions (complaints, denunciations, recommendations, reflections): the case row and what belongs to it.

State changes happen only in services; the rules (transitions, which clock runs when) are in rules.py and the
deadline arithmetic in gandan.core.petition_clocks. A denunciator's identity never lives on the petition: it is in
`ProtectedIdentity`, opened only by a holder of an `IdentityGrant`, each opening audited (Law on Denunciation Art. 56).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gandan.kit.tokens import new_lookup_secret
from gandan.kit.uploads import RandomName
from gandan.petitions import rules


class Kind(models.TextChoices):
    COMPLAINT = rules.Kind.COMPLAINT, _("Complaint")
    DENUNCIATION = rules.Kind.DENUNCIATION, _("Denunciation")
    RECOMMENDATION = rules.Kind.RECOMMENDATION, _("Recommendation")
    REFLECTION = rules.Kind.REFLECTION, _("Reflection")
    ANONYMOUS = rules.Kind.ANONYMOUS, _("Anonymous information")


class Status(models.TextChoices):
    RECEIVED = rules.Status.RECEIVED, _("Received, to be processed")
    ACCEPTED = rules.Status.ACCEPTED, _("Accepted for resolution")
    SUSPENDED = rules.Status.SUSPENDED, _("Suspended")
    RESOLVED = rules.Status.RESOLVED, _("Resolved")
    NOT_ACCEPTED = rules.Status.NOT_ACCEPTED, _("Not accepted")
    GUIDED = rules.Status.GUIDED, _("Citizen guided to the competent body")
    FORWARDED = rules.Status.FORWARDED, _("Forwarded to the competent body")
    FILED = rules.Status.FILED, _("Filed without action")
    MERGED = rules.Status.MERGED, _("Merged into an earlier case")
    WITHDRAWN = rules.Status.WITHDRAWN, _("Withdrawn")
    TERMINATED = rules.Status.TERMINATED, _("Resolution terminated")
    LEAD = rules.Status.LEAD, _("Inspection lead")


class Channel(models.TextChoices):
    RECEPTION = "reception", _("At a citizen reception")
    DIRECT = "direct", _("Handed in at the office or the letter box")
    POST = "post", _("By post")
    ONLINE = "online", _("Online on the portal")
    FORWARDED = "forwarded", _("Forwarded by another body")
    FRONT = "front", _("Forwarded by the Fatherland Front")
    DEPUTY = "deputy", _("Forwarded by a deputy")
    PRESS = "press", _("Forwarded by the press")
    LEADER = "leader", _("Passed down by a leader")


class Petition(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True)
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("handling unit")
    )
    unit_path = models.CharField(max_length=255, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)

    received_at = models.DateTimeField(_("received at"))
    received_on = models.DateField(editable=False)  # the local day: the clocks start from it
    subject = models.CharField(_("subject"), max_length=300)
    # For a protected denunciation this is the redacted text handed to verifiers (Art. 56(2)); the original letter
    # is in ProtectedIdentity.
    content = models.TextField(_("content"))
    addressed_to = models.CharField(_("addressed to"), max_length=300, blank=True)
    forwarded_by = models.CharField(_("forwarded by"), max_length=300, blank=True)
    place = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("village"),
    )
    # Who wrote it, as lists show it. A protected denunciator appears here only as a neutral label.
    petitioner_display = models.CharField(_("petitioner"), max_length=300)
    phone_last4 = models.CharField(max_length=4, blank=True, editable=False)  # for the citizen's lookup
    # The random part of the receipt's lookup (and rating) link: a code alone never opens the record (kit/tokens.py).
    lookup_secret = models.CharField(max_length=32, default=new_lookup_secret, editable=False)
    signers = models.PositiveIntegerField(_("number of signers"), default=1)
    protected = models.BooleanField(default=False, editable=False)  # denunciator identity under protection

    # Processability and handling (DOMAIN.md §4.1)
    competent = models.BooleanField(_("within our competence"), default=True)
    sent_to_many = models.BooleanField(_("sent to several bodies"), default=False)
    above_level = models.BooleanField(_("sent above the competent level"), default=False)
    handling_reason = models.TextField(_("reason"), blank=True)
    handled_to = models.CharField(_("competent body"), max_length=300, blank=True)  # guided / forwarded to
    master = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
        verbose_name=_("master case"),
    )
    split_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        verbose_name=_("split from"),
    )

    # Resolution
    instance = models.PositiveSmallIntegerField(_("instance"), default=1)  # complaints: 1st or 2nd
    first_instance = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="second_instances",
        verbose_name=_("first-instance case"),
    )
    remote_area = models.BooleanField(_("remote or hard-to-reach area"), default=False)
    complex_case = models.BooleanField(_("complex case"), default=False)
    complexity_note = models.TextField(_("why it is complex"), blank=True)
    complexity_criteria = models.PositiveSmallIntegerField(default=0)
    accepted_on = models.DateField(null=True, blank=True)
    resolved_on = models.DateField(null=True, blank=True)
    resolution = models.TextField(_("result"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("handler"),
    )
    resolver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("resolver"),
    )
    # The current clocks, denormalised for the worklists (the history is in Clock).
    statutory_due = models.DateField(_("statutory deadline"), null=True, blank=True)
    handler_due = models.DateField(_("handler's deadline"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(default=0)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        indexes = [
            models.Index(fields=["unit_path", "status", "statutory_due"], name="petition_worklist"),
            models.Index(fields=["unit_path", "received_at"], name="petition_period"),
            models.Index(fields=["assignee", "status"], name="petition_assignee"),
            # The national export reads what changed since its cursor, in (updated_at, id) order (gandan.exports).
            models.Index(fields=["updated_at", "id"], name="petition_changed"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(signers__gte=1), name="petition_has_signer"),
            models.CheckConstraint(condition=Q(instance__in=[1, 2]), name="petition_instance_1_2"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def kind_rule(self) -> rules.Kind:
        return rules.Kind(self.kind)

    @property
    def status_rule(self) -> rules.Status:
        return rules.Status(self.status)

    @property
    def is_crowd(self) -> bool:
        return rules.is_crowd(self.signers)


class PetitionCounter(models.Model):
    """The year's sequence of petition codes per unit, incremented under the write lock."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_petition_counter_per_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}: {self.last}"


class Petitioner(models.Model):
    """A named petitioner of a case that is NOT protected (complaints, recommendations, reflections, and
    denunciations whose author waived protection in writing). Representatives of a crowd case are flagged."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="petitioners")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("full name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    id_number = models.CharField(_("citizen ID"), max_length=12, blank=True)  # masked everywhere it is shown
    representative = models.BooleanField(_("representative"), default=False)

    class Meta:
        ordering = ["petition", "position", "id"]

    def __str__(self) -> str:
        return self.name


class Attachment(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    # A random stored name with the detected type's extension (gandan.kit.uploads); the sender's name is data only.
    file = models.FileField(upload_to=RandomName("petitions"))
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    # The original letter and handwriting of a protected denunciator: only identity-grant holders may open it.
    protected = models.BooleanField(default=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name
