"""Mass mobilisation (DOMAIN.md §7): the tổ dân vận of every village and their members, what the teams do, the
"dân vận khéo" models with their reviews, evidence and replications, and the periodic reports.

Every record keeps the path of the unit it belongs to (`unit_path`, copied when it is created and never rewritten),
so "what an officer may see" is one indexed prefix query (accounts.scope). The rules are plain Python in
`gandan.core.mobilization`; the choices below are their codes.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gandan.core.mobilization.models_rules import Field, Level, OwnerKind, Status
from gandan.core.mobilization.periods import PeriodKind
from gandan.core.mobilization.teams import TeamRole
from gandan.kit.uploads import RandomName

# --- Teams -----------------------------------------------------------------------------------------------------------


class Team(models.Model):
    """The tổ dân vận of one village or residential group. A village has at most one current team; a dissolved
    team (`dissolved_on`) stays with its history."""

    village = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    unit_path = models.CharField(max_length=255, editable=False)  # the village's path
    commune_path = models.CharField(max_length=255, editable=False, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    decision = models.CharField(_("decision establishing it"), max_length=100, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit_path", "id"]
        indexes = [models.Index(fields=["unit_path"], name="mob_team_scope")]
        constraints = [
            models.UniqueConstraint(
                fields=["village"], condition=Q(dissolved_on__isnull=True), name="mob_team_one_per_village"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    """A person in a team, with every role they hold there (counted once whatever the number of roles). A member who
    leaves keeps the row with `term_end`, so last year's report still counts them."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="members")
    unit_path = models.CharField(max_length=255, editable=False)
    full_name = models.CharField(_("full name"), max_length=120)
    name_key = models.CharField(max_length=120, editable=False)  # folded, for "twice in one team" and search
    roles = models.JSONField(_("roles"), default=list)  # TeamRole codes, at least one
    position = models.CharField(_("position held"), max_length=200, blank=True)  # e.g. "Bí thư chi bộ"
    phone = models.CharField(_("phone"), max_length=15, blank=True)
    term_start = models.DateField(_("term from"), null=True, blank=True)
    term_end = models.DateField(_("term until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["team_id", "id"]
        indexes = [models.Index(fields=["unit_path"], name="mob_member_scope")]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True)
                | Q(term_start__isnull=True)
                | Q(term_end__gte=models.F("term_start")),
                name="mob_member_term_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def role_labels(self) -> list[str]:
        labels = dict(TEAM_ROLE_CHOICES)
        return [str(labels.get(r, r)) for r in self.roles]


TEAM_ROLE_CHOICES = [
    (TeamRole.LEADER, _("Team leader")),
    (TeamRole.DEPUTY, _("Deputy leader")),
    (TeamRole.CELL_SECRETARY, _("Party cell secretary")),
    (TeamRole.VILLAGE_HEAD, _("Village head")),
    (TeamRole.FRONT_HEAD, _("Head of the Front committee")),
    (TeamRole.WOMEN, _("Head of the women's union")),
    (TeamRole.FARMERS, _("Head of the farmers' union")),
    (TeamRole.VETERANS, _("Head of the veterans' association")),
    (TeamRole.YOUTH, _("Youth union secretary")),
    (TeamRole.POLICE, _("Village police officer")),
    (TeamRole.MEMBER, _("Member")),
]


# --- Activities ------------------------------------------------------------------------------------------------------


class Activity(models.Model):
    """What the network did: a team's monthly meeting (with minutes), a mobilisation campaign over some villages, a
    grassroots mediation case and its result, or a note of what people are saying (also an opinion signal)."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Monthly meeting")
        CAMPAIGN = "campaign", _("Mobilisation campaign")
        MEDIATION = "mediation", _("Grassroots mediation")
        NOTE = "note", _("What people are saying")

    class MediationResult(models.TextChoices):
        SUCCESS = "success", _("Reconciled")
        FAILED = "failed", _("Not reconciled")
        ONGOING = "ongoing", _("Still being mediated")
        REFERRED = "referred", _("Referred to the authorities")

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")  # the commune
    unit_path = models.CharField(max_length=255, editable=False)  # the team's village, or the commune
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="activities")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    content = models.TextField(_("content"), blank=True)  # minutes, what was said, the case
    villages = models.ManyToManyField("units.Unit", blank=True, related_name="+", verbose_name=_("villages"))
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    attendees = models.PositiveIntegerField(_("attendees"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    mediation_result = models.CharField(
        _("mediation result"), max_length=20, choices=MediationResult.choices, blank=True
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["unit_path", "held_on"], name="mob_activity_scope")]

    def __str__(self) -> str:
        return self.title


# --- "Dân vận khéo" models -------------------------------------------------------------------------------------------


class Initiative(models.Model):
    """A "dân vận khéo" model (mô hình). Called Initiative in the code so it never reads as a Django model."""

    FIELD_CHOICES = [
        (Field.ECONOMY, _("Economy")),
        (Field.CULTURE_SOCIETY, _("Culture and society")),
        (Field.DEFENCE_SECURITY, _("Defence and security")),
        (Field.POLITICAL_SYSTEM, _("Building the political system")),
    ]
    LEVEL_CHOICES = [
        (Level.GRASSROOTS, _("Grassroots")),
        (Level.COMMUNE, _("Commune")),
        (Level.PROVINCE, _("Province")),
    ]
    OWNER_CHOICES = [
        (OwnerKind.PERSON, _("A person")),
        (OwnerKind.TEAM, _("A mobilisation team")),
        (OwnerKind.ORGANISATION, _("An organisation")),
        (OwnerKind.UNIT, _("An agency or unit")),
    ]
    STATUS_CHOICES = [
        (Status.REGISTERED, _("Registered")),
        (Status.IMPLEMENTING, _("Being implemented")),
        (Status.REVIEWED, _("Reviewed")),
        (Status.RECOGNISED, _("Recognised")),
        (Status.WITHDRAWN, pgettext_lazy("a model's status", "Withdrawn")),
    ]

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+"
    )  # the commune registering it
    unit_path = models.CharField(max_length=255, editable=False)
    village = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("village"),
    )
    name = models.CharField(_("name of the model"), max_length=300)
    # The folded words of the name, the owner and the place (core.vntext.search_key): "dan van kheo" finds them.
    name_search = models.CharField(max_length=1000, editable=False)
    field = models.CharField(_("field"), max_length=30, choices=FIELD_CHOICES)
    owner_kind = models.CharField(_("owner"), max_length=20, choices=OWNER_CHOICES)
    owner_name = models.CharField(_("owner's name"), max_length=200)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    place = models.CharField(_("address"), max_length=300)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"), null=True, blank=True)
    description = models.TextField(_("what it does"))
    results = models.TextField(_("results"), blank=True)
    figures = models.JSONField(_("results in figures"), default=list)  # [{"label", "value", "unit"}]
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=Status.REGISTERED)
    level = models.CharField(_("recognised at"), max_length=20, choices=LEVEL_CHOICES, blank=True)
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    recognised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recognition_decision = models.CharField(_("decision"), max_length=100, blank=True)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    registered_on = models.DateField(_("registered on"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-registered_on", "-id"]
        indexes = [
            models.Index(fields=["unit_path", "status"], name="mob_initiative_scope"),
            models.Index(fields=["status", "level"], name="mob_initiative_showcase"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True) | Q(period_end__gte=models.F("period_start")),
                name="mob_initiative_period_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.RECOGNISED) | ~Q(level=""), name="mob_initiative_recognised_level"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Review(models.Model):
    """A reviewer's scores of a model against the criteria (core.mobilization.models_rules.CRITERIA)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    scores = models.JSONField(default=dict)
    total = models.PositiveSmallIntegerField()
    recommend = models.BooleanField(_("recommends recognition"), default=False)
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.total}/100"


