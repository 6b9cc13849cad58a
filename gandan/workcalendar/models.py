"""The calendar's data: days off and make-up working days. The rules that use them live in core/workdays.py."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Day off")
    WORKING_DAY = "working_day", _("Make-up working day")


class DaySource(models.TextChoices):
    PACKAGE = "package", _("Seeded from the holidays package")
    OFFICIAL = "official", _("Official notice (seed correction)")
    OFFICIAL_EDIT = "edit", _("Entered by an official")


class CalendarDay(models.Model):
    """One date that differs from the Monday–Friday rule. Weekdays absent here are working days; weekend days
    absent here are days off."""

    day = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=200)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=DaySource.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"
