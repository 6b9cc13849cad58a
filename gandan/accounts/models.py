from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from gandan.accounts.rules import Perm, Role, has_perm


class RoleChoices(models.TextChoices):
    DESK_OFFICER = Role.DESK_OFFICER, _("Desk officer")
    CASE_HANDLER = Role.CASE_HANDLER, _("Case handler")
    UNIT_LEADER = Role.UNIT_LEADER, _("Unit leader (chairman / vice-chairman)")
    PARTY_SECRETARY = Role.PARTY_SECRETARY, _("Party secretary")
    MOBILIZATION_OFFICER = Role.MOBILIZATION_OFFICER, _("Mass-mobilisation officer")
    INSPECTOR = Role.INSPECTOR, _("Inspector")
    PROVINCE_SUPERVISOR = Role.PROVINCE_SUPERVISOR, _("Province-level supervisor")
    SYSTEM_ADMIN = Role.SYSTEM_ADMIN, _("System administrator")


class User(AbstractUser):
    """A staff member. Every staff user works for exactly one unit, and sees only that unit's subtree."""

    full_name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("unit"),
    )

    class Meta:
        verbose_name = _("staff user")
        verbose_name_plural = _("staff users")

    def __str__(self) -> str:
        return self.full_name or self.username

    @cached_property
    def role_set(self) -> frozenset[Role]:
        return frozenset(Role(r) for r in self.roles.values_list("role", flat=True))

    def has_role(self, role: Role) -> bool:
        return role in self.role_set

    def can(self, perm: Perm | str) -> bool:
        return self.is_active and self.unit_id is not None and has_perm(self.role_set, perm)


class UserRole(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=30, choices=RoleChoices.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="one_grant_per_role")]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"