class Evidence(models.Model):
    """A photo or document showing a model's results: checked on upload (kit.uploads: type by content, size,
    images re-encoded)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(upload_to=RandomName("mobilization"))
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative_id", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


# --- Periodic reports ------------------------------------------------------------------------------------------------


class Report(models.Model):
    """The periodic mass-mobilisation report of a commune (or consolidated for a province): the figures computed
    from every module present (a snapshot, `figures`, refreshed while it is a draft and frozen on approval), the
    sections the officer writes, and the leader's approval."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for approval")
        APPROVED = "approved", _("Approved")

    PERIOD_CHOICES = [
        (PeriodKind.MONTH, _("Month")),
        (PeriodKind.QUARTER, _("Quarter")),
        (PeriodKind.HALF_YEAR, _("Six months")),
        (PeriodKind.NINE_MONTHS, _("Nine months")),
        (PeriodKind.YEAR, _("Year")),
        (PeriodKind.ADHOC, _("Ad hoc")),
    ]

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False)
    period_kind = models.CharField(_("period"), max_length=20, choices=PERIOD_CHOICES)
    period_number = models.PositiveSmallIntegerField(default=0)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    figures = models.JSONField(
        default=list
    )  # the sections with their figures, as computed (see services.reports)
    computed_at = models.DateTimeField(null=True, blank=True)
    narrative = models.JSONField(default=dict)  # section key → the officer's text
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    number = models.CharField(_("number"), max_length=50, blank=True)  # e.g. "12-BC/ĐU"
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_start", "unit_path", "-id"]
        indexes = [models.Index(fields=["unit_path", "period_start"], name="mob_report_scope")]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="mob_report_period_ordered"
            ),
            models.UniqueConstraint(
                fields=["unit", "period_kind", "period_start", "period_end"], name="mob_report_one_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_period_kind_display()} {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"
