"""Administrative units: a tree of any depth with a materialised path, so "the subtree of X" is a prefix query."""

from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("Centrally-run city")
    DISTRICT = "district", _("District (before 1/7/2025)")
    COMMUNE = "commune", _("Commune")
    WARD = "ward", _("Ward")
    SPECIAL_ZONE = "special_zone", _("Special zone")
    TOWN = "town", _("Township (before 1/7/2025)")
    VILLAGE = "village", _("Village")
    RESIDENTIAL_GROUP = "residential_group", _("Residential group")


PROVINCE_KINDS = {UnitKind.PROVINCE, UnitKind.CITY}
COMMUNE_KINDS = {UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE}
GRASSROOTS_KINDS = {UnitKind.VILLAGE, UnitKind.RESIDENTIAL_GROUP}


class UnitQuerySet(models.QuerySet):
    def subtree(self, path: str) -> "UnitQuerySet":
        return self.filter(subtree_q(path))

    def current(self) -> "UnitQuerySet":
        return self.filter(valid_to__isnull=True)


def subtree_q(path: str, field: str = "path") -> Q:
    """Rows whose `field` is `path` or lies below it. The trailing dot keeps "25.087" from matching "25.0877"."""
    return Q(**{field: path}) | Q(**{f"{field}__startswith": f"{path}."})


class Unit(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    code = models.CharField(_("code"), max_length=20, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    name_search = models.CharField(max_length=200, editable=False, db_index=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    is_remote = models.BooleanField(
        _("remote or disadvantaged area"),
        default=False,
        help_text=_("Longer statutory time limits apply to complaints in remote areas."),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    @cached_property
    def province_name(self) -> str:
        """The province part of the path, so "xã Sông Lô" is always shown with its province."""
        if self.parent_id is None:
            return ""
        root_path = self.path.split(".", 1)[0]
        root = Unit.objects.filter(path=root_path).only("name").first()
        return root.name if root else ""

    @property
    def display_name(self) -> str:
        province = self.province_name
        return f"{self.name}, {province}" if province else self.name


class UnitSuccession(models.Model):
    """A former unit and the unit that took over its territory (1/7/2025 for the two-level reform)."""

    former = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="successions", verbose_name=_("former unit")
    )
    successor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="predecessions", verbose_name=_("current unit")
    )
    effective = models.DateField(_("effective"))
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    confirmed = models.BooleanField(_("confirmed"), default=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["former__path"]
        constraints = [
            models.UniqueConstraint(fields=["former", "successor"], name="one_succession_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.former} → {self.successor}"
