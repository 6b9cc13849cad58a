"""Field reports (phản ánh hiện trường): what a citizen sees and reports from a place — a broken road, rubbish,
flooding, noise, an illegal building — by the portal, by any Open311 GeoReport v2 client, or written down by an
officer. The rules (states, places, timers, duplicates, extra questions) are `gandan.core.fieldreports`.

Every report keeps the path of the unit that handles it (`unit_path`, copied when created), so what an officer may
see is one indexed prefix query (accounts.scope). The reporter's contacts are private: they never leave the staff
pages, never reach the public list, the Open311 answers or an export.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gandan.core.fieldreports import Datatype
from gandan.core.fieldreports import Status as S
from gandan.kit.uploads import RandomName


class Category(models.Model):
    """A kind of report: an Open311 service. `level` routes it: most go to the commune the place lies in; a few
    (a provincial road, a river dyke) to the province."""

    class Level(models.TextChoices):
        COMMUNE = "commune", _("The commune where it is")
        PROVINCE = "province", _("The province")

    code = models.CharField(_("code"), max_length=50, unique=True)  # the Open311 service_code
    name = models.CharField(_("name"), max_length=150)
    description = models.CharField(_("description"), max_length=500, blank=True)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)  # comma-separated
    group = models.CharField(_("group"), max_length=100, blank=True)
    level = models.CharField(_("handled by"), max_length=20, choices=Level.choices, default=Level.COMMUNE)
    handler_role = models.CharField(
        _("handled by the role"), max_length=30, default="case_handler"
    )  # accounts.rules.Role: who is told of a new report
    active = models.BooleanField(_("accepting reports"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    changed_at = models.DateTimeField(auto_now=True)  # the discovery's changeset

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("report category")
        verbose_name_plural = _("report categories")

    def __str__(self) -> str:
        return self.name


DATATYPES = [
    (Datatype.STRING.value, _("Short text")),
    (Datatype.NUMBER.value, _("Number")),
    (Datatype.DATETIME.value, _("Date and time")),
    (Datatype.TEXT.value, _("Long text")),
    (Datatype.SINGLE.value, _("One choice from a list")),
    (Datatype.MULTI.value, _("Several choices from a list")),
]


class Attribute(models.Model):
    """An extra question of a category (an Open311 service definition's attribute)."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="attributes")
    code = models.CharField(_("code"), max_length=50)
    datatype = models.CharField(_("kind of answer"), max_length=20, choices=DATATYPES)
    variable = models.BooleanField(_("asks for an answer"), default=True)  # False: information only
    required = models.BooleanField(_("required"), default=False)
    description = models.CharField(_("question"), max_length=500)
    datatype_description = models.CharField(_("help"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    values = models.JSONField(_("options"), default=list, blank=True)  # [{"key": "...", "name": "..."}]

    class Meta:
        ordering = ["category_id", "order"]
        verbose_name = _("extra question")
        verbose_name_plural = _("extra questions")
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="fr_attribute_code_once"),
            models.UniqueConstraint(fields=["category", "order"], name="fr_attribute_order_once"),
            models.CheckConstraint(condition=Q(order__gte=1), name="fr_attribute_order_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.category.code}.{self.code}"


class TimerRule(models.Model):
    """From `valid_from`, a report of the category is to be settled within `days` working days. Versioned: a
    correction is a new row from a later day, so a report's due day stays the one computed at its receipt."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="timer_rules")
    valid_from = models.DateField(_("valid from"))
    days = models.PositiveSmallIntegerField(_("working days to settle"))
    source = models.CharField(_("source"), max_length=300, blank=True)  # the decision that set it
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["category_id", "-valid_from"]
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        constraints = [
            models.UniqueConstraint(fields=["category", "valid_from"], name="fr_timer_once_a_day"),
            models.CheckConstraint(condition=Q(days__gte=1, days__lte=90), name="fr_timer_days_range"),
        ]

    def __str__(self) -> str:
        return f"{self.category.code} {self.valid_from}: {self.days}"


class PlacePoint(models.Model):
    """A village's (or a commune's) representative point: a report's coordinates fall in the village whose point is
    nearest (gandan.core.fieldreports.nearest_place). Demo points are approximate and say so in `source`."""

    unit = models.OneToOneField(
        "units.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("village or commune")
    )
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    long = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("place point")
        verbose_name_plural = _("place points")

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.lat}, {self.long}"


STATUSES = [
    (S.NEW.value, pgettext_lazy("field report", "Received")),
    (S.INVESTIGATING.value, _("Being checked")),
    (S.IN_PROGRESS.value, pgettext_lazy("field report", "Being fixed")),
    (S.ACTION_SCHEDULED.value, _("Fix scheduled")),
    (S.FIXED.value, _("Fixed")),
    (S.DUPLICATE.value, _("Same as another report")),
    (S.NOT_RESPONSIBLE.value, _("Not the commune's to handle")),
    (S.NO_FURTHER_ACTION.value, _("No further action")),
    (S.TO_PETITION.value, _("Handled as a petition")),
]
OPEN_VALUES = [S.NEW.value, S.INVESTIGATING.value, S.IN_PROGRESS.value, S.ACTION_SCHEDULED.value]


class FieldReport(models.Model):
    class Channel(models.TextChoices):
        PORTAL = "portal", _("Portal")
        OPEN311 = "open311", _("Open311 application")
        STAFF = "staff", _("Written down by an officer")

    code = models.CharField(max_length=30, unique=True, editable=False)  # the Open311 service_request_id
    token = models.CharField(max_length=40, unique=True, editable=False)  # the Open311 token
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    unit_path = models.CharField(max_length=255, editable=False)
    village = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("village"),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=30, choices=STATUSES, default=S.NEW.value)
    description = models.TextField(_("description"), blank=True)
    search_text = models.TextField(
        editable=False, blank=True
    )  # core.vntext.search_key of the description, address
    attributes = models.JSONField(default=dict, blank=True)  # code → value (a list for multivaluelist)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)  # private
    long = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )  # private
    public_lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)  # grid square
    public_long = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)  # as given (address_string)
    # The reporter: private, for telling them of each step; never published or sent to an integrator.
    reporter_name = models.CharField(_("name"), max_length=120, blank=True)
    reporter_phone = models.CharField(_("phone"), max_length=15, blank=True)
    reporter_email = models.EmailField(_("e-mail"), blank=True)
    device_id = models.CharField(max_length=100, blank=True)
    account_id = models.CharField(max_length=100, blank=True)
    api_key = models.ForeignKey(
        "apikeys.ApiKey", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # the integrator that filed it
    media_url = models.URLField(max_length=500, blank=True)  # a link the client sent (shown to officers only)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="duplicates"
    )
    petition_code = models.CharField(max_length=40, blank=True)  # the petition it became
    hidden = models.BooleanField(default=False)  # kept off the public list (abusive text, a person's data)
    due = models.DateField(_("due"), null=True, blank=True)  # by the timer rule in force at receipt
    received_at = models.DateTimeField(_("received at"))
    updated_at = models.DateTimeField(_("updated at"))
    closed_at = models.DateTimeField(null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("field report")
        verbose_name_plural = _("field reports")
        indexes = [
            models.Index(fields=["unit_path", "status", "received_at"], name="fr_report_scope"),
            models.Index(fields=["received_at", "id"], name="fr_report_received"),  # Open311's 90 days
            models.Index(fields=["updated_at"], name="fr_report_updated"),
            models.Index(fields=["category", "received_at"], name="fr_report_category"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(lat__isnull=True) & Q(long__isnull=True))
                | (Q(lat__isnull=False) & Q(long__isnull=False)),
                name="fr_report_both_coordinates",
            ),
            models.CheckConstraint(
                condition=Q(lat__isnull=False) | ~Q(address=""), name="fr_report_has_a_place"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_VALUES

    @property
    def published_description(self) -> str:
        """The description as the public list, page and Open311 show it: phone numbers, ID numbers and e-mails a
        reporter typed in it (his own, a neighbour's) masked. The officers read it as written."""
        return published(self.description)


def published(description: str) -> str:
    from gandan.core.vnnlp import mask_pii

    return mask_pii(description)


class ReportCounter(models.Model):
    """The year's sequence of report codes per unit, incremented under the write lock."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="fr_one_counter_per_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last}"


class Photo(models.Model):
    """A photo of the place, re-encoded from its pixels (gandan.kit.uploads): no EXIF, so no GPS position and no
    camera owner reaches the disk. Citizens' photos and the officer's photo of the fix."""

    report = models.ForeignKey(FieldReport, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=RandomName("fieldreports/photos"))
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    public = models.BooleanField(default=True)  # an officer may withhold one (a face, a number plate)
    by_officer = models.BooleanField(default=False)
    update = models.ForeignKey(
        "Update", on_delete=models.SET_NULL, null=True, blank=True, related_name="photos"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report_id", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return f"{self.report_id}/{self.pk}"


class Update(models.Model):
    """One step of a report: a change of state and what the public (and the reporter) reads of it. Open311's
    `notes` and mySociety's `servicerequestupdates` are these rows."""

    report = models.ForeignKey(FieldReport, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=30, choices=STATUSES)  # the state after this step
    action = models.CharField(max_length=30, blank=True)  # core.fieldreports.Action, "" for a note
    note = models.TextField(blank=True)  # public
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    api_key = models.ForeignKey(
        "apikeys.ApiKey", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # an update posted by an integrator (servicerequestupdates)
    external_id = models.CharField(max_length=100, blank=True)  # the integrator's update_id
    at = models.DateTimeField()

    class Meta:
        ordering = ["report_id", "at", "id"]
        verbose_name = _("report update")
        verbose_name_plural = _("report updates")
        indexes = [models.Index(fields=["at", "id"], name="fr_update_at")]
        constraints = [
            models.UniqueConstraint(
                fields=["api_key", "external_id"],
                condition=~Q(external_id=""),
                name="fr_update_external_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.status}"
